package org.transcriptsearch.indexer.source;

/** A harvest ended early because it was asked to ({@link StopSignal}): not a failure of the vendor or the store. */
public final class HarvestStopped extends RuntimeException {
    public HarvestStopped(String message) {
        super(message, null, false, false);
    }
}
