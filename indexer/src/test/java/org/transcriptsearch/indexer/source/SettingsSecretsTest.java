package org.transcriptsearch.indexer.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.source.agentx.AgentxSettings;
import org.transcriptsearch.indexer.source.cxone.CxoneSettings;
import org.transcriptsearch.indexer.source.kore.KoreSettings;

/** No settings record prints a secret, and a vendor base URL never carries one. */
class SettingsSecretsTest {
    private static final String SECRET = "Qm7-vendor-secret";

    @Test
    void settingsRecordsPrintNoSecret() {
        String cxone = CxoneSettings.read(new SourceConfig("cx", "cxone", Map.of("baseUrl", "https://h", "token", SECRET))).toString();
        String kore = KoreSettings.read(new SourceConfig("ko", "kore", Map.of("baseUrl", "https://h", "botId", "st-1",
                "clientId", "cs-1", "clientSecret", SECRET))).toString();
        String agentx = AgentxSettings.read(new SourceConfig("ax", "agentx", Map.of("baseUrl", "https://h", "botName", "b",
                "apiKey", SECRET))).toString();
        String call = VendorCall.get("https://h/api/public/conversations?perPage=10&token=" + SECRET, "token")
                .header("x-api-key", SECRET).withBody(HttpMethod.POST, io.vertx.core.buffer.Buffer.buffer(SECRET)).toString();
        for (String s : new String[]{cxone, kore, agentx, call}) {
            assertFalse(s.contains(SECRET), s);
        }
        assertTrue(cxone.contains("baseUrl=https://h"), cxone);
    }

    @Test
    void baseUrlsWithCredentialsAreRefusedNamingTheSecretKeys() {
        for (String[] c : new String[][]{{"cxone", "token"}, {"kore", "clientId/clientSecret or jwt"}, {"agentx", "apiKey"}}) {
            SourceConfig config = new SourceConfig("s", c[0], Map.of("baseUrl", "https://user:" + SECRET + "@vendor.example"));
            ConfigException e = assertThrows(ConfigException.class, () -> {
                SourceSettings s = new SourceSettings(config);
                s.baseUrl("baseUrl", "https://x");
                s.done();
            });
            assertTrue(e.getMessage().contains("sources[s].baseUrl must not hold a user or password (https://***@vendor.example)"),
                    e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
        ConfigException query = assertThrows(ConfigException.class, () -> CxoneSettings.read(new SourceConfig("s", "cxone",
                Map.of("baseUrl", "https://vendor.example/?token=" + SECRET, "token", "t0k3n"))));
        assertTrue(query.getMessage().contains("sources[s].baseUrl must not have a query string"), query.getMessage());
        assertFalse(query.getMessage().contains(SECRET), query.getMessage());
    }
}
