package org.transcriptsearch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
    private static final String DESIGN_EXAMPLE = """
            elasticsearch:
              url: ${ES_URL}            # absent or empty: the embedded local node
            index:
              prefix: transcripts
            sources:
              - name: cxone-support
                type: cxone
                baseUrl: https://bot-builder-de-na1.niceincontact.com
                token: ${CXONE_TOKEN}
              - name: kore-banking
                type: kore
                baseUrl: https://bots.kore.ai
                botId: st-0000
                clientId: ${KORE_CLIENT_ID}
                clientSecret: ${KORE_CLIENT_SECRET}
              - name: agentx-store
                type: agentx
                baseUrl: https://api.converseapps.com
                botName: r3-218210
                apiKey: ${AGENTX_API_KEY}
            """;

    private static final Map<String, String> ENV = Map.of(
            "CXONE_TOKEN", "cx-secret-token", "KORE_CLIENT_ID", "cs-1234", "KORE_CLIENT_SECRET", "kore-secret",
            "AGENTX_API_KEY", "agentx-secret");

    @Test
    void readsTheDesignExampleWithSecretsFromTheEnvironment() {
        AppConfig c = ConfigFile.parse(DESIGN_EXAMPLE, "test.yml", ENV);
        assertTrue(c.elasticsearch().embedded(), "no ES_URL means the embedded node");
        assertEquals("transcripts", c.index().prefix());
        assertEquals(3, c.sources().size());
        SourceConfig kore = c.source("kore-banking").orElseThrow();
        assertEquals("kore", kore.type());
        assertEquals("kore-secret", kore.string("clientSecret").orElseThrow());
        assertEquals("st-0000", kore.string("botId").orElseThrow());
        assertFalse(kore.toString().contains("kore-secret"), "toString must not show settings values");
    }

    @Test
    void usesEsUrlWhenSet() {
        Map<String, String> env = new java.util.HashMap<>(ENV);
        env.put("ES_URL", "https://es.example:9243");
        AppConfig c = ConfigFile.parse(DESIGN_EXAMPLE, "test.yml", env);
        assertEquals("https://es.example:9243", c.elasticsearch().url());
    }

    @Test
    void refusesLiteralSecretsWithoutEchoingThem() {
        String yaml = """
                sources:
                  - name: a
                    type: agentx
                    apiKey: literal-key-value
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.parse(yaml, "t.yml", Map.of()));
        assertTrue(e.getMessage().contains("sources[a].apiKey is a secret and must come from the environment"), e.getMessage());
        assertFalse(e.getMessage().contains("literal-key-value"), "the secret must not be echoed");
    }

    @Test
    void reportsEveryProblemAtOnceWithItsKey() {
        String yaml = """
                elasticsearch:
                  url: ftp://nope
                  colour: blue
                index:
                  prefix: Bad Prefix
                  shards: zero
                sources:
                  - name: x
                    type: cxone
                    token: ${MISSING_TOKEN}
                  - name: x
                    type: kore
                  - type: agentx
                unknown: 1
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.parse(yaml, "t.yml", Map.of()));
        String m = e.getMessage();
        assertTrue(m.contains("elasticsearch.url 'ftp://nope'"), m);
        assertTrue(m.contains("unknown key elasticsearch.colour"), m);
        assertTrue(m.contains("index.prefix 'Bad Prefix'"), m);
        assertTrue(m.contains("index.shards must be a whole number"), m);
        assertTrue(m.contains("sources[x] appears twice"), m);
        assertTrue(m.contains("sources[2].name is missing"), m);
        assertTrue(m.contains("unknown top-level key 'unknown'"), m);
        assertTrue(e.problems().size() >= 7, e.problems().toString());
    }

    @Test
    void anUnsetVendorSecretIsReportedWhenTheVendorIsCalledNotWhenTheFileIsRead() {
        AppConfig c = ConfigFile.parse(DESIGN_EXAMPLE, "test.yml", Map.of("KORE_CLIENT_ID", "cs-1234"));
        SourceConfig kore = c.source("kore-banking").orElseThrow();
        ConfigException e = assertThrows(ConfigException.class, kore::requireResolved);
        assertEquals(java.util.List.of("sources[kore-banking].clientSecret refers to the environment variable "
                + "KORE_CLIENT_SECRET, which is not set: export it"), e.problems());
        assertEquals(ConfigFile.parse(DESIGN_EXAMPLE, "test.yml", ENV).source("kore-banking").orElseThrow(),
                ConfigFile.parse(DESIGN_EXAMPLE, "test.yml", ENV).source("kore-banking").orElseThrow().requireResolved());
        ConfigException es = assertThrows(ConfigException.class, () -> ConfigFile.parse(
                "elasticsearch:\n  url: http://es:9200\n  username: u\n  password: ${ES_PW}\n", "t.yml", Map.of()));
        assertTrue(es.getMessage().contains("elasticsearch.password refers to the environment variable ES_PW"),
                "Elasticsearch's own secrets are needed by every command: at once " + es.getMessage());
    }

    @Test
    void readsThePrivacySectionAsDesignShowsIt() {
        AppConfig c = ConfigFile.parse(DESIGN_EXAMPLE + """
                privacy:
                  redact: [card, phone]
                  patterns:
                    - name: member_id
                      regex: 'M-\\d{8}$'
                """, "test.yml", ENV);
        assertEquals(java.util.Set.of(org.transcriptsearch.privacy.PiiKind.CARD, org.transcriptsearch.privacy.PiiKind.PHONE),
                c.privacy().redact());
        assertEquals("member_id", c.privacy().patterns().get(0).name());
        assertTrue(c.privacy().enabled());
        assertFalse(ConfigFile.parse(DESIGN_EXAMPLE, "test.yml", ENV).privacy().enabled(), "no section: no redaction");
    }

    @Test
    void privacyProblemsAreReportedWithTheOthers() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigFile.parse("""
                index:
                  nonsense: 1
                privacy:
                  redact: [card, passport]
                  patterns:
                    - name: bad
                      regex: '[unclosed'
                """, "test.yml", Map.of()));
        String m = e.getMessage();
        assertTrue(m.contains("index.nonsense") || m.contains("nonsense"), m);
        assertTrue(m.contains("privacy.redact[1]: unknown kind 'passport'"), m);
        assertTrue(m.contains("privacy.patterns[0]"), m);
    }

    @Test
    void namesTheLineOfBrokenYaml() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigFile.parse("sources:\n  - name: a\n   type: [", "broken.yml", Map.of()));
        assertTrue(e.getMessage().startsWith("configuration problem: broken.yml is not valid YAML at line"), e.getMessage());
    }

    @Test
    void defaultsApplyAndEmptyFileIsFine() {
        AppConfig c = ConfigFile.parse("", "empty.yml", Map.of());
        assertTrue(c.elasticsearch().embedded());
        assertEquals("transcripts", c.index().prefix());
        assertNull(c.index().replicas());
        assertTrue(c.sources().isEmpty());
    }

    @Test
    void defaultValueSyntax() {
        AppConfig c = ConfigFile.parse("index:\n  prefix: ${PREFIX:-demo}\n", "t.yml", Map.of());
        assertEquals("demo", c.index().prefix());
    }

    @Test
    void settingsToStringHidesSecrets() {
        ElasticsearchSettings s = new ElasticsearchSettings("https://x:9200", "the-api-key", "elastic", "pw-1234", null);
        assertFalse(s.toString().contains("the-api-key"));
        assertFalse(s.toString().contains("pw-1234"));
    }
}
