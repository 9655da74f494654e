package org.transcriptsearch.indexer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceMetersTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SourceMeters meters = new SourceMeters(registry, Clock.fixed(NOW, ZoneOffset.UTC), "kore-banking", "kore");

    private double value(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counter() != null ? search.counter().count() : search.gauge().value();
    }

    @Test
    void countersGrowByWhatEachRunAddsAsItGoes() {
        meters.runStarted();
        meters.progress(10, 8, 2, 0);
        meters.progress(25, 20, 5, 1);
        meters.progress(25, 20, 5, 1);
        assertEquals(25, value(SourceMeters.MESSAGES_READ, "source", "kore-banking", "vendor", "kore"));
        meters.runEnded("succeeded", Duration.ofSeconds(3), true);
        meters.runStarted();
        meters.progress(4, 4, 1, 0);
        assertEquals(29, value(SourceMeters.MESSAGES_READ));
        assertEquals(24, value(SourceMeters.MESSAGES_WRITTEN));
        assertEquals(6, value(SourceMeters.CONVERSATIONS_WRITTEN));
        assertEquals(1, value(SourceMeters.SET_ASIDE));
    }

    @Test
    void runsByOutcomeAndTheLastOneThatFinishedItsWindow() {
        assertTrue(Double.isNaN(value(SourceMeters.LAST_SUCCESS)), "unknown before a run finished");
        meters.runEnded("lease lost", Duration.ofSeconds(1), false);
        assertTrue(Double.isNaN(value(SourceMeters.LAST_SUCCESS)));
        meters.runEnded("partial", Duration.ofSeconds(2), true);
        assertEquals(1, registry.find(SourceMeters.RUNS).tag("outcome", "lease_lost").timer().count());
        assertEquals(1, registry.find(SourceMeters.RUNS).tag("outcome", "partial").timer().count());
        assertEquals(NOW.getEpochSecond(), value(SourceMeters.LAST_SUCCESS));
    }

    @Test
    void lagIsFromTheOldestStreamAndUnknownWhileAStreamHasNoCheckpoint() {
        assertTrue(Double.isNaN(value(SourceMeters.LAG)));
        meters.checkpoint("messages", Optional.of(NOW.minusSeconds(90)));
        meters.checkpoint("conversations", Optional.empty());
        assertTrue(Double.isNaN(value(SourceMeters.LAG)), "a stream without a checkpoint");
        meters.checkpoint("conversations", Optional.of(NOW.minusSeconds(300)));
        assertEquals(300, value(SourceMeters.LAG));
        meters.checkpoint("conversations", Optional.of(NOW.minusSeconds(30)));
        assertEquals(90, value(SourceMeters.LAG));
        meters.checkpoint("messages", Optional.of(NOW.minusSeconds(600)));
        assertEquals(90, value(SourceMeters.LAG), "a checkpoint never goes back");
    }

    @Test
    void vendorCallsByBoundedStatusAndRetries() {
        meters.tried("getMessages", 429, 1_000_000);
        meters.tried("getMessages", 200, 1_000_000);
        meters.tried("getMessages", 0, 1_000_000);
        meters.tried("getMessages", 7777, 1_000_000);
        meters.retried("getMessages", 429);
        assertEquals(1, registry.find(SourceMeters.VENDOR_REQUESTS).tag("status", "429").timer().count());
        assertEquals(2, registry.find(SourceMeters.VENDOR_REQUESTS).tag("status", "none").timer().count());
        assertEquals(1, value(SourceMeters.VENDOR_RETRIES, "status", "429", "endpoint", "getMessages"));
        meters.leaseHeld(true);
        assertEquals(1, value(SourceMeters.LEASE_HELD));
        meters.leaseHeld(false);
        assertEquals(0, value(SourceMeters.LEASE_HELD));
    }
}
