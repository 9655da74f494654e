package org.transcriptsearch.indexer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.AppConfig;
import org.transcriptsearch.config.ConfigFile;
import org.transcriptsearch.config.SourceConfig;

class SourceOptionTest {
    private static final AppConfig CONFIG = ConfigFile.parse("""
            sources:
              - name: cx
                type: cxone
                baseUrl: https://example.test
                token: ${CX_TOKEN}
              - name: kr
                type: kore
                baseUrl: https://example.test
                botId: st-1
                clientId: ${KR_ID}
                clientSecret: ${KR_SECRET}
            """, "t.yml", Map.of());

    @Test
    void noNameIsEverySourceAndANameTwiceIsOneSource() {
        assertEquals(List.of("cx", "kr"), names(SourceOption.select(CONFIG, List.of())));
        assertEquals(List.of("kr", "cx"), names(SourceOption.select(CONFIG, List.of("kr", "cx", "kr"))));
    }

    @Test
    void anUnknownNameIsAUsageErrorNamingTheOptionAndTheConfiguredSources() {
        UsageException e = assertThrows(UsageException.class, () -> SourceOption.select(CONFIG, List.of("cx", "nope")));
        assertEquals("--source nope is not a configured source (configured: cx, kr)", e.getMessage());
        UsageException inside = assertThrows(UsageException.class, () -> SourceOption.require(CONFIG, "zz", "--conversation"));
        assertEquals("--conversation zz is not a configured source (configured: cx, kr)", inside.getMessage());
    }

    private static List<String> names(List<SourceConfig> sources) {
        return sources.stream().map(SourceConfig::name).toList();
    }
}
