package org.transcriptsearch.sandbox.corpus;

import java.time.Duration;
import java.time.Instant;

/**
 * Where in time the generated conversations lie: conversation i starts in the i-th of {@code baseCount}
 * equal slots of {@code [from, to - longest conversation]}, so start times grow with i and every message
 * lies in {@code [from, to]}, with {@code to} ten minutes before the anchor.
 */
public record Layout(long fromMs, long toMs, int baseCount) {
    /** No generated conversation lasts longer than this (see {@link ShapeWriter}). */
    public static final long LONGEST_CONVERSATION_MS = Duration.ofMinutes(10).toMillis();
    /** The newest generated message is this long before the anchor. */
    public static final long QUIET_TAIL_MS = Duration.ofMinutes(10).toMillis();

    public static Layout of(Instant anchor, int spanDays, int baseCount) {
        long to = anchor.toEpochMilli() - QUIET_TAIL_MS;
        return new Layout(anchor.toEpochMilli() - Duration.ofDays(spanDays).toMillis(), to, baseCount);
    }

    /** The start of generated conversation {@code ordinal} (0 <= ordinal < baseCount). */
    public long startOf(long key, int ordinal) {
        double slot = (double) Math.max(0, toMs - LONGEST_CONVERSATION_MS - fromMs) / Math.max(1, baseCount);
        double jitter = StableIds.random(key).nextDouble();
        return fromMs + (long) ((ordinal + jitter) * slot);
    }
}
