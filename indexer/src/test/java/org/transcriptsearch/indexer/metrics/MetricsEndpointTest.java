package org.transcriptsearch.indexer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> send(String url, String method, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            b.header("Accept", accept);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheSourcesMetersOnMetricsOnlyAndClosesItsPort() throws Exception {
        String url;
        try (HarvestMetrics metrics = HarvestMetrics.serve(Optional.of(new MetricsOptions("127.0.0.1", 0)), Clock.systemUTC())) {
            metrics.forSource("kore-banking", "kore").leaseHeld(true);
            url = metrics.url().orElseThrow();
            assertTrue(url.matches("http://127\\.0\\.0\\.1:[0-9]+/metrics"), url);

            HttpResponse<String> text = send(url, "GET", null);
            assertEquals(200, text.statusCode());
            assertTrue(text.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
            assertTrue(text.body().contains("transcripts_harvest_lease_held{source=\"kore-banking\",vendor=\"kore\"} 1"), text.body());

            HttpResponse<String> open = send(url, "GET", "application/openmetrics-text;version=1.0.0");
            assertTrue(open.headers().firstValue("content-type").orElse("").startsWith("application/openmetrics-text"));
            assertTrue(open.body().endsWith("# EOF\n"), open.body());

            assertEquals(200, send(url, "HEAD", null).statusCode());
            HttpResponse<String> post = send(url, "POST", null);
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("allow").orElse(""));
            HttpResponse<String> elsewhere = send(url.replace("/metrics", "/admin"), "GET", null);
            assertEquals(404, elsewhere.statusCode());
            assertEquals("the metrics are at /metrics\n", elsewhere.body());
        }
        assertThrows(ConnectException.class, () -> send(url, "GET", null), "the port is closed with the harvest");
    }

    @Test
    void withoutOptionsNoPortIsOpened() {
        try (HarvestMetrics metrics = HarvestMetrics.serve(Optional.empty(), Clock.systemUTC())) {
            assertEquals(Optional.empty(), metrics.url());
            metrics.forSource("kore-banking", "kore").tried("getMessages", 429, 1_000);
        }
    }
}
