package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;
import org.transcriptsearch.testkit.PrometheusText;

/**
 * {@code GET /metrics} after real calls against a real node: requests by route template and status
 * (ids, query text and scanned paths never become labels), latency histograms, Elasticsearch calls by
 * operation and outcome, requests in flight and refused by the concurrency limit, the JVM basics; open
 * without a key when keys are set.
 */
@ExtendWith(ElasticsearchExtension.class)
class MetricsIT {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** What a customer said, as typed into a search: it must not reach the metrics. */
    private static final String QUERY = "refund-zebra-quokka 환불";
    private static TestElasticsearch es;
    private static IndexNames names;

    @BeforeAll
    static void index(TestElasticsearch node) {
        es = node;
        names = es.setup("it-metrics");
        new TranscriptFixture().index(es, names);
    }

    @Test
    void requestsByEndpointAndStatusElasticsearchCallsAndTheJvmWithoutWhatWasAsked() throws Exception {
        try (SearchServer server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0))) {
            String base = server.url();
            assertEquals(200, Http.get(base + "/api/search?q=" + Http.enc(QUERY)).status());
            assertEquals(200, Http.get(base + "/api/search?q=balance").status());
            assertEquals(400, Http.get(base + "/api/search?size=" + Http.enc(QUERY)).status());
            assertEquals(200, Http.get(base + "/api/conversations/kore-banking/k-en-1").status());
            assertEquals(404, Http.get(base + "/api/conversations/kore-banking/zebra-conversation-99").status());
            assertEquals(404, Http.get(base + "/api/zebra-endpoint").status());
            assertEquals(404, Http.get(base + "/wp-login.php?user=zebra").status());
            assertEquals(200, Http.get(base + "/explorer.js").status());
            assertEquals(200, Http.get(base + "/").status());
            assertEquals(200, Http.get(base + "/health").status());
            assertEquals(400, Http.rawStatus(base, "/api/conversations/kore-banking/zebra%zz"));

            Http.Answer scrape = Http.get(base + "/metrics");
            assertEquals(200, scrape.status());
            assertTrue(scrape.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"),
                    scrape.headers().toString());
            String m = scrape.body();
            assertEquals(2, count(m, "transcripts_api_requests_seconds_count", "endpoint=\"/api/search\"", "method=\"GET\"",
                    "status=\"200\""), m);
            assertEquals(1, count(m, "transcripts_api_requests_seconds_count", "endpoint=\"/api/search\"", "status=\"400\""), m);
            assertEquals(1, count(m, "transcripts_api_requests_seconds_count",
                    "endpoint=\"/api/conversations/:source/:conversationId\"", "status=\"200\""), m);
            assertEquals(1, count(m, "transcripts_api_requests_seconds_count",
                    "endpoint=\"/api/conversations/:source/:conversationId\"", "status=\"404\""), m);
            assertEquals(2, count(m, "transcripts_api_requests_seconds_count", "endpoint=\"other\"", "status=\"404\""),
                    "an unknown API endpoint and a scanned path are both 'other': " + m);
            assertEquals(1, count(m, "transcripts_api_requests_seconds_count", "endpoint=\"static\"", "status=\"200\""), m);
            assertEquals(1, count(m, "transcripts_api_requests_seconds_count", "endpoint=\"other\"", "status=\"400\""),
                    "a path that cannot be decoded: " + m);
            assertEquals(1, count(m, "transcripts_api_requests_seconds_count", "endpoint=\"/\"", "status=\"200\""), m);
            assertEquals(1, count(m, "transcripts_api_requests_seconds_count", "endpoint=\"/health\"", "status=\"200\""), m);
            // a histogram with fixed buckets, so that Prometheus can aggregate it across instances
            assertEquals(2, count(m, "transcripts_api_requests_seconds_bucket", "endpoint=\"/api/search\"",
                    "status=\"200\"", "le=\"+Inf\""), m);
            assertTrue(m.contains("le=\"0.005\""), m);

            assertTrue(count(m, "transcripts_api_elasticsearch_requests_seconds_count", "operation=\"search\"",
                    "outcome=\"ok\"", "status=\"200\"") >= 4, m);
            assertEquals(1, count(m, "transcripts_api_elasticsearch_requests_seconds_count", "operation=\"count\"",
                    "outcome=\"ok\""), m);
            assertEquals(1, count(m, "transcripts_api_elasticsearch_requests_seconds_count", "operation=\"cluster_health\"",
                    "outcome=\"ok\""), m);
            assertEquals(1, gauge(m, "transcripts_api_requests_in_flight"), "the scrape itself: " + m);
            for (String jvm : List.of("jvm_memory_used_bytes", "process_cpu_usage", "process_uptime_seconds", "jvm_threads_live_threads")) {
                assertTrue(m.contains(jvm), jvm + ": " + m);
            }
            for (String secret : List.of("zebra", "quokka", "환불", "k-en-1", "kore-banking", "wp-login", "explorer.js", "it-metrics")) {
                assertFalse(m.contains(secret), "'" + secret + "' is in the metrics: " + m);
            }

            HttpResponse<String> open = send(base + "/metrics", "application/openmetrics-text; version=1.0.0");
            assertTrue(open.headers().firstValue("content-type").orElse("").startsWith("application/openmetrics-text"),
                    open.headers().toString());
            assertTrue(open.body().endsWith("# EOF\n"), open.body());
        }
    }

    /**
     * A search held at Elasticsearch is in flight; a second one from the same caller is refused (429) and
     * counted so; the held one runs into the deadline and is counted as an Elasticsearch timeout. With keys,
     * {@code /metrics} answers without one, like {@code /health}; a missing index shows as an error.
     */
    @Test
    void inFlightRefusedTimedOutAndFailedCallsShowAndTheEndpointIsOpenWithKeys() throws Exception {
        try (GatedElasticsearch gated = new GatedElasticsearch(es.url());
             SearchServer server = SearchServer.start(SearchServerOptions.defaults()
                     .withElasticsearch(es.settings().withUrl(gated.url())).withIndices(names).withPort(0)
                     .withApiKeys(List.of("metrics-key-123")).withConcurrentRequests(1)
                     .withElasticsearchTimeout(Duration.ofSeconds(2)))) {
            String search = server.url() + "/api/search?q=balance";
            assertEquals(200, send(search, null, "metrics-key-123").statusCode(), "warm-up: the time span is read once");
            assertEquals(401, Http.get(search).status());
            gated.hold();
            CompletableFuture<HttpResponse<String>> held = CLIENT.sendAsync(request(search, null, "metrics-key-123"),
                    HttpResponse.BodyHandlers.ofString());
            gated.awaitWaiting(1);
            assertEquals(429, send(search, null, "metrics-key-123").statusCode());

            Http.Answer during = Http.get(server.url() + "/metrics");
            assertEquals(200, during.status(), "no key needed: " + during);
            String m = during.body();
            assertEquals(2, gauge(m, "transcripts_api_requests_in_flight"), "the held search and the scrape: " + m);
            assertEquals(1, count(m, "transcripts_api_requests_seconds_count", "endpoint=\"/api/search\"", "status=\"429\""), m);
            assertEquals(1, count(m, "transcripts_api_requests_seconds_count", "endpoint=\"/api/search\"", "status=\"401\""), m);
            assertFalse(m.contains("metrics-key-123"), m);

            assertEquals(503, held.get(60, TimeUnit.SECONDS).statusCode());
            gated.release();
            String after = Http.get(server.url() + "/metrics").body();
            assertEquals(1, count(after, "transcripts_api_elasticsearch_requests_seconds_count", "operation=\"search\"",
                    "outcome=\"timeout\"", "status=\"none\""), after);
            assertEquals(1, count(after, "transcripts_api_requests_seconds_count", "endpoint=\"/api/search\"", "status=\"503\""), after);
        }
        try (SearchServer missing = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndexPrefix("it-metrics-absent").withPort(0))) {
            assertEquals(503, Http.get(missing.url() + "/api/intents").status());
            String m = Http.get(missing.url() + "/metrics").body();
            assertEquals(1, count(m, "transcripts_api_elasticsearch_requests_seconds_count", "operation=\"search\"",
                    "outcome=\"error\"", "status=\"404\""), m);
        }
    }

    static long count(String metrics, String name, String... labels) {
        return PrometheusText.sum(metrics, name, labels);
    }

    static long gauge(String metrics, String name) {
        return (long) PrometheusText.value(metrics, name).orElseThrow(() -> new AssertionError(name + " missing: " + metrics));
    }

    private static HttpRequest request(String url, String accept, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b.build();
    }

    private static HttpResponse<String> send(String url, String accept) throws Exception {
        return send(url, accept, null);
    }

    private static HttpResponse<String> send(String url, String accept, String key) throws Exception {
        return CLIENT.send(request(url, accept, key), HttpResponse.BodyHandlers.ofString());
    }
}
