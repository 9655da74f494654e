package org.transcriptsearch.indexer.source;

import java.time.Instant;

/**
 * The span of message times a run asks a source for: {@code [from, to)}. For an incremental run
 * {@code from = checkpoint - overlap} and {@code to = now - settle}; for {@code reindex} the dates given.
 */
public record HarvestWindow(Instant from, Instant to) {
    public HarvestWindow {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("window start " + from + " must be before its end " + to);
        }
    }

    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
