package org.transcriptsearch.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A URL with {@code user:password@} is refused wherever Elasticsearch's URL is read, naming the keys to use instead. */
class CredentialsInUrlTest {
    private static final String PASSWORD = "Zx9-url-pass";

    @Test
    void theConfigFileRefusesItAndNamesUsernameAndPassword() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.parse(
                "elasticsearch:\n  url: ${ES_URL}\n", "t.yml", Map.of("ES_URL", "https://elastic:" + PASSWORD + "@es.example:9200")));
        String m = e.getMessage();
        assertFalse(m.contains(PASSWORD) || m.contains("elastic:"), m);
        assertTrue(m.contains("elasticsearch.url must not hold a user or password (https://***@es.example:9200)"), m);
        assertTrue(m.contains("elasticsearch.username and elasticsearch.password"), m);
    }

    @Test
    void esUrlReadForAFileWithoutUrlIsRefusedUnderItsOwnName() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.parse(
                "index:\n  prefix: x\n", "t.yml", Map.of("ES_URL", "http://u:" + PASSWORD + "@localhost:9200/")));
        assertTrue(e.getMessage().contains("ES_URL"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void theEnvironmentAsTheSearchApiReadsItRefusesItAndNamesEsUsernameAndEsPassword() {
        for (String url : new String[]{"https://elastic:" + PASSWORD + "@es.example:9200", "elastic:" + PASSWORD + "@es.example:9200",
                "http://" + PASSWORD + "@es.example"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ElasticsearchSettings.fromEnvironment(Map.of("ES_URL", url)), url);
            String m = e.getMessage();
            assertFalse(m.contains(PASSWORD), m);
            assertTrue(m.contains("ES_URL must not hold a user or password") && m.contains("ES_USERNAME and ES_PASSWORD"), m);
        }
        assertThrows(ConfigException.class, () -> new ElasticsearchSettings("http://a:" + PASSWORD + "@h:9200", null, null, null, null));
    }

    @Test
    void atSignsAfterTheHostAreNotCredentials() {
        ElasticsearchSettings s = ElasticsearchSettings.fromEnvironment(Map.of("ES_URL", "http://es.example:9200/path@x?q=a@b",
                "ES_USERNAME", "elastic", "ES_PASSWORD", PASSWORD));
        assertTrue(s.url().startsWith("http://es.example:9200"), s.url());
        assertFalse(s.toString().contains(PASSWORD), s.toString());
    }
}
