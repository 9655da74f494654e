package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistogramIntervalTest {
    private static final Instant T = Instant.parse("2025-03-01T00:00:00Z");

    @Test
    void picksTheSmallestReadableIntervalGivingAtMostSixtyBuckets() {
        assertEquals("1m", HistogramInterval.interval(T, T.plusSeconds(3600)));
        assertEquals("5m", HistogramInterval.interval(T, T.plusSeconds(3 * 3600)));
        assertEquals("3h", HistogramInterval.interval(T, T.plusSeconds(7 * 86400)));
        assertEquals("1d", HistogramInterval.interval(T, T.plusSeconds(31 * 86400)));
        assertEquals("7d", HistogramInterval.interval(T, T.plusSeconds(365 * 86400)));
        assertEquals("61d", HistogramInterval.interval(T, T.plusSeconds(10L * 365 * 86400)));
        assertEquals("1d", HistogramInterval.interval(null, T), "unknown range");
    }
}
