package org.transcriptsearch.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One kind of misbehaviour to queue with {@link Faults#next}. Immutable; {@link #times(int)} and
 * {@link #retryAfter(int)} return new faults. What each does on the wire:
 * <ul>
 *   <li>{@link #status(int)}: the call is answered with that status and the vendor's error body (a 429
 *       Kore body carries the vendor's rate-limit sentence), plus {@code Retry-After} if set.</li>
 *   <li>{@link #slow(Duration)}: the answer is held back that long, then served normally.</li>
 *   <li>{@link #cutConnection()}: status 200, the full {@code Content-Length}, half the body, then the
 *       connection is closed.</li>
 *   <li>{@link #malformedJson()}: status 200 and a body truncated mid-way (Content-Length matches it).</li>
 *   <li>{@link #malformedRecord()}: one record in the middle of the page loses its id and gets a field of
 *       the wrong type; the others are intact. Waits for a page that has records.</li>
 *   <li>{@link #expiredScroll()} (CXone only): the next call that carries a {@code scrollId} is answered
 *       410 {@code scroll_expired} and the scroll is gone.</li>
 *   <li>{@link #growBetweenCalls()}: after this page is computed, a generated conversation on it gets
 *       {@code 2} new messages at the sandbox's now, so the next call sees it grown. Waits for a page
 *       that shows a generated conversation.</li>
 *   <li>{@link #errorBody()}: status 200 with the vendor's busy-gateway body and no data array, as a
 *       vendor's gateway answers when a backend is busy. CXone {@code {"error":"Service busy, please retry"}};
 *       Kore {@code {"errors":[{"msg":"Service busy, please retry","code":"ServiceUnavailable"}]}}; AgentX
 *       {@code {"error":"service_unavailable","message":"Service busy, please retry"}}. No page is computed,
 *       so no scroll or cursor moves: the same request asked again gets the real page.</li>
 *   <li>{@link #futureRecord()}: one record in the middle of the page has one time in a smaller unit, so it
 *       lies tens of thousands of years ahead, as a vendor's units bug writes it; the rest of the page is intact. Kore:
 *       that message's {@code timestampValue} in microseconds ({@code createdOn} stays right: the bug is in
 *       the number, and the ISO time is how a harvester can tell). AgentX: that message's {@code time} in
 *       milliseconds, on {@code /conversations} the conversation's {@code startTime}. CXone: one {@code user}
 *       or {@code bot} event's {@code timestamp} in milliseconds, the middle one of those with an id;
 *       {@code lastMessageAt} stays, so the conversation still falls in the harvested window. Waits for a
 *       page that has records; the event's detail is {@code conversationId/messageId} (Kore: {@code
 *       sessionId/_id}), or the AgentX conversation's id.</li>
 * </ul>
 */
public final class Fault {
    /** The kinds of fault, in {@link FaultEvent}s. */
    public enum Kind {
        STATUS, SLOW, CUT_CONNECTION, MALFORMED_JSON, MALFORMED_RECORD, EXPIRED_SCROLL, GROW_BETWEEN_CALLS,
        ERROR_BODY, FUTURE_RECORD
    }

    /** Messages the grow-between-calls fault adds: one customer message and the bot's answer. */
    public static final int GROWTH_MESSAGES = 2;

    private final Kind kind;
    private final int status;
    private final OptionalInt retryAfterSeconds;
    private final Duration delay;
    private final int times;

    private Fault(Kind kind, int status, OptionalInt retryAfterSeconds, Duration delay, int times) {
        this.kind = kind;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.delay = delay;
        this.times = times;
    }

    private static Fault of(Kind kind) {
        return new Fault(kind, 0, OptionalInt.empty(), Duration.ZERO, 1);
    }

    /** Answers with this HTTP status (400..599) and the vendor's error body. */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault status must be 400..599, was " + status);
        }
        return new Fault(Kind.STATUS, status, OptionalInt.empty(), Duration.ZERO, 1);
    }

    public static Fault slow(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return new Fault(Kind.SLOW, 0, OptionalInt.empty(), delay, 1);
    }

    public static Fault cutConnection() {
        return of(Kind.CUT_CONNECTION);
    }

    public static Fault malformedJson() {
        return of(Kind.MALFORMED_JSON);
    }

    public static Fault malformedRecord() {
        return of(Kind.MALFORMED_RECORD);
    }

    public static Fault expiredScroll() {
        return of(Kind.EXPIRED_SCROLL);
    }

    public static Fault growBetweenCalls() {
        return of(Kind.GROW_BETWEEN_CALLS);
    }

    public static Fault errorBody() {
        return of(Kind.ERROR_BODY);
    }

    public static Fault futureRecord() {
        return of(Kind.FUTURE_RECORD);
    }

    /** Adds a {@code Retry-After: seconds} header (status faults only). */
    public Fault retryAfter(int seconds) {
        if (kind != Kind.STATUS) {
            throw new IllegalStateException("retryAfter applies to status faults, not " + kind);
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("retryAfter must be >= 0, was " + seconds);
        }
        return new Fault(kind, status, OptionalInt.of(seconds), delay, times);
    }

    /** The fault applies to the next {@code n} calls it fits (1 by default). */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + n);
        }
        return new Fault(kind, status, retryAfterSeconds, delay, n);
    }

    public Kind kind() {
        return kind;
    }

    public int statusCode() {
        return status;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Duration delay() {
        return delay;
    }

    public int count() {
        return times;
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case STATUS -> "status(" + status + ")"
                    + (retryAfterSeconds.isPresent() ? ".retryAfter(" + retryAfterSeconds.getAsInt() + ")" : "");
            case SLOW -> "slow(" + delay + ")";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
        return times == 1 ? what : what + ".times(" + times + ")";
    }
}
