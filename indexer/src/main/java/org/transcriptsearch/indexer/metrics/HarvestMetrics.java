package org.transcriptsearch.indexer.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.transcriptsearch.metrics.PrometheusMetrics;

/**
 * The harvester's meters, one {@link SourceMeters} per source, served on {@code GET /metrics} while
 * {@code harvest --watch --metrics-port N} runs. {@link #none()} counts into a registry without
 * meters (Micrometer's empty composite: every call is a no-op), so a harvest that serves no metrics
 * opens no port and pays next to nothing.
 */
public final class HarvestMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final Clock clock;
    private final PrometheusMetrics prometheus;
    private final MetricsEndpoint endpoint;
    private final String host;
    private final Map<String, SourceMeters> sources = new ConcurrentHashMap<>();

    private HarvestMetrics(MeterRegistry registry, Clock clock, PrometheusMetrics prometheus, MetricsEndpoint endpoint,
                           String host) {
        this.registry = registry;
        this.clock = clock;
        this.prometheus = prometheus;
        this.endpoint = endpoint;
        this.host = host;
    }

    /** Meters that go nowhere. */
    public static HarvestMetrics none() {
        return new HarvestMetrics(new CompositeMeterRegistry(), Clock.systemUTC(), null, null, null);
    }

    /** Served where {@code options} say, or {@link #none()} without options. */
    public static HarvestMetrics serve(Optional<MetricsOptions> options, Clock clock) {
        if (options.isEmpty()) {
            return none();
        }
        PrometheusMetrics prometheus = new PrometheusMetrics();
        try {
            return new HarvestMetrics(prometheus.registry(), clock, prometheus, MetricsEndpoint.start(options.get(), prometheus),
                    options.get().host());
        } catch (RuntimeException e) {
            prometheus.close();
            throw e;
        }
    }

    /** The source's meters (created on first use, tagged with its name and vendor). */
    public SourceMeters forSource(String source, String vendor) {
        return sources.computeIfAbsent(source, s -> new SourceMeters(registry, clock, s, vendor));
    }

    /** The address scrapers use, when served: {@code http://HOST:PORT/metrics}. */
    public Optional<String> url() {
        if (endpoint == null) {
            return Optional.empty();
        }
        return Optional.of("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + endpoint.port() + "/metrics");
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
    }
}
