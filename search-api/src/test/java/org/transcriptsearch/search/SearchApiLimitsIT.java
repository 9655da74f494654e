package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * What one caller may cost: requests in flight per key (or per client without keys), and the deadline
 * every Elasticsearch search carries. Elasticsearch is a real node behind {@link GatedElasticsearch}, so
 * the test decides how long it takes.
 */
@ExtendWith(ElasticsearchExtension.class)
class SearchApiLimitsIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static IndexNames names;
    private static TestElasticsearch es;

    @BeforeAll
    static void index(TestElasticsearch node) {
        es = node;
        names = es.setup("it-limits");
        new TranscriptFixture().index(es, names);
    }

    private static SearchServer start(GatedElasticsearch gated, SearchServerOptions options) {
        return SearchServer.start(options.withElasticsearch(es.settings().withUrl(gated.url())).withIndices(names)
                .withPort(0));
    }

    private static CompletableFuture<HttpResponse<String>> send(String url, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return CLIENT.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void beyondTheLimitPerKeyA429WithRetryAfterWhileOtherKeysGoOn() throws Exception {
        try (GatedElasticsearch gated = new GatedElasticsearch(es.url());
             SearchServer server = start(gated, SearchServerOptions.defaults()
                     .withApiKeys(List.of("team-a-key-123", "team-b-key-456")).withConcurrentRequests(2))) {
            String search = server.url() + "/api/search?q=password";
            assertEquals(200, send(search, "team-a-key-123").get(60, TimeUnit.SECONDS).statusCode(),
                    "warm-up: the cached time span is read once");
            gated.hold();
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            held.add(send(search, "team-a-key-123"));
            held.add(send(server.url() + "/api/intents", "team-a-key-123"));
            gated.awaitWaiting(2);

            HttpResponse<String> third = send(search, "team-a-key-123").get(10, TimeUnit.SECONDS);
            assertEquals(429, third.statusCode(), third.body());
            assertEquals("1", third.headers().firstValue("retry-after").orElse(""));
            assertTrue(third.headers().firstValue("content-type").orElse("").startsWith("application/json"));
            assertTrue(new JsonObject(third.body()).getString("error").contains("SEARCH_API_CONCURRENCY"), third.body());
            assertFalse(third.body().contains("team-a-key"), "the key is never echoed");
            HttpResponse<String> respelt = CLIENT.send(HttpRequest.newBuilder(URI.create(search))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "bearer  team-a-key-123 ").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(429, respelt.statusCode(), "the same key spelt otherwise is the same caller: " + respelt.body());

            held.add(send(search, "team-b-key-456"));
            gated.awaitWaiting(3);
            gated.release();
            for (CompletableFuture<HttpResponse<String>> h : held) {
                assertEquals(200, h.get(60, TimeUnit.SECONDS).statusCode());
            }
            for (int i = 0; i < 5; i++) {
                assertEquals(200, send(search, "team-a-key-123").get(60, TimeUnit.SECONDS).statusCode(),
                        "answered requests free their slots");
            }
        }
    }

    @Test
    void withoutKeysTheLimitIsPerClientAndAClientThatLeavesFreesItsSlot() throws Exception {
        try (GatedElasticsearch gated = new GatedElasticsearch(es.url());
             SearchServer server = start(gated, SearchServerOptions.defaults().withConcurrentRequests(1))) {
            assertEquals(200, send(server.url() + "/api/search", null).get(60, TimeUnit.SECONDS).statusCode());
            gated.hold();
            try (java.net.Socket leaving = new java.net.Socket("127.0.0.1", server.port())) {
                leaving.getOutputStream().write(("GET /api/search?q=card HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                gated.awaitWaiting(1);
                Http.Answer refused = Http.get(server.url() + "/api/intents");
                assertEquals(429, refused.status(), refused.toString());
                assertTrue(refused.json().getString("error").contains("from this client"), refused.toString());
            }
            // The client hung up while its search waited: its slot is freed as soon as the server sees the close.
            CompletableFuture<HttpResponse<String>> next = admitted(server.url() + "/api/search?q=refund");
            gated.awaitWaiting(2);
            gated.release();
            assertEquals(200, next.get(60, TimeUnit.SECONDS).statusCode());
        }
    }

    /** A request sent until it is not refused at once (so it waits at the gate); fails after 10 s of 429s. */
    private static CompletableFuture<HttpResponse<String>> admitted(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            CompletableFuture<HttpResponse<String>> request = send(url, null);
            try {
                HttpResponse<String> refused = request.get(1, TimeUnit.SECONDS);
                assertEquals(429, refused.statusCode(), refused.body());
            } catch (java.util.concurrent.TimeoutException waiting) {
                return request;
            }
            assertTrue(System.nanoTime() < deadline, "the slot of a client that left is never freed");
            Thread.sleep(100);
        }
    }

    @Test
    void everySearchCarriesATimeoutAndSaysWhetherItIsComplete() throws Exception {
        try (GatedElasticsearch gated = new GatedElasticsearch(es.url());
             SearchServer server = start(gated, SearchServerOptions.defaults()
                     .withElasticsearchTimeout(Duration.ofSeconds(4)))) {
            for (String path : List.of("/api/search?q=password", "/api/intents?q=password",
                    "/api/conversations/kore-banking/k-en-1")) {
                JsonObject answer = Http.get(server.url() + path).json();
                assertEquals(false, answer.getBoolean("timedOut"), path);
                assertEquals(false, answer.getBoolean("partial"), path);
            }
            List<String> bodies = gated.searchBodies();
            assertTrue(bodies.size() >= 4, bodies.toString());
            for (String body : bodies) {
                assertEquals("3000ms", new JsonObject(body).getString("timeout"), body);
            }
        }
    }

    @Test
    void anAnswerMissingAShardSaysItIsPartial() {
        IndexNames partial = es.setup("it-partial");
        new TranscriptFixture().index(es, partial);
        // An index added to the alias by hand, without the messages' mapping: sorting by time fails on its shard.
        es.request("PUT", "/it-stray", "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":"
                + "{\"note\":{\"type\":\"keyword\"}}}}");
        es.request("POST", "/it-stray/_doc?refresh=true", "{\"note\":\"not a message\"}");
        es.request("POST", "/_aliases", "{\"actions\":[{\"add\":{\"index\":\"it-stray\",\"alias\":\""
                + partial.messages() + "\"}}]}");
        try (SearchServer server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(partial).withPort(0))) {
            Http.Answer answer = Http.get(server.url() + "/api/search?q=password");
            assertEquals(200, answer.status(), answer.toString());
            assertEquals(true, answer.json().getBoolean("partial"), answer.toString());
            assertEquals(false, answer.json().getBoolean("timedOut"));
            assertTrue(answer.json().getLong("total") > 0, "what the healthy shard found is served");
        }
    }

    @Test
    void anElasticsearchThatDoesNotAnswerIsA503WithinTheDeadline() throws Exception {
        try (GatedElasticsearch gated = new GatedElasticsearch(es.url());
             SearchServer server = start(gated, SearchServerOptions.defaults()
                     .withElasticsearchTimeout(Duration.ofSeconds(2)))) {
            assertEquals(200, Http.get(server.url() + "/api/search").status());
            gated.hold();
            long start = System.nanoTime();
            Http.Answer slow = Http.get(server.url() + "/api/search?q=password");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, slow.status(), slow.toString());
            assertTrue(slow.json().getString("error").contains("did not answer within 2000 ms"), slow.toString());
            assertTrue(ms < 4_000, "answered after " + ms + " ms");
        }
    }
}
