package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * 10,000 random and hostile requests ({@link FuzzRequests}, fixed seed) against the API over a real
 * Elasticsearch holding {@link TranscriptFixture}, from four clients at once: not one answer is a 5xx,
 * every answer is a JSON object (with {@code error} when it is not a 200), and the p99 latency stays
 * under a generous bound. The figures are printed. {@code -Dfuzz.seed=N} replays another seed.
 */
@ExtendWith(ElasticsearchExtension.class)
class SearchApiFuzzIT {
    private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
    private static final int REQUESTS = 10_000;
    private static final int CLIENTS = 4;
    private static final long P99_BOUND_MS = 5_000;
    private static final String KEY = "fuzz-key-0123456789";
    private static final TranscriptFixture FIXTURE = new TranscriptFixture();
    private static SearchServer server;

    @BeforeAll
    static void start(TestElasticsearch es) {
        IndexNames names = es.setup("it-fuzz");
        FIXTURE.index(es, names);
        // A generous Elasticsearch deadline: a 503 from a busy build machine is not what this test looks for.
        server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection()).withIndices(names)
                .withPort(0).withApiKeys(List.of(KEY)).withElasticsearchTimeout(Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private record Outcome(String target, int status, long micros, String problem) {
    }

    @Test
    void tenThousandHostileRequestsGetJsonAndNever5xx() throws Exception {
        List<String> cursors = new ArrayList<>();
        for (String query : List.of("size=2", "q=balance&size=3", "vendor=kore&sort=time&size=4")) {
            cursors.add(Http.get(server.url() + "/api/search?" + query, KEY).json().getString("cursor"));
        }
        String host = "127.0.0.1:" + server.port();
        FuzzRequests generator = new FuzzRequests(SEED, host, KEY, cursors);
        List<FuzzRequests.Request> requests = new ArrayList<>(generator.everyPair());
        while (requests.size() < REQUESTS) {
            requests.add(generator.next());
        }

        AtomicInteger nextIndex = new AtomicInteger();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        Thread[] clients = new Thread[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            clients[c] = new Thread(() -> {
                for (int i = nextIndex.getAndIncrement(); i < requests.size(); i = nextIndex.getAndIncrement()) {
                    outcomes.add(send(requests.get(i)));
                }
            }, "fuzz-client-" + c);
            clients[c].start();
        }
        for (Thread t : clients) {
            t.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<Outcome> all = new ArrayList<>(outcomes);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        all.forEach(o -> byStatus.merge(o.status(), 1, Integer::sum));
        long[] micros = all.stream().mapToLong(Outcome::micros).sorted().toArray();
        System.out.printf("fuzz: seed %d, %d requests from %d clients in %.1f s (%.0f req/s); by status %s%n",
                SEED, all.size(), CLIENTS, seconds, all.size() / seconds, byStatus);
        System.out.printf("fuzz: latency ms p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", percentile(micros, 50),
                percentile(micros, 90), percentile(micros, 99), micros[micros.length - 1] / 1000.0);

        List<Outcome> problems = all.stream().filter(o -> o.problem() != null).toList();
        Map<String, List<Outcome>> byKind = new TreeMap<>();
        problems.forEach(o -> byKind.computeIfAbsent(o.status() + " " + o.problem().replaceAll(":.*", ""),
                k -> new ArrayList<>()).add(o));
        StringBuilder report = new StringBuilder();
        byKind.forEach((kind, list) -> report.append("\n  ").append(list.size()).append(" x ").append(kind)
                .append(", e.g. ").append(list.subList(0, Math.min(3, list.size()))));
        assertTrue(problems.isEmpty(), problems.size() + " bad answers:" + report);
        assertEquals(REQUESTS, all.size());
        assertTrue(byStatus.getOrDefault(200, 0) > REQUESTS / 5, "enough requests got through to search: " + byStatus);
        assertTrue(percentile(micros, 99) < P99_BOUND_MS, "p99 " + percentile(micros, 99) + " ms");

        JsonObject after = Http.get(server.url() + "/api/search?size=1", KEY).json();
        assertEquals(FIXTURE.messages.size(), after.getLong("total"), "the server still answers correctly");
    }

    private static Outcome send(FuzzRequests.Request request) {
        long start = System.nanoTime();
        Http.Raw answer;
        try {
            answer = Http.raw(server.url(), request.bytes());
        } catch (AssertionError e) {
            return new Outcome(request.target(), -1, (System.nanoTime() - start) / 1000, e.getMessage());
        }
        long micros = (System.nanoTime() - start) / 1000;
        return new Outcome(shorten(request.target()), answer.status(), micros, problem(answer));
    }

    /** What is wrong with an answer, or null. */
    private static String problem(Http.Raw answer) {
        if (answer.status() >= 500) {
            return "a " + answer.status() + ": " + answer.body();
        }
        if (!answer.headers().getOrDefault("content-type", "").startsWith("application/json")) {
            return "not JSON (" + answer.headers().get("content-type") + "): " + shorten(answer.body());
        }
        JsonObject json;
        try {
            json = new JsonObject(answer.body());
        } catch (DecodeException | ClassCastException e) {
            return "a body that is not a JSON object: " + shorten(answer.body());
        }
        if (answer.status() >= 400 && !(json.getValue("error") instanceof String error && !error.isBlank())) {
            return "an error without a message: " + shorten(answer.body());
        }
        if (answer.status() == 429 && !answer.headers().containsKey("retry-after")) {
            return "a 429 without Retry-After";
        }
        return null;
    }

    private static double percentile(long[] sortedMicros, int p) {
        int index = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }

    private static String shorten(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "... (" + s.length() + " chars)";
    }
}
