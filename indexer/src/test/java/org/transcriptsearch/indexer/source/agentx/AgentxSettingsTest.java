package org.transcriptsearch.indexer.source.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.SourceConfig;

class AgentxSettingsTest {
    private static AgentxSettings read(Map<String, Object> settings) {
        return AgentxSettings.read(new SourceConfig("agentx-store", "agentx", settings));
    }

    @Test
    void defaultsAreTheVendorsLimits() {
        AgentxSettings s = read(Map.of("baseUrl", "https://api.converseapps.com", "botName", "r3-218210", "apiKey", "k"));
        assertEquals(1000, s.pageSize());
        assertEquals(3, s.requestsPerSecond());
    }

    @Test
    void everyProblemAtOnceAndNeverOverTheVendorsRate() {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("baseUrl", "api.converseapps.com",
                "pageSize", "5000", "requestsPerSecond", "10", "windowSize", "soon", "apikey", "leaked-key")));
        String m = e.getMessage();
        assertTrue(m.contains("sources[agentx-store].baseUrl"), m);
        assertTrue(m.contains("sources[agentx-store].botName is missing"), m);
        assertTrue(m.contains("sources[agentx-store].apiKey is missing"), m);
        assertTrue(m.contains("sources[agentx-store].pageSize must be between 1 and 1000"), m);
        assertTrue(m.contains("sources[agentx-store].requestsPerSecond must be between 0 and 3"), m);
        assertTrue(m.contains("sources[agentx-store].windowSize"), m);
        assertTrue(m.contains("unknown key sources[agentx-store].apikey"), m);
        assertFalse(m.contains("leaked-key"), m);
    }
}
