package org.transcriptsearch.indexer.source.kore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.SourceConfig;

class KoreSettingsTest {
    private static KoreSettings read(Map<String, Object> settings) {
        return KoreSettings.read(new SourceConfig("kore-banking", "kore", settings));
    }

    @Test
    void defaultsKeepWithinTheVendorsLimits() {
        KoreSettings s = read(Map.of("baseUrl", "https://bots.kore.ai/", "botId", "st-1", "clientId", "cs-1",
                "clientSecret", "secret"));
        assertEquals("https://bots.kore.ai", s.baseUrl());
        assertEquals(100, s.pageSize());
        assertTrue(s.windowSize().compareTo(Duration.ofDays(7)) < 0);
        assertEquals(60, s.callsPerMinute());
        assertEquals(1800, s.callsPerHour());
        assertEquals(List.of(), s.channelTypes());
        assertEquals("clientId/clientSecret", s.credentialKey());
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsKeyAndNoSecret() {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("baseUrl", "ftp://x",
                "clientSecret", "hunter2-secret", "pageSize", "500", "windowSize", "7d", "colour", "blue")));
        String m = e.getMessage();
        assertTrue(m.contains("sources[kore-banking].baseUrl"), m);
        assertTrue(m.contains("sources[kore-banking].botId"), m);
        assertTrue(m.contains("sources[kore-banking].clientId"), m);
        assertTrue(m.contains("sources[kore-banking].pageSize must be between 1 and 100"), m);
        assertTrue(m.contains("sources[kore-banking].windowSize") && m.contains("shorter than 7d"), m);
        assertTrue(m.contains("unknown key sources[kore-banking].colour"), m);
        assertFalse(m.contains("hunter2-secret"), m);
    }

    @Test
    void aReadyJwtOrClientCredentialsButNotBoth() {
        KoreSettings s = read(Map.of("baseUrl", "https://bots.kore.ai", "botId", "st-1", "jwt", "a.b.c"));
        assertEquals("a.b.c", s.jwt());
        assertEquals("jwt", s.credentialKey());
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("baseUrl", "https://bots.kore.ai",
                "botId", "st-1", "jwt", "a.b.c", "clientId", "cs", "clientSecret", "x")));
        assertTrue(e.getMessage().contains("either a ready jwt or the app's clientId and clientSecret"), e.getMessage());
    }

    @Test
    void windowJustUnderSevenDaysIsAcceptedAndChannelTypesAreAList() {
        KoreSettings s = read(Map.of("baseUrl", "https://bots.kore.ai", "botId", "st-1", "jwt", "a.b.c",
                "windowSize", "167h", "channelTypes", "[rtm, msteams]"));
        assertEquals(Duration.ofHours(167), s.windowSize());
        assertEquals(List.of("rtm", "msteams"), s.channelTypes());
    }
}
