package org.transcriptsearch.kibana;

import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.AppConfig;
import org.transcriptsearch.config.ConfigFile;
import org.transcriptsearch.config.SourceConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The indexer configuration the compose stack mounts loads cleanly once .env.example's variables are filled. */
class ComposeConfigTest {

    @Test
    void theStacksIndexerConfigurationLoadsWithEveryVariableOfEnvExample() throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("../.env.example"))) {
            if (line.matches("[A-Z_][A-Z0-9_]*=.*")) {
                String name = line.substring(0, line.indexOf('='));
                String value = line.substring(line.indexOf('=') + 1);
                env.put(name, value.isEmpty() ? "placeholder-" + name.toLowerCase() : value);
            }
        }
        AppConfig config = ConfigFile.load(Path.of("../docker/transcripts.yml"), env);
        assertEquals("http://elasticsearch:9200", config.elasticsearch().url());
        assertEquals("elastic", config.elasticsearch().username());
        assertEquals(List.of("cxone-support", "kore-banking", "agentx-store"),
                config.sources().stream().map(SourceConfig::name).toList());
    }
}
