package org.transcriptsearch.indexer.source;

import java.time.Duration;
import java.util.Optional;

/**
 * A vendor call failed, classified once where it happened so nobody downstream has to guess:
 * <ul>
 *   <li>{@link Kind#RETRIABLE}: timeout, cut connection, 429, 5xx. Back off (honouring
 *       {@link #retryAfter()}) and try again; if it persists the run stops early and says so.</li>
 *   <li>{@link Kind#FATAL}: 401/403, a setting the vendor rejects. Stop the source at once; the message
 *       names the source and the config key to check.</li>
 *   <li>{@link Kind#SCROLL_EXPIRED}: the vendor's server-side cursor is gone; restart the stream from its
 *       checkpoint.</li>
 * </ul>
 * Messages never hold a secret: build them from redacted URLs.
 */
public final class SourceException extends RuntimeException {
    public enum Kind { RETRIABLE, FATAL, SCROLL_EXPIRED }

    private final Kind kind;
    private final Integer status;
    private final Duration retryAfter;

    public SourceException(Kind kind, String message, Integer status, Duration retryAfter, Throwable cause) {
        super(message, cause, false, cause != null);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public static SourceException retriable(String message, Integer status, Duration retryAfter) {
        return new SourceException(Kind.RETRIABLE, message, status, retryAfter, null);
    }

    /** Fatal: names the source and the config key that is most likely wrong. */
    public static SourceException fatal(String sourceName, String configKey, String problem, Integer status) {
        return new SourceException(Kind.FATAL, "source " + sourceName + ": " + problem + " (check sources["
                + sourceName + "]." + configKey + ")", status, null, null);
    }

    /**
     * The vendor answered, but not with a page: cut-off or garbled JSON, an error body with status 200, no
     * data array. Retriable: such answers are usually a hiccup on the way or a busy backend.
     */
    public static SourceException unreadable(String where, String why) {
        return new SourceException(Kind.RETRIABLE, where + " answered an unreadable page: " + why, null, null, null);
    }

    public static SourceException scrollExpired(String message) {
        return new SourceException(Kind.SCROLL_EXPIRED, message, null, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public boolean retriable() {
        return kind == Kind.RETRIABLE;
    }

    public Optional<Integer> status() {
        return Optional.ofNullable(status);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
