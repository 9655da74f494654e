package org.transcriptsearch.indexer.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.indexer.IndexerRun;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/** {@code indexer setup} through the real CLI entry point against a real cluster. */
@ExtendWith(ElasticsearchExtension.class)
class SetupIT {

    static IndexerRun run(Map<String, String> env, String... args) {
        return IndexerRun.run(env, args);
    }

    @Test
    void installsEverythingOnceAndThenSaysNothingChanged(TestElasticsearch es, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("transcripts.yml");
        Files.writeString(config, "elasticsearch:\n  url: ${ES_URL}\nindex:\n  prefix: it-setup\n");
        Map<String, String> env = Map.of("ES_URL", es.url());

        IndexerRun first = run(env, "--config", config.toString(), "setup");
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("created index template it-setup-messages v3"), first.out());
        assertTrue(first.out().contains("created index it-setup-messages-v1 behind alias it-setup-messages"), first.out());
        for (String alias : List.of("it-setup-messages", "it-setup-conversations", "it-setup-state", "it-setup-runs",
                "it-setup-deadletter")) {
            assertTrue(es.request("GET", "/_alias/" + alias).contains(alias + "-v1"), alias);
        }
        String mapping = es.request("GET", "/it-setup-messages/_mapping");
        assertTrue(mapping.contains("\"dynamic\":\"strict\""), mapping);
        assertTrue(mapping.contains("transcripts_ko"), "the Korean sub-field uses the plugin's analyser: " + mapping);

        IndexerRun second = run(env, "--config", config.toString(), "setup");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().startsWith("Nothing to change"), second.out());
    }

    @Test
    void upgradesAnOlderTemplate(TestElasticsearch es, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("c.yml");
        Files.writeString(config, "index:\n  prefix: it-upgrade\n");
        Map<String, String> env = Map.of("ES_URL", es.url());
        assertEquals(0, run(env, "--config", config.toString(), "setup").exit());
        // An older installation: the runs template at version 0.
        String t = es.request("GET", "/_index_template/it-upgrade-runs");
        String body = t.substring(t.indexOf("\"index_template\":") + "\"index_template\":".length(), t.lastIndexOf("}]}"));
        es.request("PUT", "/_index_template/it-upgrade-runs", body.replace("\"version\":2", "\"version\":0"));

        IndexerRun r = run(env, "--config", config.toString(), "setup");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("upgraded it-upgrade-runs from v0 to v2"), r.out());
    }

    /**
     * A harvest never writes into mappings older than the build (strict mappings would refuse every document
     * with the new fields): it says to run setup, which upgrades them in place.
     */
    @Test
    void aHarvestOnOlderMappingsAsksForSetupWhichUpgradesThem(TestElasticsearch es, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("c.yml");
        Files.writeString(config, "index:\n  prefix: it-older\nsources:\n  - name: cx\n    type: cxone\n"
                + "    baseUrl: http://127.0.0.1:9\n    token: ${CX_TOKEN}\n");
        Map<String, String> env = Map.of("ES_URL", es.url(), "CX_TOKEN", "t0ken-for-a-vendor-never-called");
        assertEquals(0, run(env, "--config", config.toString(), "setup").exit());
        es.request("PUT", "/it-older-messages/_mapping", "{\"_meta\":{\"schema_version\":1}}"); // as an older build left it

        IndexerRun refused = run(env, "--config", config.toString(), "harvest");
        assertEquals(1, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("older than this build") && refused.err().contains("setup"), refused.err());
        IndexerRun setup = run(env, "--config", config.toString(), "setup");
        assertTrue(setup.out().contains("upgraded the mappings of it-older-messages-v1 in place from schema v1 to v3"), setup.out());
        assertTrue(setup.out().contains("rebuild --redact") || setup.err().contains("rebuild --redact"),
                "the note of v3 says how to redact what is stored: " + setup.out() + setup.err());
    }

    /** Conversations from before conversation texts: setup adds the field in place and says that rebuild fills it. */
    @Test
    void conversationsWithoutTextAreUpgradedInPlaceWithAWordAboutRebuild(TestElasticsearch es, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("c.yml");
        Files.writeString(config, "index:\n  prefix: it-notext\nsources:\n  - name: cx\n    type: cxone\n"
                + "    baseUrl: http://127.0.0.1:9\n    token: ${CX_TOKEN}\n");
        Map<String, String> env = Map.of("ES_URL", es.url(), "CX_TOKEN", "t0ken-for-a-vendor-never-called");
        assertEquals(0, run(env, "--config", config.toString(), "setup").exit());
        es.request("PUT", "/it-notext-conversations/_mapping", "{\"_meta\":{\"schema_version\":1}}");
        IndexerRun setup = run(env, "--config", config.toString(), "setup");
        assertEquals(0, setup.exit(), setup.out() + setup.err());
        assertTrue(setup.out().contains("upgraded the mappings of it-notext-conversations-v1 in place from schema v1 to v3"), setup.out());
        assertTrue((setup.out() + setup.err()).contains("run `indexer.jar rebuild` to give every one its messages' texts"),
                setup.out() + setup.err());
        IndexerRun again = run(env, "--config", config.toString(), "setup");
        assertFalse((again.out() + again.err()).contains("rebuild"), "said once: " + again.out());
    }

    /** Commands that talk only to Elasticsearch run without vendor secrets; a harvest names the one it lacks. */
    @Test
    void onlyTheCommandsThatCallAVendorNeedItsSecrets(TestElasticsearch es, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("s.yml");
        Files.writeString(config, "index:\n  prefix: it-nosecrets\nsources:\n  - name: cx\n    type: cxone\n"
                + "    baseUrl: http://127.0.0.1:9\n    token: ${IT_UNSET_CX_TOKEN}\n");
        Map<String, String> env = Map.of("ES_URL", es.url());
        for (String[] command : new String[][] {{"setup"}, {"status"}, {"rebuild"}, {"forget", "--list"}}) {
            List<String> args = new ArrayList<>(List.of("--config", config.toString()));
            args.addAll(List.of(command));
            IndexerRun r = run(env, args.toArray(String[]::new));
            assertEquals(0, r.exit(), String.join(" ", command) + ": " + r.out() + r.err());
        }
        IndexerRun harvest = run(env, "--config", config.toString(), "harvest");
        assertEquals(2, harvest.exit(), harvest.out() + harvest.err());
        assertTrue(harvest.err().contains("sources[cx].token refers to the environment variable IT_UNSET_CX_TOKEN, which is not set"),
                harvest.err());
    }

    @Test
    void anUnreachableClusterIsOneClearLine(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ES_URL", "http://127.0.0.1:9");
        env.put("TRANSCRIPTS_ES_WAIT", "2");
        IndexerRun r = run(env, "setup");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("error: Elasticsearch at http://127.0.0.1:9 is not ready after 2 s"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void usageErrorsExitWithTwo() {
        IndexerRun unknown = run(Map.of(), "frobnicate");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());
        IndexerRun extra = run(Map.of(), "setup", "--force");
        assertEquals(2, extra.exit());
        assertTrue(extra.err().contains("unknown option '--force'"), extra.err());
        IndexerRun badConfig = run(Map.of(), "--config", "/nonexistent/transcripts.yml", "setup");
        assertEquals(2, badConfig.exit());
        assertTrue(badConfig.err().contains("config file /nonexistent/transcripts.yml does not exist"), badConfig.err());
    }
}
