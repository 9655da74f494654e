package org.transcriptsearch.indexer.state;

import java.time.Instant;

/** Another harvester holds the source's lease: the message says who, since when and until when. */
public final class LeaseHeldException extends RuntimeException {
    private final Instant expiresAt;

    public LeaseHeldException(String source, String holder, Instant acquiredAt, Instant expiresAt) {
        super("source " + source + " is being harvested by " + holder + " (since " + acquiredAt + "); its lease expires at "
                + expiresAt + " unless renewed: try again later, or stop that process (a killed process's lease simply expires)");
        this.expiresAt = expiresAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
