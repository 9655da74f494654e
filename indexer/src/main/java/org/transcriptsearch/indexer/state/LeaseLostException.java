package org.transcriptsearch.indexer.state;

/**
 * This process can no longer prove it holds a source's lease (another harvester took it, or it could not be
 * renewed in time): it must stop writing that source at once. The message says which and what happened.
 */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
        super(message, null, false, false);
    }
}
