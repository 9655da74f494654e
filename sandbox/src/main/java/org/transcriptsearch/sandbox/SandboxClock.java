package org.transcriptsearch.sandbox;

import java.time.Instant;

/**
 * The sandbox's "now": the anchor when the sandbox started, advancing with real time from there. With
 * the default anchor (the real now) it is the wall clock; with a fixed anchor, growth, additions and
 * relative queries ({@code datetime > -7 days}) stay consistent with the generated data.
 */
public final class SandboxClock {
    private final long anchorMs;
    private final long startNanos = System.nanoTime();

    public SandboxClock(Instant anchor) {
        this.anchorMs = anchor.toEpochMilli();
    }

    public long nowMs() {
        return anchorMs + (System.nanoTime() - startNanos) / 1_000_000L;
    }

    public Instant now() {
        return Instant.ofEpochMilli(nowMs());
    }
}
