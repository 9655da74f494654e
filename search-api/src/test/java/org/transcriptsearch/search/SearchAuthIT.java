package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/** API keys, the open-binding refusal and CORS, over real HTTP. */
@ExtendWith(ElasticsearchExtension.class)
class SearchAuthIT {

    @Test
    void withKeysEveryApiCallNeedsOne(TestElasticsearch es) {
        IndexNames names = es.setup("it-auth");
        try (SearchServer server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0).withApiKeys(List.of("first-key-123", "second-key-456")))) {
            for (String path : List.of("/api/search", "/api/intents", "/api/conversations/s/c")) {
                Http.Answer none = Http.get(server.url() + path);
                assertEquals(401, none.status(), path);
                assertTrue(none.json().getString("error").contains("Bearer"));
                assertEquals("Bearer", none.headers().firstValue("www-authenticate").orElse(""));
                assertEquals(401, Http.get(server.url() + path, "second-key-45").status(), "a prefix is not a key");
                assertEquals(401, Http.get(server.url() + path, "second-key-4567").status());
            }
            assertEquals(200, Http.get(server.url() + "/api/search", "second-key-456").status());
            assertEquals(200, Http.get(server.url() + "/api/intents", "first-key-123").status());
            assertEquals(200, Http.get(server.url() + "/health").status(), "health stays open for probes");
            assertEquals(200, Http.get(server.url() + "/openapi.json").status());
        }
    }

    @Test
    void withoutKeysTheApiIsOpenOnLoopback(TestElasticsearch es) {
        IndexNames names = es.setup("it-auth");
        try (SearchServer server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0))) {
            assertEquals(200, Http.get(server.url() + "/api/search").status());
        }
    }

    @Test
    void openBindingWithoutKeysNeedsInsecure(TestElasticsearch es) {
        IndexNames names = es.setup("it-auth");
        SearchServerOptions open = SearchServerOptions.defaults().withConnection(es.connection()).withIndices(names)
                .withPort(0).withHost("0.0.0.0");
        ConfigException refused = assertThrows(ConfigException.class, () -> SearchServer.start(open));
        assertTrue(refused.getMessage().contains("--insecure"), refused.getMessage());
        assertTrue(refused.getMessage().contains("SEARCH_API_KEYS"), refused.getMessage());
        try (SearchServer server = SearchServer.start(open.withInsecure(true))) {
            assertEquals(200, Http.get("http://127.0.0.1:" + server.port() + "/api/search").status());
        }
        try (SearchServer server = SearchServer.start(open.withApiKeys(List.of("a-long-key")))) {
            assertEquals(401, Http.get("http://127.0.0.1:" + server.port() + "/api/search").status());
        }
        // The CLI reads the same rule from the environment.
        SearchServerOptions fromEnv = SearchApiMain.options(Map.of("HOST", "0.0.0.0", "PORT", "0",
                "ES_URL", es.url()), false);
        assertThrows(ConfigException.class, () -> SearchServer.refuseOpenBinding(fromEnv));
        SearchServer.refuseOpenBinding(SearchApiMain.options(Map.of("HOST", "0.0.0.0"), true));
        assertThrows(ConfigException.class, () -> SearchApiMain.options(Map.of("PORT", "eighty"), false));
    }

    @Test
    void corsAllowsOnlyConfiguredOrigins(TestElasticsearch es) throws Exception {
        IndexNames names = es.setup("it-auth");
        try (SearchServer server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0).withCorsOrigins(List.of("https://explorer.example")))) {
            var client = java.net.http.HttpClient.newHttpClient();
            var allowed = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/search"))
                    .header("Origin", "https://explorer.example").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals("https://explorer.example", allowed.headers().firstValue("access-control-allow-origin").orElse(""));
            var other = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/api/search"))
                    .header("Origin", "https://evil.example").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());
        }
    }
}
