package org.transcriptsearch.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FaultProxy in front of a {@link FakeNode}: what it forwards, what it makes up, and that it copes with load. */
class FaultProxyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILTER = "?filter_path=errors,items.*.status,items.*.result,items.*.error.type,items.*.error.reason";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private FakeNode node;
    private FaultProxy proxy;

    @BeforeEach
    void start() {
        node = new FakeNode();
        proxy = FaultProxy.start(node.url());
    }

    @AfterEach
    void stop() {
        proxy.close();
        node.close();
    }

    @Test
    void passesOtherCallsThroughByteForByte() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/it-a/_search?q=text:%EB%B9%84&size=1"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(FakeNode.BODY))
                .header("Content-Type", "application/json").header("X-Opaque-Id", "t-1").header("Accept-Encoding", "gzip"));
        assertEquals(201, r.statusCode());
        assertArrayEquals(FakeNode.BODY, r.body());
        assertEquals("application/json", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("Elasticsearch", r.headers().firstValue("x-elastic-product").orElseThrow());
        FakeNode.Received got = node.received().get(0);
        assertEquals("POST", got.method());
        assertEquals("/it-a/_search?q=text:%EB%B9%84&size=1", got.uri());
        assertArrayEquals(FakeNode.BODY, got.body());
        assertEquals("t-1", got.headers().getFirst("X-Opaque-Id"));
        assertFalse(got.headers().containsKey("Accept-Encoding"), "the node must answer uncompressed");

        assertEquals(404, send(HttpRequest.newBuilder(uri("/missing")).GET()).statusCode());
        assertEquals(2, proxy.forwardedRequests());
    }

    @Test
    void recordsEveryRequestOnlyOnceAskedFaultedOrNot() throws Exception {
        send(HttpRequest.newBuilder(uri("/before")).GET());
        proxy.recordRequests();
        send(HttpRequest.newBuilder(uri("/it-a/_search?q=x")).POST(HttpRequest.BodyPublishers.ofByteArray(FakeNode.BODY))
                .header("Content-Type", "application/json"));
        proxy.failNextRequests(503, 1, path -> path.equals("/_cluster/health"));
        send(HttpRequest.newBuilder(uri("/_cluster/health")).GET());
        List<RecordedRequest> recorded = proxy.recorded();
        assertEquals(List.of("POST /it-a/_search?q=x", "GET /_cluster/health"), recorded.stream().map(RecordedRequest::toString).toList());
        assertArrayEquals(FakeNode.BODY, recorded.get(0).body());
        assertEquals(0, recorded.get(1).body().length);
    }

    @Test
    void headAnswersHaveNoBodyButTheNodesLength() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/it-a")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, r.statusCode());
        assertEquals(0, r.body().length);
        assertEquals(String.valueOf(FakeNode.BODY.length), r.headers().firstValue("content-length").orElseThrow());
        assertEquals(404, send(HttpRequest.newBuilder(uri("/missing"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void aBulkWithNoRuleSetIsForwardedUntouched() throws Exception {
        String body = index("a", "b") + "\n" + delete("c");
        JsonNode answer = bulk("/_bulk" + FILTER, body);
        assertEquals(body, node.received().get(0).text());
        assertEquals("/_bulk" + FILTER, node.received().get(0).uri());
        assertFalse(answer.get("errors").asBoolean());
    }

    @Test
    void faultedItemsStayHereAndComeBackInTheirPlaces() throws Exception {
        proxy.failItems(ItemFault.SHARD_UNAVAILABLE, op -> op.id().equals("b"), 1);
        proxy.failItems(ItemFault.MAPPING_ERROR, op -> op.id().equals("e"), 1);
        String body = index("a", "b") + create("c") + delete("d") + index("e", "f");

        JsonNode answer = bulk("/it-fallback/_bulk" + FILTER, body);

        assertEquals("/it-fallback/_bulk" + FILTER, node.received().get(0).uri());
        assertEquals(List.of("a", "c", "d", "f"), node.bulkIds());
        assertEquals(index("a") + create("c") + delete("d") + index("f"), node.received().get(0).text());
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), ids(answer));
        assertEquals(List.of(200, 503, 201, 200, 400, 200), statuses(answer));
        JsonNode b = answer.at("/items/1/index");
        assertEquals("unavailable_shards_exception", b.at("/error/type").asText());
        assertEquals("[it-a][0] primary shard is not active Timeout: [1m], request: [BulkShardRequest [[it-a][0]]"
                + " containing [1] requests]", b.at("/error/reason").asText());
        assertEquals("document_parsing_exception", answer.at("/items/4/index/error/type").asText());
        assertTrue(answer.get("errors").asBoolean(), "errors recomputed: the node itself said false");
        assertEquals(7, answer.get("took").asInt(), "the node's own fields stay");
        assertEquals(List.of("b", "e"), proxy.injected().stream().map(InjectedFault::id).toList());
    }

    @Test
    void theNodesOwnItemFailuresStayInTheMergedAnswer() throws Exception {
        proxy.failItems(ItemFault.QUEUE_FULL, op -> op.id().equals("b"), 1);
        JsonNode answer = bulk("/_bulk", index("a", "b", "taken"));
        assertEquals(List.of(200, 429, 409), statuses(answer));
        assertEquals("version_conflict_engine_exception", answer.at("/items/2/index/error/type").asText());
        assertTrue(answer.get("errors").asBoolean());
    }

    @Test
    void aFilterThatHidesItemsStillSaysThereWereErrors() throws Exception {
        proxy.failItems(ItemFault.QUEUE_FULL, op -> op.id().equals("b"), 1);
        JsonNode answer = bulk("/_bulk?filter_path=errors", index("a", "b"));
        assertEquals("{\"errors\":true}", answer.toString());
        assertEquals(List.of("a"), node.bulkIds());
    }

    @Test
    void operationsTakeTheIndexFromThePathWhenTheActionLineHasNone() throws Exception {
        proxy.failNextItems(ItemFault.INDEX_WRITE_BLOCKED, 1);
        JsonNode answer = bulk("/it-path/_bulk", "{\"index\":{}}\n{\"text\":\"x\"}\n");
        JsonNode item = answer.at("/items/0/index");
        assertEquals("it-path", item.get("_index").asText());
        assertEquals(20, item.get("_id").asText().length(), "a generated id, as Elasticsearch gives");
        assertEquals("index [it-path] blocked by: [FORBIDDEN/8/index write (api)];", item.at("/error/reason").asText());
        assertEquals(403, item.get("status").asInt());
    }

    @Test
    void deletesHaveNoSourceLineToForwardOrDrop() throws Exception {
        proxy.failItems(ItemFault.VERSION_CONFLICT, op -> op.type().equals("delete") && op.id().equals("y"), 1);
        JsonNode answer = bulk("/_bulk", delete("x") + delete("y") + delete("z"));
        assertEquals(delete("x") + delete("z"), node.received().get(0).text());
        assertEquals(List.of(200, 409, 200), statuses(answer));
        assertEquals("version_conflict_engine_exception", answer.at("/items/1/delete/error/type").asText());
    }

    @Test
    void aBulkWhoseEveryOperationFailsReachesNoNode() throws Exception {
        proxy.failNextItems(ItemFault.QUEUE_FULL, 2);
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("/_bulk" + FILTER))
                .POST(HttpRequest.BodyPublishers.ofString(index("a") + delete("b")))
                .header("Content-Type", "application/x-ndjson"));
        JsonNode answer = JSON.readTree(r.body());
        assertEquals(200, r.statusCode());
        assertEquals("Elasticsearch", r.headers().firstValue("x-elastic-product").orElseThrow());
        assertEquals(List.of(), node.received());
        assertEquals(0, proxy.forwardedRequests());
        assertTrue(answer.get("errors").asBoolean());
        assertEquals(0, answer.get("took").asInt());
        assertEquals(List.of(429, 429), statuses(answer));
        assertEquals("es_rejected_execution_exception", answer.at("/items/1/delete/error/type").asText());
    }

    @Test
    void countedRulesRunOutAcrossRequests() throws Exception {
        proxy.failNextItems(ItemFault.QUEUE_FULL, 3);
        assertEquals(3, proxy.pendingItemFaults());
        assertEquals(List.of(429, 429), statuses(bulk("/_bulk", index("a", "b"))));
        assertEquals(List.of(429, 200), statuses(bulk("/_bulk", index("c", "d"))));
        assertEquals(List.of(200, 200), statuses(bulk("/_bulk", index("e", "f"))));
        assertEquals(0, proxy.pendingItemFaults());
        assertEquals(3, proxy.faultedItems(ItemFault.QUEUE_FULL));
        assertEquals(List.of("a", "b", "c"), proxy.injected().stream().map(InjectedFault::id).toList());
        assertEquals(List.of("d", "e", "f"), node.bulkIds());
    }

    @Test
    void aPredicateRuleTakesOnlyWhatMatchesAndOnlyAsOftenAsAsked() throws Exception {
        proxy.failItems(ItemFault.NODE_DISCONNECTED, op -> op.source().contains("\"lang\":\"ko\""), 2);
        String body = doc("a", "en") + doc("b", "ko") + doc("c", "ko") + doc("d", "ko");
        assertEquals(List.of(200, 500, 500, 200), statuses(bulk("/_bulk", body)));
        assertEquals(List.of("a", "d"), node.bulkIds());
    }

    @Test
    void aStickyRuleHoldsUntilCleared() throws Exception {
        proxy.failAlways(ItemFault.MAPPING_ERROR, op -> op.id().equals("bad"));
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(200, 400), statuses(bulk("/_bulk", index("ok" + i, "bad"))));
        }
        assertEquals(0, proxy.pendingItemFaults(), "sticky rules are not a queue");
        proxy.clear();
        assertEquals(List.of(200), statuses(bulk("/_bulk", index("bad"))));
        assertEquals(3, proxy.faultedItems(ItemFault.MAPPING_ERROR), "counters outlive clear()");
    }

    @Test
    void randomFaultsAreReproducibleForASeed() throws Exception {
        List<InjectedFault> both = randomRun(p -> {
            p.failRandomItems(ItemFault.QUEUE_FULL, 0.1, 42);
            p.failRandomItems(ItemFault.SHARD_UNAVAILABLE, 0.2, 43);
        });
        assertEquals(ids(both), ids(randomRun(p -> {
            p.failRandomItems(ItemFault.QUEUE_FULL, 0.1, 42);
            p.failRandomItems(ItemFault.SHARD_UNAVAILABLE, 0.2, 43);
        })));
        List<String> queueFull = ids(both, ItemFault.QUEUE_FULL);
        List<String> unavailable = ids(both, ItemFault.SHARD_UNAVAILABLE);
        assertTrue(queueFull.size() > 50 && queueFull.size() < 150, "about 10 % of 1000: " + queueFull.size());
        assertTrue(unavailable.size() > 100 && unavailable.size() < 250, "about 18 %: " + unavailable.size());

        // each rule draws for every operation, so what one seed picks does not depend on the other rules
        List<String> alone = ids(randomRun(p -> p.failRandomItems(ItemFault.SHARD_UNAVAILABLE, 0.2, 43)));
        assertEquals(alone.stream().filter(id -> !queueFull.contains(id)).toList(), unavailable);
        List<String> behindCounted = ids(randomRun(p -> {
            p.failNextItems(ItemFault.MAPPING_ERROR, 100);
            p.failRandomItems(ItemFault.SHARD_UNAVAILABLE, 0.2, 43);
        }), ItemFault.SHARD_UNAVAILABLE);
        assertEquals(alone.stream().filter(id -> Integer.parseInt(id.substring(1)) >= 100).toList(), behindCounted);
        assertNotEquals(alone, ids(randomRun(p -> p.failRandomItems(ItemFault.SHARD_UNAVAILABLE, 0.2, 44))));
    }

    /** 1000 operations in ten bulks through a fresh proxy with these rules: what it injected. */
    private List<InjectedFault> randomRun(Consumer<FaultProxy> rules) throws Exception {
        try (FaultProxy p = FaultProxy.start(node.url())) {
            rules.accept(p);
            for (int r = 0; r < 10; r++) {
                int from = r * 100;
                String[] ids = IntStream.range(from, from + 100).mapToObj(i -> "d" + i).toArray(String[]::new);
                JsonNode answer = JSON.readTree(send(p, "/_bulk", index(ids)).body());
                assertEquals(100, answer.get("items").size());
            }
            return p.injected();
        }
    }

    private static List<String> ids(List<InjectedFault> faults) {
        return faults.stream().map(InjectedFault::id).toList();
    }

    private static List<String> ids(List<InjectedFault> faults, ItemFault kind) {
        return faults.stream().filter(f -> f.kind() == kind).map(InjectedFault::id).toList();
    }

    @Test
    void wholeRequestsCanFailWithAStatus() throws Exception {
        proxy.failNextRequests(429, 2, path -> path.endsWith("/_bulk"));
        assertEquals(201, send(HttpRequest.newBuilder(uri("/other")).GET()).statusCode(), "path does not match");
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> r = send(proxy, "/_bulk", index("a"));
            assertEquals(429, r.statusCode());
            JsonNode error = JSON.readTree(r.body());
            assertEquals("es_rejected_execution_exception", error.at("/error/type").asText());
            assertEquals(429, error.get("status").asInt());
        }
        assertEquals(200, send(proxy, "/_bulk", index("a")).statusCode());
        assertEquals(List.of("a"), node.bulkIds());
        assertEquals(2, proxy.failedRequests());
        proxy.failNextRequests(503, 1, path -> true);
        JsonNode unavailable = JSON.readTree(send(proxy, "/_bulk", index("a")).body());
        assertEquals("cluster_block_exception", unavailable.at("/error/type").asText());
    }

    @Test
    void aCutRequestGetsNoAnswerAndTheNextOneDoes() throws Exception {
        proxy.cutNextRequests(1, path -> path.endsWith("/_bulk"));
        assertThrows(IOException.class, () -> send(proxy, "/_bulk", index("a")));
        assertEquals(200, send(proxy, "/_bulk", index("b")).statusCode());
        assertEquals(List.of("b"), node.bulkIds());
        assertEquals(1, proxy.cutRequests());
        assertEquals(0, proxy.pendingRequestFaults());
    }

    @Test
    void aBulkTheNodeRefusesAsAWholeComesBackAsItWas() throws Exception {
        proxy.failNextItems(ItemFault.QUEUE_FULL, 1);
        HttpResponse<byte[]> r = send(proxy, "/down/_bulk", index("a", "b"));
        assertEquals(503, r.statusCode());
        assertEquals("{\"error\":\"down\",\"status\":503}", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(List.of("b"), node.bulkIds());
    }

    @Test
    void anUnreachableNodeGivesA502() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (FaultProxy p = FaultProxy.start("http://127.0.0.1:" + closedPort)) {
            HttpResponse<byte[]> r = send(p, "/_bulk", index("a"));
            assertEquals(502, r.statusCode());
            assertEquals("fault_proxy_exception", JSON.readTree(r.body()).at("/error/type").asText());
        }
    }

    @Test
    void servesManyRequestsAtOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(FakeNode.GATE);
        try {
            // the node answers /gate only when all of them wait there together: none may queue in the proxy
            List<Future<HttpResponse<byte[]>>> gate = new ArrayList<>();
            for (int i = 0; i < FakeNode.GATE; i++) {
                gate.add(clients.submit(() -> send(HttpRequest.newBuilder(uri("/gate")).GET())));
            }
            for (Future<HttpResponse<byte[]>> f : gate) {
                assertEquals(200, f.get().statusCode());
            }
            // one-item rules, half queued up front and half while the bulks flow: the rule list changes under
            // traffic; the slow predicate widens any window in which two requests could take the same rule
            for (int i = 0; i < 25; i++) {
                proxy.failItems(ItemFault.QUEUE_FULL, op -> {
                    LockSupport.parkNanos(200_000);
                    return true;
                }, 1);
            }
            List<Future<Integer>> faulted = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                faulted.add(clients.submit(() -> {
                    int n = 0;
                    for (int r = 0; r < 10; r++) {
                        String[] ids = IntStream.range(0, 10).mapToObj(i -> thread + "-" + i).toArray(String[]::new);
                        n += (int) statuses(bulk("/_bulk", index(ids))).stream().filter(s -> s == 429).count();
                    }
                    return n;
                }));
            }
            for (int i = 0; i < 25; i++) {
                proxy.failNextItems(ItemFault.QUEUE_FULL, 1);
                Thread.sleep(1);
            }
            int total = 0;
            for (Future<Integer> f : faulted) {
                total += f.get();
            }
            assertTrue(total >= 25, "the rules queued before the traffic were all taken: " + total);
            assertEquals(total, proxy.faultedItems(ItemFault.QUEUE_FULL));
            assertEquals(total, proxy.injected().size());
            assertEquals(50, total + proxy.pendingItemFaults());
            assertEquals(1600 - total, node.bulkIds().size());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void keepsAConnectionAliveAcrossRequests() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 3; i++) {
                String body = index("k" + i);
                out.write(("POST /_bulk HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-ndjson\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                String answer = readAnswer(in);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.contains("\"_id\":\"k" + i + "\""), answer);
                assertTrue(answer.toLowerCase(Locale.ROOT).contains("\r\nkeep-alive: timeout=20\r\n"),
                        "idle connections retired before the server closes them");
            }
        }
    }

    @Test
    void carriesBulksOfSeveralMegabytes() throws Exception {
        proxy.failItems(ItemFault.SHARD_UNAVAILABLE, op -> op.id().endsWith("7"), 3);
        String text = "가".repeat(1000); // 3000 bytes of UTF-8
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            body.append("{\"index\":{\"_index\":\"it-big\",\"_id\":\"").append(i).append("\"}}\n{\"text\":\"")
                    .append(text).append("\"}\n");
        }
        JsonNode answer = bulk("/_bulk", body.toString());
        assertEquals(2000, answer.get("items").size());
        assertEquals(1997, node.bulkIds().size());
        assertEquals(List.of("7", "17", "27"), proxy.injected().stream().map(InjectedFault::id).toList());
        assertEquals(503, answer.at("/items/17/index/status").asInt());
        assertEquals("18", answer.at("/items/18/index/_id").asText());
    }

    // --- helpers

    private URI uri(String pathAndQuery) {
        return URI.create(proxy.url() + pathAndQuery);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(FaultProxy to, String path, String ndjson) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(to.url() + path)).POST(HttpRequest.BodyPublishers.ofString(ndjson))
                .header("Content-Type", "application/x-ndjson"));
    }

    private JsonNode bulk(String path, String ndjson) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(proxy, path, ndjson);
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return JSON.readTree(r.body());
    }

    private static String index(String... ids) {
        StringBuilder out = new StringBuilder();
        for (String id : ids) {
            out.append("{\"index\":{\"_index\":\"it-a\",\"_id\":\"").append(id).append("\"}}\n{\"text\":\"")
                    .append(id).append("\"}\n");
        }
        return out.toString();
    }

    private static String create(String id) {
        return "{\"create\":{\"_index\":\"it-a\",\"_id\":\"" + id + "\"}}\n{\"text\":\"" + id + "\"}\n";
    }

    private static String delete(String id) {
        return "{\"delete\":{\"_index\":\"it-a\",\"_id\":\"" + id + "\"}}\n";
    }

    private static String doc(String id, String lang) {
        return "{\"index\":{\"_index\":\"it-a\",\"_id\":\"" + id + "\"}}\n{\"lang\":\"" + lang + "\"}\n";
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.elements().next().get("_id").asText()));
        return ids;
    }

    private static List<Integer> statuses(JsonNode answer) {
        List<Integer> statuses = new ArrayList<>();
        answer.get("items").forEach(item -> statuses.add(item.elements().next().get("status").asInt()));
        return statuses;
    }

    /** One HTTP/1.1 answer framed by Content-Length, read off a raw connection. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .mapToInt(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElseThrow();
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
