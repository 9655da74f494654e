package org.transcriptsearch.indexer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.indexer.harvest.HarvesterProcess;
import org.transcriptsearch.indexer.harvest.Poll;
import org.transcriptsearch.indexer.source.VendorHarvestHarness;
import org.transcriptsearch.sandbox.Endpoint;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;
import org.transcriptsearch.testkit.PrometheusText;

/**
 * {@code harvest --watch --metrics-port 0} against the CXone sandbox and a real node, scraped while its
 * first run goes on and after it: every metric named in the README, the messages written equal to what
 * the sandbox served, a vendor 429 counted by status and as a retry, the lease held during the run only;
 * nothing in them that a user or a vendor wrote. And the option's errors, each exit 2 naming it.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarvestMetricsIT {
    private static final String SOURCE = "cxone-metrics";
    private static final String SOURCE_LABELS = "source=\"" + SOURCE + "\"";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private VendorSandbox sandbox;
    private VendorHarvestHarness h;
    private Path dir;

    @BeforeAll
    void start(TestElasticsearch es, @TempDir Path dir) throws IOException {
        this.dir = dir;
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(41).conversationsPerVendor(30).rateLimits(false)
                .vendors(Vendor.CXONE).build());
        es.setup("it-metrics-harvest");
        h = new VendorHarvestHarness(es, "it-metrics-harvest", dir, "  settle: 0s\n  overlap: 30m\n  timeout: 5s\n  retries: 4\n",
                "  - name: " + SOURCE + "\n    type: cxone\n    baseUrl: " + sandbox.baseUrl()
                        + "\n    token: ${CXONE_METRICS_TOKEN}\n    perPage: 10\n",
                Map.of("CXONE_METRICS_TOKEN", sandbox.credentials().cxoneToken()));
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void theWatchLoopServesItsMetricsWhileAndAfterItsFirstRun() throws Exception {
        // the first call answers 429 and asks for a second's patience; the next pages come slowly
        sandbox.faults().next(Endpoint.CXONE_CONVERSATIONS, Fault.status(429).retryAfter(1));
        sandbox.faults().next(Endpoint.CXONE_CONVERSATIONS, Fault.slow(Duration.ofMillis(500)).times(4));
        Instant started = Instant.now();
        HarvesterProcess watcher = spawnWatcher("watcher.log");
        try {
            String url = awaitMetricsUrl(watcher);
            assertTrue(url.startsWith("http://127.0.0.1:"), url);

            boolean[] sawLease = {false};
            boolean[] sawReadDuringRun = {false};
            Poll.until(() -> {
                String m = scrape(url);
                boolean running = gauge(m, "transcripts_harvest_lease_held", SOURCE_LABELS).orElse(0) == 1;
                sawLease[0] |= running;
                sawReadDuringRun[0] |= running && sample(m, "transcripts_harvest_runs_seconds_count", SOURCE_LABELS) == 0
                        && sample(m, "transcripts_harvest_messages_read_total", SOURCE_LABELS) > 0;
                return sample(m, "transcripts_harvest_runs_seconds_count", SOURCE_LABELS, "outcome=\"succeeded\"") == 1
                        || !watcher.alive();
            }, Duration.ofMinutes(2), "the first run succeeded");
            assertTrue(watcher.alive(), output(watcher));
            assertTrue(sawLease[0], "the lease shows as held during the run");
            assertTrue(sawReadDuringRun[0], "messages read are counted as pages come, before the run ends");

            String m = scrape(url);
            long served = sandbox.groundTruth().messageCount(Vendor.CXONE);
            var run = h.lastRun(SOURCE);
            assertTrue(served > 50, "the sandbox served " + served);
            assertEquals(served, sample(m, "transcripts_harvest_messages_read_total", SOURCE_LABELS, "vendor=\"cxone\""), m);
            assertEquals(served, sample(m, "transcripts_harvest_messages_written_total", SOURCE_LABELS), m);
            assertEquals(run.path("messages").path("written").asLong(), served, run.toString());
            assertEquals(run.path("conversations").path("written").asLong(),
                    sample(m, "transcripts_harvest_conversations_written_total", SOURCE_LABELS), m);
            assertTrue(m.contains("transcripts_harvest_set_aside_total{" + SOURCE_LABELS + ",vendor=\"cxone\"} 0.0"), m);

            assertEquals(1, sample(m, "transcripts_harvest_vendor_requests_seconds_count", SOURCE_LABELS, "status=\"429\""), m);
            assertTrue(sample(m, "transcripts_harvest_vendor_requests_seconds_count", SOURCE_LABELS, "status=\"200\"") >= 3, m);
            assertEquals(1, sample(m, "transcripts_harvest_vendor_retries_total", SOURCE_LABELS, "status=\"429\""), m);
            assertTrue(m.contains("transcripts_harvest_vendor_requests_seconds_bucket{endpoint=\"default\"," + SOURCE_LABELS
                    + ",status=\"429\",vendor=\"cxone\",le=\"0.05\"} 0"), "fixed buckets, aggregatable: " + m);
            assertTrue(m.contains("transcripts_harvest_runs_seconds_bucket{outcome=\"succeeded\"," + SOURCE_LABELS
                    + ",vendor=\"cxone\",le=\"+Inf\"} 1"), m);

            assertEquals(0, gauge(m, "transcripts_harvest_lease_held", SOURCE_LABELS).orElseThrow(), "given back after the run: " + m);
            double lag = gauge(m, "transcripts_harvest_lag_seconds", SOURCE_LABELS).orElseThrow();
            assertTrue(lag >= 0 && lag < 120, "the checkpoint is the run's end (settle 0s): lag " + lag);
            double success = gauge(m, "transcripts_harvest_last_success_timestamp_seconds", SOURCE_LABELS).orElseThrow();
            assertTrue(success >= started.getEpochSecond() && success <= Instant.now().getEpochSecond() + 1, "last success " + success);
            assertTrue(m.contains("jvm_memory_used_bytes") && m.contains("process_uptime_seconds"), m);

            assertFalse(m.contains(sandbox.credentials().cxoneToken()), "the token is in the metrics");
            for (String conversation : sandbox.groundTruth().conversationIds(Vendor.CXONE)) {
                assertFalse(m.contains(conversation), "a conversation id is in the metrics: " + conversation);
            }
            assertFalse(m.contains(sandbox.baseUrl()), m);

            assertEquals(404, CLIENT.send(HttpRequest.newBuilder(URI.create(url.replace("/metrics", "/"))).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            watcher.terminate();
            assertEquals(0, watcher.waitFor(60), output(watcher));
        } finally {
            if (watcher.alive()) {
                watcher.kill();
            }
        }
    }

    /**
     * A restarted harvester serves the source's last success and lag from what is stored before its first run
     * ends (here held back by a slow vendor): an alert on staleness sees the stale source, not missing data.
     */
    @Test
    void aRestartedWatcherServesTheStoredLastSuccessAndLagBeforeItsFirstRunEnds() throws Exception {
        VendorHarvestHarness.Result earlier = h.run("harvest");
        assertEquals(0, earlier.exit(), earlier.all());
        Instant finished = Instant.parse(h.lastRun(SOURCE).path("finished_at").asText());
        sandbox.faults().next(Endpoint.CXONE_CONVERSATIONS, Fault.slow(Duration.ofSeconds(12)));
        HarvesterProcess watcher = spawnWatcher("restarted.log");
        try {
            String url = awaitMetricsUrl(watcher);
            String[] primed = new String[1];
            Poll.until(() -> gauge(primed[0] = scrape(url), "transcripts_harvest_last_success_timestamp_seconds", SOURCE_LABELS)
                    .stream().anyMatch(v -> !Double.isNaN(v)) || !watcher.alive(), Duration.ofSeconds(30), "the last success primed");
            String m = primed[0];
            assertEquals(0, sample(m, "transcripts_harvest_runs_seconds_count", SOURCE_LABELS), "before the first run ends: " + m);
            assertEquals(finished.toEpochMilli() / 1000.0,
                    gauge(m, "transcripts_harvest_last_success_timestamp_seconds", SOURCE_LABELS).orElseThrow(), 0.001, m);
            double lag = gauge(m, "transcripts_harvest_lag_seconds", SOURCE_LABELS).orElseThrow();
            assertTrue(lag >= 0 && lag < 300, "the stored checkpoint's lag: " + lag + "\n" + m);
            watcher.terminate();
            assertEquals(0, watcher.waitFor(60), output(watcher));
        } finally {
            if (watcher.alive()) {
                watcher.kill();
            }
        }
    }

    @Test
    void badMetricsOptionsExit2NamingTheOption() throws IOException {
        VendorHarvestHarness.Result noWatch = h.run("harvest", "--metrics-port", "9100");
        assertEquals(2, noWatch.exit(), noWatch.all());
        assertTrue(noWatch.err().contains("error: --metrics-port needs --watch"), noWatch.err());

        VendorHarvestHarness.Result notANumber = h.run("harvest", "--watch", "--metrics-port", "ninety");
        assertEquals(2, notANumber.exit(), notANumber.all());
        assertTrue(notANumber.err().contains("error: --metrics-port must be a port number 0..65535 (0 picks a free one), not 'ninety'"),
                notANumber.err());

        VendorHarvestHarness.Result hostAlone = h.run("harvest", "--watch", "--metrics-host", "0.0.0.0");
        assertEquals(2, hostAlone.exit(), hostAlone.all());
        assertTrue(hostAlone.err().contains("error: --metrics-host needs --metrics-port N"), hostAlone.err());

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            VendorHarvestHarness.Result inUse = h.run("harvest", "--watch", "--metrics-port", Integer.toString(taken.getLocalPort()));
            assertEquals(2, inUse.exit(), inUse.all());
            assertTrue(inUse.err().contains("--metrics-port " + taken.getLocalPort() + ": cannot listen on 127.0.0.1:"),
                    inUse.err());
        }
        assertFalse(h.captured().contains("Exception"), h.captured());
    }

    /** {@code harvest --watch --interval 1h --metrics-port 0}, its output in {@code log}. */
    private HarvesterProcess spawnWatcher(String log) throws IOException {
        return h.spawn(dir.resolve(log), "harvest", "--watch", "--interval", "1h", "--metrics-port", "0");
    }

    /** The metrics URL the watcher printed, once it has, the watcher still running. */
    private static String awaitMetricsUrl(HarvesterProcess watcher) throws InterruptedException {
        String[] url = new String[1];
        Poll.until(() -> (url[0] = printedUrl(watcher)) != null || !watcher.alive(), Duration.ofMinutes(1), "the metrics URL printed");
        assertTrue(watcher.alive(), output(watcher));
        return url[0];
    }

    private static String output(HarvesterProcess p) {
        try {
            return p.output();
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private static String printedUrl(HarvesterProcess p) {
        Matcher m = Pattern.compile("metrics: (http://\\S+/metrics)").matcher(output(p));
        return m.find() ? m.group(1) : null;
    }

    private static String scrape(String url) {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static long sample(String metrics, String name, String... labels) {
        return PrometheusText.sum(metrics, name, labels);
    }

    static OptionalDouble gauge(String metrics, String name, String label) {
        return PrometheusText.value(metrics, name, label);
    }
}
