package org.transcriptsearch.localnode;

/** The embedded node could not be prepared, started or reached; the message says what to do. */
public final class LocalNodeException extends RuntimeException {
    public LocalNodeException(String message) {
        super(message);
    }

    public LocalNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
