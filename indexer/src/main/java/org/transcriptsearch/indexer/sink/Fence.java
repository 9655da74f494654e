package org.transcriptsearch.indexer.sink;

/**
 * What must still hold when a write is sent: the writer's lease. {@link #check()} throws once it does not:
 * {@link Unproven} while it cannot be shown to hold but may again (the writer waits and tries again, as
 * for any retriable refusal), anything else when it never will (the writer stops at once).
 */
@FunctionalInterface
public interface Fence {
    Fence NONE = () -> { };

    void check();

    /** Not shown to hold right now; ask again after a pause. */
    class Unproven extends RuntimeException {
        public Unproven(String message) {
            super(message, null, false, false);
        }
    }
}
