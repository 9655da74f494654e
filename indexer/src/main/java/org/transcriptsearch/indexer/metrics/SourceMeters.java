package org.transcriptsearch.indexer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.transcriptsearch.indexer.source.VendorCallMeter;
import org.transcriptsearch.metrics.PrometheusMetrics;

/**
 * One source's meters, tagged {@code source} and {@code vendor}: its runs by outcome and how long they took,
 * what they read, wrote and set aside (counted as pages are stored, not only when a run ends), its vendor
 * calls by endpoint and status and their retries, whether this process holds its lease, how far its
 * checkpoint lags behind now, and when a run last finished its window.
 */
public final class SourceMeters implements VendorCallMeter {
    static final String RUNS = PrometheusMetrics.PREFIX + "harvest.runs";
    static final String MESSAGES_READ = PrometheusMetrics.PREFIX + "harvest.messages.read";
    static final String MESSAGES_WRITTEN = PrometheusMetrics.PREFIX + "harvest.messages.written";
    static final String CONVERSATIONS_WRITTEN = PrometheusMetrics.PREFIX + "harvest.conversations.written";
    static final String SET_ASIDE = PrometheusMetrics.PREFIX + "harvest.set_aside";
    static final String VENDOR_REQUESTS = PrometheusMetrics.PREFIX + "harvest.vendor.requests";
    static final String VENDOR_RETRIES = PrometheusMetrics.PREFIX + "harvest.vendor.retries";
    static final String LEASE_HELD = PrometheusMetrics.PREFIX + "harvest.lease.held";
    static final String LAG = PrometheusMetrics.PREFIX + "harvest.lag";
    static final String LAST_SUCCESS = PrometheusMetrics.PREFIX + "harvest.last.success.timestamp";

    private static final Duration[] RUN_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3)};
    private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Clock clock;
    private final Tags tags;
    private final Counter read;
    private final Counter written;
    private final Counter conversations;
    private final Counter setAside;
    private final AtomicInteger lease = new AtomicInteger();
    /** Each stream's checkpoint ({@code through}), empty for a stream that has none yet. */
    private final Map<String, Optional<Instant>> checkpoints = new ConcurrentHashMap<>();
    private volatile double lastSuccess = Double.NaN;
    /** What the run in hand has reported so far: the counters grow by the difference. */
    private long runRead;
    private long runWritten;
    private long runConversations;
    private long runSetAside;

    SourceMeters(MeterRegistry registry, Clock clock, String source, String vendor) {
        this.registry = registry;
        this.clock = clock;
        this.tags = Tags.of("source", source, "vendor", vendor);
        read = Counter.builder(MESSAGES_READ).description("Messages read from the vendor").tags(tags).register(registry);
        written = Counter.builder(MESSAGES_WRITTEN).description("Messages stored (new or changed)").tags(tags)
                .register(registry);
        conversations = Counter.builder(CONVERSATIONS_WRITTEN).description("Conversation documents stored (new or changed)")
                .tags(tags).register(registry);
        setAside = Counter.builder(SET_ASIDE).description("Records set aside in the dead-letter index").tags(tags)
                .register(registry);
        Gauge.builder(LEASE_HELD, lease, AtomicInteger::get).description("1 while this process holds the source's lease")
                .tags(tags).register(registry);
        Gauge.builder(LAG, this, SourceMeters::lagSeconds).baseUnit("seconds")
                .description("Now minus the source's checkpoint (its oldest stream's): everything before it is stored")
                .tags(tags).register(registry);
        Gauge.builder(LAST_SUCCESS, this, m -> m.lastSuccess).baseUnit("seconds")
                .description("When a harvest of the source last finished its window (unix time; at start, from the run history), "
                        + "NaN if none ever did")
                .tags(tags).register(registry);
    }

    /** A run begins: what it stores from now on is added to the counters. */
    public synchronized void runStarted() {
        runRead = 0;
        runWritten = 0;
        runConversations = 0;
        runSetAside = 0;
    }

    /** The run in hand's totals so far (messages read and written, conversations written, records set aside). */
    public synchronized void progress(long messagesRead, long messagesWritten, long conversationsWritten, long recordsSetAside) {
        runRead = grow(read, runRead, messagesRead);
        runWritten = grow(written, runWritten, messagesWritten);
        runConversations = grow(conversations, runConversations, conversationsWritten);
        runSetAside = grow(setAside, runSetAside, recordsSetAside);
    }

    private static long grow(Counter counter, long reported, long total) {
        if (total > reported) {
            counter.increment(total - reported);
            return total;
        }
        return reported;
    }

    /**
     * The run ended with {@code outcome} (a run record's: {@code succeeded}, {@code partial}, {@code failed},
     * {@code stopped}, or {@code lease lost}, {@code refused}); the first two finished their window.
     */
    public void runEnded(String outcome, Duration took, boolean finishedWindow) {
        Timer.builder(RUNS).description("Harvest runs by outcome, and how long they took").tags(tags)
                .tag("outcome", outcome.replace(' ', '_'))
                .serviceLevelObjectives(RUN_BUCKETS)
                .register(registry)
                .record(took.toNanos(), TimeUnit.NANOSECONDS);
        if (finishedWindow) {
            lastSuccess = clock.millis() / 1000.0;
        }
    }

    /** A run of the source finished its window at {@code at} (one of an earlier process, from the run history). */
    public void finishedBefore(Instant at) {
        double seconds = at.toEpochMilli() / 1000.0;
        if (Double.isNaN(lastSuccess) || seconds > lastSuccess) {
            lastSuccess = seconds;
        }
    }

    public void leaseHeld(boolean held) {
        lease.set(held ? 1 : 0);
    }

    /** A stream's checkpoint as read when a run starts or as stored since; empty: the stream has none yet. */
    public void checkpoint(String stream, Optional<Instant> through) {
        checkpoints.merge(stream, through, (before, after) -> after.isEmpty() || before.isPresent()
                && before.get().isAfter(after.get()) ? before : after);
    }

    /** Seconds from the oldest stream's checkpoint to now; NaN while a stream has none (or none is known yet). */
    double lagSeconds() {
        Instant oldest = null;
        for (Optional<Instant> through : checkpoints.values()) {
            if (through.isEmpty()) {
                return Double.NaN;
            }
            oldest = oldest == null || through.get().isBefore(oldest) ? through.get() : oldest;
        }
        return oldest == null ? Double.NaN : Duration.between(oldest, clock.instant()).toMillis() / 1000.0;
    }

    @Override
    public void tried(String endpoint, int status, long nanos) {
        Timer.builder(VENDOR_REQUESTS).description("Tries of vendor calls by endpoint and HTTP status (none: no answer)")
                .tags(tags).tag("endpoint", endpoint).tag("status", status(status))
                .serviceLevelObjectives(CALL_BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retried(String endpoint, int status) {
        Counter.builder(VENDOR_RETRIES).description("Vendor calls tried again, by the status of the failed try")
                .tags(tags).tag("endpoint", endpoint).tag("status", status(status))
                .register(registry)
                .increment();
    }

    /** An HTTP status as a label: its three digits, {@code none} for no answer (bounded whatever a vendor sends). */
    private static String status(int status) {
        return status >= 100 && status <= 599 ? Integer.toString(status) : "none";
    }
}
