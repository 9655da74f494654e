package org.transcriptsearch.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
    @Test
    void theTextFormatByDefaultAndOpenMetricsWhenAskedWithTheJvmBasics() {
        try (PrometheusMetrics metrics = new PrometheusMetrics()) {
            metrics.registry().counter(PrometheusMetrics.PREFIX + "test.things", "kind", "a").increment(3);

            PrometheusMetrics.Scrape text = metrics.scrape(null);
            String body = new String(text.body(), StandardCharsets.UTF_8);
            assertTrue(text.contentType().startsWith("text/plain; version=0.0.4"), text.contentType());
            assertTrue(body.contains("transcripts_test_things_total{kind=\"a\"} 3"), body);
            for (String jvm : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage",
                    "process_uptime_seconds", "jvm_gc_"}) {
                assertTrue(body.contains(jvm), jvm + " missing: " + body);
            }

            PrometheusMetrics.Scrape open = metrics.scrape("application/openmetrics-text; version=1.0.0,text/plain;q=0.5");
            String openBody = new String(open.body(), StandardCharsets.UTF_8);
            assertTrue(open.contentType().startsWith("application/openmetrics-text"), open.contentType());
            assertTrue(openBody.contains("transcripts_test_things_total{kind=\"a\"} 3"), openBody);
            assertTrue(openBody.endsWith("# EOF\n"), openBody);

            assertTrue(metrics.scrape("text/html").contentType().startsWith("text/plain; version=0.0.4"));
        }
    }
}
