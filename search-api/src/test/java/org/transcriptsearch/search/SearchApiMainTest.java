package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.ConfigException;

/** The environment the CLI reads, without starting anything. */
class SearchApiMainTest {

    @Test
    void concurrencyPerCallerComesFromTheEnvironment() {
        assertEquals(ConcurrentRequestLimit.DEFAULT_PER_CALLER, SearchApiMain.options(Map.of(), false).concurrentRequests());
        assertEquals(3, SearchApiMain.options(Map.of("SEARCH_API_CONCURRENCY", " 3 "), false).concurrentRequests());
        for (String bad : new String[] {"0", "-1", "many", "1e3", "10001"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> SearchApiMain.options(Map.of("SEARCH_API_CONCURRENCY", bad), false));
            assertTrue(e.getMessage().contains("SEARCH_API_CONCURRENCY") && e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void aSynonymFolderComesFromTheEnvironment() {
        assertEquals(null, SearchApiMain.options(Map.of(), false).synonyms());
        assertEquals(java.nio.file.Path.of("/etc/synonyms"),
                SearchApiMain.options(Map.of("SEARCH_SYNONYMS", " /etc/synonyms "), false).synonyms());
        assertTrue(SearchApiMain.USAGE.contains("SEARCH_SYNONYMS"));
    }
}
