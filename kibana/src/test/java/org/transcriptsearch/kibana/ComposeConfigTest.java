package org.transcriptsearch.kibana;

import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.AppConfig;
import org.transcriptsearch.config.ConfigFile;
import org.transcriptsearch.config.SourceConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The indexer configuration the compose stack mounts loads cleanly with the environment compose gives the
 * indexer and setup containers (.env.example's variables filled): their own user, not elastic, and the
 * index prefix of .env.
 */
class ComposeConfigTest {

    @Test
    void theStacksIndexerConfigurationLoadsWithTheIndexersOwnUser() throws IOException {
        Map<String, String> dotEnv = ComposeStack.exampleEnv();
        AppConfig config = load(dotEnv, "indexer", "transcripts.yml");
        assertEquals("http://elasticsearch:9200", config.elasticsearch().url());
        assertEquals("transcripts_indexer", config.elasticsearch().username());
        assertEquals(dotEnv.get("INDEXER_ES_PASSWORD"), config.elasticsearch().password());
        assertEquals("transcripts", config.index().prefix());
        assertEquals(List.of("cxone-support", "kore-banking", "agentx-store"),
                config.sources().stream().map(SourceConfig::name).toList());
        assertTrue(config.privacy().enabled(), "the stack redacts personal data by default");
    }

    @Test
    void theIndexPrefixOfDotEnvReachesTheIndexer() throws IOException {
        Map<String, String> dotEnv = new HashMap<>(ComposeStack.exampleEnv());
        dotEnv.put("INDEX_PREFIX", "acme");
        assertEquals("acme", load(dotEnv, "indexer", "transcripts.yml").index().prefix());
        assertEquals("acme", load(dotEnv, "setup", "setup.yml").index().prefix());
        assertEquals("acme", ComposeStack.load(dotEnv).environment("search-api").get("INDEX_PREFIX"));
        assertEquals("acme", ComposeStack.load(dotEnv).environment("setup").get("INDEX_PREFIX"));
        assertEquals("acme", ComposeStack.load(dotEnv).environment("security").get("INDEX_PREFIX"));
    }

    @Test
    void theSetupOneShotRunsAsTheIndexerWithoutAnyVendorAccount() throws IOException {
        Map<String, String> dotEnv = ComposeStack.exampleEnv();
        Map<String, String> env = ComposeStack.load(dotEnv).environment("setup");
        assertEquals("/opt/transcripts/setup.yml", env.get("INDEXER_CONFIG"), "the file the image holds (docker/setup.yml)");
        AppConfig config = load(dotEnv, "setup", "setup.yml");
        assertEquals("transcripts_indexer", config.elasticsearch().username());
        assertEquals(dotEnv.get("INDEXER_ES_PASSWORD"), config.elasticsearch().password());
        assertEquals(List.of(), config.sources());
        assertEquals("transcripts_kibana_setup", env.get("KIBANA_USER"));
        assertEquals(dotEnv.get("KIBANA_SETUP_PASSWORD"), env.get("KIBANA_USER_PASSWORD"));
    }

    private static AppConfig load(Map<String, String> dotEnv, String service, String file) throws IOException {
        // Only what compose puts in the container: .env itself does not reach it.
        return ConfigFile.load(Path.of("../docker/" + file), ComposeStack.load(dotEnv).environment(service));
    }
}
