package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Who may reach the API and what it gives away: the Host check against DNS rebinding, {@code /health}
 * without internals for callers without a key, error bodies without Elasticsearch's URL, and an access
 * log without the values of {@code q}.
 */
@ExtendWith(ElasticsearchExtension.class)
class SearchAccessIT {
    private static final String KEY = "health-and-host-key-1";
    private static IndexNames names;

    @BeforeAll
    static void index(TestElasticsearch es) {
        names = es.setup("it-access");
        new TranscriptFixture().index(es, names);
    }

    private SearchServerOptions options(TestElasticsearch es) {
        return SearchServerOptions.defaults().withConnection(es.connection()).withIndices(names).withPort(0)
                .withAccessLog(false);
    }

    @Test
    void onLoopbackWithoutKeysOnlyLoopbackNamesAreAnswered(TestElasticsearch es) {
        try (SearchServer server = SearchServer.start(options(es))) {
            for (String host : List.of("localhost", "localhost:" + server.port(), "127.0.0.1", "127.0.0.1:"
                    + server.port(), "[::1]", "[::1]:" + server.port(), "LocalHost:80")) {
                for (String path : List.of("/api/search?q=password", "/health", "/openapi.json")) {
                    assertEquals(200, raw(server, path, host).status(), host + " " + path);
                }
            }
            for (String host : List.of("evil.example", "evil.example:" + server.port(), "localhost.evil.example",
                    "127.0.0.1.evil.example:" + server.port(), "0.0.0.0", "192.0.2.7:" + server.port())) {
                for (String path : List.of("/api/search?q=password", "/api/conversations/kore-banking/k-en-1",
                        "/health", "/", "/openapi.json")) {
                    Raw refused = raw(server, path, host);
                    assertEquals(421, refused.status(), host + " " + path + " -> " + refused.body());
                    String error = new JsonObject(refused.body()).getString("error");
                    assertTrue(error.contains("DNS rebinding") && error.contains("Host"), error);
                    assertFalse(refused.body().contains("password"), refused.body());
                }
            }
            for (String malformed : List.of("evil.example@localhost", "[::1]evil", "localhost:", "local host")) {
                Raw refused = raw(server, "/api/search?q=password", malformed);
                assertTrue(refused.status() == 400 || refused.status() == 421, malformed + " -> " + refused);
                assertTrue(new JsonObject(refused.body()).getString("error").contains("Host"), refused.body());
            }
                        Raw noHost = raw(server, "/api/search", null);
            assertEquals(421, noHost.status(), noHost.body());
        }
    }

    @Test
    void theConfiguredHostIsAnsweredAndKeysMakeTheCheckNeedless(TestElasticsearch es) {
        try (SearchServer server = SearchServer.start(options(es).withHost("127.0.0.2"))) {
            assertEquals(200, raw(server, "/api/search", "127.0.0.2:" + server.port()).status());
            assertEquals(200, raw(server, "/api/search", "localhost").status());
            assertEquals(421, raw(server, "/api/search", "127.0.0.3").status());
        }
        try (SearchServer server = SearchServer.start(options(es).withApiKeys(List.of(KEY)))) {
            assertEquals(401, raw(server, "/api/search", "evil.example").status(), "a key, not the name, decides");
            assertEquals(200, Http.get(server.url() + "/api/search", KEY).status());
        }
    }

    @Test
    void healthTellsUpOrDownAndOnlyAKeyHolderMore(TestElasticsearch es) {
        try (SearchServer server = SearchServer.start(options(es).withApiKeys(List.of(KEY + ":kore-banking")))) {
            for (String key : new String[] {null, "not-a-key"}) {
                Http.Answer open = Http.get(server.url() + "/health", key);
                assertEquals(200, open.status());
                assertEquals(new JsonObject().put("status", "ok"), open.json(), "up, and nothing else");
                assertFalse(open.body().contains(es.url()) || open.body().contains(es.connection().url()));
            }
            Http.Answer keyed = Http.get(server.url() + "/health", KEY);
            assertEquals(200, keyed.status());
            assertNotNull(keyed.json().getJsonObject("elasticsearch").getString("status"));
            assertEquals(new TranscriptFixture().count(m -> m.source().equals("kore-banking")),
                    keyed.json().getJsonObject("elasticsearch").getLong("messages"));
        }
    }

    @Test
    void elasticsearchDownSaysSoWithoutItsUrl() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + deadPort;
        try (ElasticsearchConnection dead = ElasticsearchConnection.connect(
                ElasticsearchSettings.EMBEDDED.withUrl(url), false);
             SearchServer keyed = SearchServer.start(SearchServerOptions.defaults().withConnection(dead)
                     .withPort(0).withAccessLog(false).withElasticsearchTimeout(Duration.ofSeconds(3))
                     .withApiKeys(List.of(KEY)));
             SearchServer open = SearchServer.start(SearchServerOptions.defaults().withConnection(dead)
                     .withPort(0).withAccessLog(false).withElasticsearchTimeout(Duration.ofSeconds(3)))) {
            for (String path : List.of("/api/search?q=password", "/api/intents", "/api/conversations/s/c", "/health")) {
                Http.Answer a = Http.get(keyed.url() + path, KEY);
                Http.Answer b = Http.get(open.url() + path);
                for (Http.Answer answer : List.of(a, b)) {
                    assertEquals(503, answer.status(), path + " -> " + answer);
                    assertTrue(answer.json().toString().contains("Elasticsearch"), path + " -> " + answer);
                    assertFalse(answer.body().contains(String.valueOf(deadPort)), path + " echoes the URL: " + answer);
                }
            }
            Http.Answer anonymous = Http.get(keyed.url() + "/health");
            assertEquals(503, anonymous.status());
            assertEquals(new JsonObject().put("status", "unavailable"), anonymous.json(), "down, and nothing else");
        }
    }

    @Test
    void theAccessLogKeepsPathAndStatusButNotWhatWasSearched(TestElasticsearch es) {
        String secretWords = "my card number is 4111";
        String path = "/api/search?q=" + Http.enc(secretWords) + "&vendor=kore&size=5";
        String quiet = logOf(() -> {
            try (SearchServer server = SearchServer.start(options(es).withAccessLog(true))) {
                assertEquals(200, Http.get(server.url() + path).status());
                assertEquals(400, Http.get(server.url() + "/api/search?" + Http.enc("customer said hello") + "=1")
                        .status());
            }
        });
        String line = quiet.lines().filter(l -> l.contains("GET /api/search?q=")).findFirst().orElse("");
        assertTrue(line.contains("GET /api/search?q=***&vendor=***&size=*** 200 "), quiet);
        assertTrue(line.matches(".* 200 \\d+ ms$"), line);
        assertTrue(quiet.contains("GET /api/search?***=*** 400 "), quiet);
        for (String word : List.of("card", "4111", "kore", "customer", "hello")) {
            assertFalse(quiet.contains(word), "the log holds '" + word + "': " + quiet);
        }

        String verbose = logOf(() -> {
            try (SearchServer server = SearchServer.start(options(es).withAccessLog(SearchServerOptions.AccessLog.QUERIES))) {
                assertEquals(200, Http.get(server.url() + path).status());
            }
        });
        assertTrue(verbose.contains("GET " + path + " 200 "), verbose);

        // The CLI reads the option from the environment, and refuses what it cannot read.
        assertEquals(SearchServerOptions.AccessLog.QUERIES,
                SearchApiMain.options(Map.of("SEARCH_ACCESS_LOG_QUERIES", "true"), false).accessLog());
        assertEquals(SearchServerOptions.AccessLog.PATHS, SearchApiMain.options(Map.of(), false).accessLog());
        var refused = org.junit.jupiter.api.Assertions.assertThrows(org.transcriptsearch.config.ConfigException.class,
                () -> SearchApiMain.options(Map.of("SEARCH_ACCESS_LOG_QUERIES", "yes please"), false));
        assertTrue(refused.getMessage().contains("SEARCH_ACCESS_LOG_QUERIES"), refused.getMessage());
    }

    /** What the access logger wrote (Logback writes to whatever System.err is at the time). */
    private static String logOf(Runnable requests) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            requests.run(); // closing the server waits for the end handlers that write the lines
        } finally {
            System.setErr(original);
        }
        String all = captured.toString(StandardCharsets.UTF_8);
        original.print(all);
        return String.join("\n", all.lines().filter(l -> l.contains(AccessLogger.LOGGER)).toList());
    }

    record Raw(int status, String body) {
    }

    /** A request with a Host header of our choosing (the JDK client will not send one), or none (HTTP/1.0). */
    private static Raw raw(SearchServer server, String pathAndQuery, String host) {
        URI base = URI.create(server.url());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            String head = host == null ? "GET " + pathAndQuery + " HTTP/1.0\r\n\r\n"
                    : "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(0, answer.indexOf("\r\n")).split(" ")[1]);
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            return new Raw(status, body);
        } catch (IOException e) {
            throw new AssertionError("GET " + pathAndQuery + " (Host " + host + ") failed: " + e, e);
        }
    }
}
