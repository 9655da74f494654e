package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * {@code search-api.jar --config FILE} as an operator runs it, in a JVM of its own: it finds Elasticsearch and the
 * indices through the indexer's file, and its stderr is log lines in the format asked for.
 */
@ExtendWith(ElasticsearchExtension.class)
class SearchApiConfigIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "it-config-file";

    @TempDir
    Path dir;

    @Test
    void theApiStartedWithTheIndexersFileSearchesItsIndicesAndLogsEcsJson(TestElasticsearch es) throws Exception {
        TranscriptFixture fixture = new TranscriptFixture();
        fixture.index(es, es.setup(PREFIX));
        Path config = dir.resolve("transcripts.yml");
        // The indexer's whole file, a vendor secret unset: the API reads what it needs and leaves the rest.
        Files.writeString(config, "elasticsearch:\n  url: " + es.url() + "\nindex:\n  prefix: " + PREFIX + "\n"
                + "sources:\n  - name: cxone-support\n    type: cxone\n    baseUrl: https://cxone.example\n"
                + "    token: ${IT_CONFIG_UNSET_TOKEN}\n");
        int port = freePort();
        Map<String, String> env = credentials(es.settings());
        env.put("PORT", String.valueOf(port));
        env.put("TRANSCRIPTS_LOG_FORMAT", "json");

        Process api = start("api", env, "--config", config.toString());
        String base = "http://127.0.0.1:" + port;
        try {
            awaitListening(api, "api");
            Http.Answer all = Http.get(base + "/api/search?size=1");
            assertEquals(200, all.status(), all.toString());
            assertEquals(fixture.messages.size(), all.json().getLong("total"), "the file's prefix, not the default one");
            Http.Answer found = Http.get(base + "/api/search?q=refund");
            assertEquals(200, found.status(), found.toString());
            assertTrue(found.json().getLong("total") > 0, found.toString());
        } finally {
            api.destroy(); // SIGTERM: the shutdown hook closes the server, as under an orchestrator
            assertTrue(api.waitFor(60, TimeUnit.SECONDS), "the API stops on SIGTERM");
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("api.err"))) {
            lines.add(JSON.readTree(line)); // every line of stderr is one JSON object
        }
        List<JsonNode> access = lines.stream()
                .filter(l -> l.path("log.logger").asText().equals(AccessLogger.LOGGER)).toList();
        assertEquals(2, access.size(), "one access line per request: " + lines);
        assertTrue(access.get(1).path("message").asText().startsWith("GET /api/search?q=*** 200 "), access.toString());
        for (JsonNode line : lines) {
            assertEquals("search-api", line.path("service.name").asText(), line.toString());
            assertTrue(line.path("@timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                    line.toString());
            assertTrue(line.has("log.level") && line.has("message") && line.has("ecs.version")
                    && line.has("process.thread.name"), line.toString());
        }
        assertTrue(lines.stream().anyMatch(l -> l.path("message").asText().contains("listening on " + base)), lines.toString());
    }

    @Test
    void aFileItCannotReadOrALogFormatItDoesNotKnowStopsItWithExit2(TestElasticsearch es) throws Exception {
        Path missing = dir.resolve("missing.yml");
        Process absent = start("absent", credentials(es.settings()), "--config=" + missing);
        assertTrue(absent.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, absent.exitValue());
        assertEquals("error: configuration problem: config file " + missing + " does not exist",
                Files.readString(dir.resolve("absent.err")).strip());

        Path broken = dir.resolve("broken.yml");
        Files.writeString(broken, "index:\n  prefix: [unclosed\n");
        Process yaml = start("yaml", credentials(es.settings()), "--config", broken.toString());
        assertTrue(yaml.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, yaml.exitValue());
        String err = Files.readString(dir.resolve("yaml.err")).strip();
        assertTrue(err.startsWith("error: configuration problem: " + broken + " is not valid YAML at line"), err);

        Process format = start("format", credentials(es.settings()), "--log-format", "xml");
        assertTrue(format.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, format.exitValue());
        assertEquals("error: configuration problem: --log-format must be text or json, not 'xml'",
                Files.readString(dir.resolve("format.err")).strip());
    }

    /** The test cluster's credentials as the API reads them from the environment (none for the embedded node). */
    private static Map<String, String> credentials(ElasticsearchSettings settings) {
        Map<String, String> env = new HashMap<>();
        if (settings.apiKey() != null) {
            env.put("ES_API_KEY", settings.apiKey());
        }
        if (settings.username() != null) {
            env.put("ES_USERNAME", settings.username());
            env.put("ES_PASSWORD", settings.password());
        }
        if (settings.caFile() != null) {
            env.put("ES_CA_FILE", settings.caFile().toString());
        }
        return env;
    }

    /** {@link SearchApiMain} in a JVM of its own; stdout and stderr in {@code name}.out and {@code name}.err. */
    private Process start(String name, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                SearchApiMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ES_") || k.startsWith("SEARCH_") || k.startsWith("TRANSCRIPTS_")
                || k.equals("INDEX_PREFIX") || k.equals("PORT") || k.equals("HOST"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private void awaitListening(Process api, String name) throws Exception {
        Path out = dir.resolve(name + ".out");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && Files.readString(out).startsWith("search API: ")) {
                return;
            }
            if (!api.isAlive()) {
                throw new AssertionError("the API ended with " + api.exitValue() + ": " + Files.readString(dir.resolve(name + ".err")));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the API did not start in 90 s: " + Files.readString(dir.resolve(name + ".err")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
