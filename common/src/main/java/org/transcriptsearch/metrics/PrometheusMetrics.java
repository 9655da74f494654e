package org.transcriptsearch.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The meters of one server (the search API, a watching harvester) and their Prometheus exposition: the
 * product's own {@code transcripts_*} meters plus the JVM and process basics (memory, GC, threads, CPU,
 * uptime, open files) under their usual Micrometer names ({@code jvm_*}, {@code process_*},
 * {@code system_*}). Labels are the callers' business: only bounded values, never what a user typed.
 */
public final class PrometheusMetrics implements AutoCloseable {
    /** Every product meter's name starts with this ({@code transcripts_} in Prometheus). */
    public static final String PREFIX = "transcripts.";
    public static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** A registry with the JVM and process meters bound. */
    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One exposition: its content type and body. */
    public record Scrape(String contentType, byte[] body) {
    }

    /**
     * Every meter in the format the {@code Accept} header asks for: OpenMetrics text when it names
     * {@code application/openmetrics-text}, else (also without the header) the Prometheus text format.
     */
    public Scrape scrape(String accept) {
        String type = accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
                ? OPEN_METRICS : TEXT;
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            registry.scrape(out, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the metrics could not be written", e);
        }
        return new Scrape(type, out.toByteArray());
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
