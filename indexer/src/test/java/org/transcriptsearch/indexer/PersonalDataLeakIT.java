package org.transcriptsearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.indexer.source.VendorHarvestHarness;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.FaultProxy;
import org.transcriptsearch.testkit.ItemFault;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Personal data typed by the sandbox's customers (phones, e-mail addresses, cards, IBANs, national ids, IPs
 * in four languages) against the product's commands, each run in its own JVM as a user runs them: with a
 * {@code privacy:} section, a harvest of all three vendors (through a broken vendor record and a document
 * Elasticsearch refuses) leaves no planted value in any document of any index under its prefix, in any
 * output or in any file under its home; messages that held one say its kind in {@code pii}. Harvested
 * without redaction, the values are there (the search can find them), and {@code rebuild --redact} removes
 * every one of them, previous index versions included.
 */
@ExtendWith(ElasticsearchExtension.class)
class PersonalDataLeakIT {
    private static final String PRIVACY = "privacy:\n  redact: all\n";

    private final List<String> problems = new ArrayList<>();

    @Test
    void aHarvestWithRedactionStoresPrintsAndKeepsNoPlantedValue(TestElasticsearch es, @TempDir Path dir) throws Exception {
        String prefix = "it-privacy";
        Path home = Files.createDirectories(dir.resolve("home"));
        ProductRuns runs = new ProductRuns(dir, problems::add);
        try (VendorSandbox sandbox = VendorSandbox.start(SandboxOptions.builder().seed(1515).conversationsPerVendor(40)
                .rateLimits(false).build());
             FaultProxy proxy = FaultProxy.start(es.url())) {
            Map<String, String> env = ProductRuns.sandboxEnvironment(sandbox, home);
            Path config = config(dir, "privacy.yml", proxy.url(), prefix, sandbox, PRIVACY);
            assertEquals(0, runs.indexer("setup", env, config, "setup").exit());
            sandbox.faults().next(Vendor.AGENTX, Fault.malformedRecord());
            sandbox.faults().next(Vendor.KORE, Fault.futureRecord());
            proxy.failNextItems(ItemFault.MAPPING_ERROR, 2);
            ProductRuns.Run harvest = runs.indexer("harvest", env, config, "harvest");
            assertEquals(3, harvest.exit(), "records were set aside: " + harvest.all());
            proxy.clear();
            runs.indexer("status", env, config, "status");
            runs.indexer("set-aside-list", env, config, "set-aside", "list");

            List<GroundTruth.PlantedValue> planted = planted(sandbox);
            es.refresh();
            StringBuilder stored = new StringBuilder();
            assertTrue(ProductRuns.dump(es, prefix, stored) > 500, "the dump holds the harvest's documents");
            assertTrue(stored.indexOf(prefix + "-deadletter") >= 0, "set-aside records are part of the dump");
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("stored documents under " + prefix + "-*", stored.toString());
            for (Path p : runs.outputs()) {
                texts.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
            try (Stream<Path> files = Files.walk(home)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    texts.put(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                }
            }
            texts.forEach((where, text) -> {
                for (GroundTruth.PlantedValue p : planted) {
                    for (String form : forms(p.value())) {
                        int at = text.indexOf(form);
                        if (at >= 0) {
                            problems.add(where + ": planted " + p.kind() + " " + form + ": ..." + ProductRuns.around(text, at) + "...");
                        }
                    }
                }
            });

            // The message that held each value says its kind, and shows a placeholder where the value was.
            for (GroundTruth.PlantedValue p : planted) {
                String placeholder = "[" + p.kind().toUpperCase() + "]";
                JsonNode hits = VendorHarvestHarness.json(es.request("POST", "/" + prefix + "-messages/_search",
                        "{\"size\":50,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"conversation.id\":\"" + p.conversationId()
                                + "\"}},{\"term\":{\"pii\":\"" + p.kind() + "\"}},{\"term\":{\"role\":\"user\"}}]}}}"))
                        .path("hits").path("hits");
                boolean shown = false;
                for (JsonNode h : hits) {
                    shown |= h.path("_source").path("text").asText().contains(placeholder);
                }
                if (!shown) {
                    problems.add("conversation " + p.conversationId() + ": no user message with pii " + p.kind()
                            + " showing " + placeholder);
                }
                long conversations = VendorHarvestHarness.json(es.request("POST", "/" + prefix + "-conversations/_count",
                        "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"conversation.id\":\"" + p.conversationId()
                                + "\"}},{\"term\":{\"pii\":\"" + p.kind() + "\"}}]}}}")).path("count").asLong();
                if (conversations != 1) {
                    problems.add("conversation " + p.conversationId() + ": its document's pii lacks " + p.kind());
                }
            }
            assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
        }
    }

    @Test
    void rebuildRedactRemovesWhatWasStoredAsTyped(TestElasticsearch es, @TempDir Path dir) throws Exception {
        String prefix = "it-privacy-late";
        Path home = Files.createDirectories(dir.resolve("home"));
        ProductRuns runs = new ProductRuns(dir, problems::add);
        try (VendorSandbox sandbox = VendorSandbox.start(SandboxOptions.builder().seed(1616).conversationsPerVendor(40)
                .rateLimits(false).build())) {
            Map<String, String> env = ProductRuns.sandboxEnvironment(sandbox, home);
            Path plain = config(dir, "plain.yml", es.url(), prefix, sandbox, "");
            Path redacting = config(dir, "redacting.yml", es.url(), prefix, sandbox, PRIVACY);
            assertEquals(0, runs.indexer("setup", env, plain, "setup").exit());
            ProductRuns.Run harvest = runs.indexer("harvest", env, plain, "harvest");
            assertEquals(0, harvest.exit(), harvest.all());
            List<GroundTruth.PlantedValue> planted = planted(sandbox);
            assertTrue(leaks(es, prefix, planted).size() >= planted.size(),
                    "without a privacy: section every value is stored as typed (this test can see them)");

            ProductRuns.Run refused = runs.indexer("rebuild-without-rules", env, plain, "rebuild", "--redact");
            assertEquals(2, refused.exit(), refused.all());
            assertTrue(refused.err().contains("privacy:"), "names the section it needs: " + refused.err());

            ProductRuns.Run rebuild = runs.indexer("rebuild", env, redacting, "rebuild", "--redact");
            assertEquals(0, rebuild.exit(), rebuild.all());
            assertTrue(rebuild.out().contains("redacted"), rebuild.out());
            List<String> left = leaks(es, prefix, planted);
            assertTrue(left.isEmpty(), left.size() + " planted values left after rebuild --redact:\n" + String.join("\n", left));
            String indices = es.request("GET", "/_cat/indices/" + prefix + "-messages-v*,"
                    + prefix + "-conversations-v*?h=index&expand_wildcards=all");
            assertEquals(2, indices.strip().split("\\s+").length, "the versions that held the values are gone: " + indices);
            assertTrue(es.count(prefix + "-messages") > 0 && VendorHarvestHarness.json(es.request("POST",
                    "/" + prefix + "-messages/_count", "{\"query\":{\"exists\":{\"field\":\"pii\"}}}")).path("count").asLong()
                    >= planted.size(), "the redacted messages say what they held");
            assertTrue(VendorHarvestHarness.json(es.request("POST", "/" + prefix + "-conversations/_count",
                    "{\"query\":{\"exists\":{\"field\":\"pii\"}}}")).path("count").asLong() >= planted.size() / 2,
                    "and so do their conversations");

            // Harvested again with the rules on: what the vendor still serves as typed is stored redacted.
            ProductRuns.Run again = runs.indexer("reindex", env, redacting, "reindex", "--source", "it-agentx",
                    "--from", "2020-01-01");
            assertEquals(0, again.exit(), again.all());
            left = leaks(es, prefix, planted);
            assertTrue(left.isEmpty(), String.join("\n", left));
        }
    }

    private static List<String> leaks(TestElasticsearch es, String prefix, List<GroundTruth.PlantedValue> planted) {
        es.refresh();
        StringBuilder stored = new StringBuilder();
        ProductRuns.dump(es, prefix, stored);
        List<String> found = new ArrayList<>();
        for (GroundTruth.PlantedValue p : planted) {
            for (String form : forms(p.value())) {
                int at = stored.indexOf(form);
                if (at >= 0) {
                    found.add(p.kind() + " " + form + ": ..." + ProductRuns.around(stored.toString(), at) + "...");
                }
            }
        }
        return found;
    }

    /** The value as typed, and its digits alone where they are many (a store that dropped the spaces still holds it). */
    private static Set<String> forms(String value) {
        Set<String> forms = new LinkedHashSet<>(List.of(value));
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.length() >= 10) {
            forms.add(digits);
        }
        return forms;
    }

    private static List<GroundTruth.PlantedValue> planted(VendorSandbox sandbox) {
        List<GroundTruth.PlantedValue> all = new ArrayList<>();
        for (Vendor v : Vendor.values()) {
            all.addAll(sandbox.groundTruth().personalData(v));
        }
        Set<String> kinds = new java.util.TreeSet<>();
        all.forEach(p -> kinds.add(p.kind()));
        assertTrue(all.size() >= 15, "the sandbox planted enough values: " + all.size());
        assertFalse(kinds.size() < 5, "of most kinds: " + kinds);
        return all;
    }


    private static Path config(Path dir, String name, String esUrl, String prefix, VendorSandbox sandbox, String privacy)
            throws java.io.IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "elasticsearch:\n  url: " + esUrl + "\nindex:\n  prefix: " + prefix + "\n"
                + "harvest:\n  settle: 0s\n  overlap: 30m\n  timeout: 5s\n  retries: 4\n"
                + privacy + ProductRuns.sandboxSources(sandbox, "${IT_CXONE_TOKEN}"));
        return file;
    }
}
