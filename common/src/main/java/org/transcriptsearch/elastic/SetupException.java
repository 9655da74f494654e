package org.transcriptsearch.elastic;

/** The indices, templates or plugin are not as this build needs them; the message says what to do. */
public final class SetupException extends RuntimeException {
    public SetupException(String message) {
        super(message);
    }
}
