package org.transcriptsearch.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.secrets.Redactor;

/**
 * Golden tests for every installed connector: each {@code src/test/resources/<vendor>/<case>.json} (a
 * vendor response body as it comes over the wire) is mapped with {@link SourceConnector#mapPage} and
 * compared with {@code <case>-expected.json}:
 * {@code {"stream": optional, "messages": [{"_id": ..., document...}], "conversations": [facts...], "setAside": [...]}}.
 * {@code <vendor>/golden-source.json} (optional) holds the source settings (secrets are dummies).
 * With {@code -Dgolden.write=true} the actual output is also written to {@code target/golden-actual/}
 * for review; it never overwrites an expected file.
 */
class GoldenCasesTest {
    private static final ObjectMapper JSON = ElasticsearchConnection.newObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);
    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseOfEveryVendor() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenCasesTest.class.getResource("/").toURI());
        Connectors connectors = Connectors.installed();
        List<DynamicTest> tests = new ArrayList<>();
        for (String vendor : connectors.types()) {
            Path dir = root.resolve(vendor);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".json"))
                        .filter(p -> !p.getFileName().toString().endsWith("-expected.json"))
                        .filter(p -> !p.getFileName().toString().equals("golden-source.json"))
                        .sorted()
                        .forEach(p -> tests.add(DynamicTest.dynamicTest(vendor + "/" + p.getFileName(),
                                () -> check(connectors, vendor, p))));
            }
        }
        assertFalse(tests.isEmpty(), "no golden cases found under " + root);
        return tests.stream();
    }

    private void check(Connectors connectors, String vendor, Path input) throws IOException {
        String name = input.getFileName().toString().replaceAll("\\.json$", "");
        Path expectedFile = input.resolveSibling(name + "-expected.json");
        JsonNode expected = Files.isRegularFile(expectedFile) ? JSON.readTree(expectedFile.toFile()) : JSON.createObjectNode();
        try (SourceConnector connector = connectors.create(sourceConfig(vendor, input.getParent()), context())) {
            String stream = expected.hasNonNull("stream") ? expected.get("stream").asText() : connector.streams().get(0);
            SourcePage page = connector.mapPage(stream, Files.readString(input, StandardCharsets.UTF_8),
                    "golden:" + vendor + "/" + input.getFileName());
            ObjectNode actual = render(stream, page, expected.hasNonNull("stream"));
            if (Boolean.getBoolean("golden.write")) {
                Path out = Path.of("target", "golden-actual", vendor, name + "-expected.json");
                Files.createDirectories(out.getParent());
                Files.writeString(out, JSON.writeValueAsString(actual));
            }
            assertTrue(Files.isRegularFile(expectedFile), "missing " + expectedFile.getFileName() + " for " + input.getFileName());
            // Both sides read by the same parser, so numbers compare by value, not by how they were printed.
            JsonNode reread = JSON.readTree(JSON.writeValueAsString(actual));
            assertEquals(JSON.writeValueAsString(expected), JSON.writeValueAsString(reread),
                    vendor + "/" + input.getFileName() + " mapped differently (run with -Dgolden.write=true and "
                            + "compare target/golden-actual)");
        }
    }

    private static ObjectNode render(String stream, SourcePage page, boolean withStream) {
        ObjectNode out = JSON.createObjectNode();
        if (withStream) {
            out.put("stream", stream);
        }
        ArrayNode messages = out.putArray("messages");
        for (MessageDocument m : page.messages()) {
            ObjectNode doc = JSON.createObjectNode();
            doc.put("_id", m.id());
            doc.setAll((ObjectNode) JSON.valueToTree(m));
            messages.add(doc);
        }
        out.set("conversations", JSON.valueToTree(page.conversations()));
        ArrayNode setAside = out.putArray("setAside");
        for (SetAside s : page.setAside()) {
            ObjectNode a = setAside.addObject().put("location", s.location()).put("reason", s.reason());
            if (s.conversationId() != null) {
                a.put("conversationId", s.conversationId());
            }
            if (s.record() != null) { // kept whole in the dead-letter index: shown parsed, so it reads as the vendor sent it
                try {
                    a.set("record", JSON.readTree(s.record()));
                } catch (IOException e) {
                    a.put("record", s.record());
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static SourceConfig sourceConfig(String vendor, Path dir) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        Path f = dir.resolve("golden-source.json");
        if (Files.isRegularFile(f)) {
            settings.putAll(JSON.readValue(f.toFile(), Map.class));
        }
        return new SourceConfig("golden-" + vendor, vendor, settings);
    }

    private static ConnectorContext context() {
        return new ConnectorContext(VERTX, Redactor.none(),
                Clock.fixed(Instant.parse("2024-07-03T00:00:00Z"), ZoneOffset.UTC), RetryPolicy.defaults());
    }
}
