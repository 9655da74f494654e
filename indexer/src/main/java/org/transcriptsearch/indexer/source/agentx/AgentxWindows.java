package org.transcriptsearch.indexer.source.agentx;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a harvest window into the {@code start_time..end_time} spans (unix seconds) the export API is
 * walked over. The API gives no order within a span, so only a finished span can move the checkpoint:
 * the span size bounds how much a cut-off run reads again. Start is rounded down and end up to the
 * second, so consecutive spans share their boundary second (a message read twice is upserted, one
 * falling between two spans would be lost).
 */
final class AgentxWindows {
    /** One span: {@code [startTime, endTime]} in unix seconds, and the instant it covers up to. */
    record Span(long startTime, long endTime, Instant through) {
    }

    private AgentxWindows() {
    }

    static List<Span> plan(Instant from, Instant to, Duration size) {
        if (size.isNegative() || size.isZero()) {
            throw new IllegalArgumentException("an AgentX window must be positive, not " + size);
        }
        List<Span> out = new ArrayList<>();
        for (Instant a = from; a.isBefore(to); ) {
            Instant b = a.plus(size).isBefore(to) ? a.plus(size) : to;
            out.add(new Span(a.getEpochSecond(), ceilSeconds(b), b));
            a = b;
        }
        return out;
    }

    private static long ceilSeconds(Instant t) {
        return t.getNano() == 0 ? t.getEpochSecond() : t.getEpochSecond() + 1;
    }
}
