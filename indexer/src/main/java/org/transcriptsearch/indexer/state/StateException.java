package org.transcriptsearch.indexer.state;

/** The state index could not be read or written; the message says which document and why. */
public final class StateException extends RuntimeException {
    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
