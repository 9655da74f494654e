package org.transcriptsearch.search;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A date histogram whose buckets fit the range asked for: the smallest of a ladder of readable
 * intervals that gives at most about {@value #TARGET_BUCKETS} buckets over the range, empty buckets
 * included. An open bound is taken from the indexed messages' time span ({@link TimeSpan}, cached),
 * because {@code auto_date_histogram} is not part of every cluster (the bare node lacks it).
 */
final class HistogramInterval {
    static final int TARGET_BUCKETS = 60;
    private static final List<String> LADDER = List.of("1m", "5m", "10m", "30m", "1h", "3h", "6h", "12h", "1d", "7d");

    private HistogramInterval() {
    }

    static JsonObject aggregation(Instant from, Instant to, TimeSpan span) {
        Instant lo = from != null ? from : span == null ? null : span.min();
        Instant hi = to != null ? to : span == null ? null : span.max();
        JsonObject histogram = new JsonObject()
                .put("field", "@timestamp")
                .put("fixed_interval", interval(lo, hi))
                .put("min_doc_count", 0)
                .put("format", "strict_date_time");
        if (lo != null && hi != null && !lo.isAfter(hi)) {
            histogram.put("extended_bounds", new JsonObject().put("min", lo.toEpochMilli()).put("max", hi.toEpochMilli()));
        }
        return new JsonObject().put("date_histogram", histogram);
    }

    /** The fixed interval for a range; one day when nothing is known about it. */
    static String interval(Instant from, Instant to) {
        if (from == null || to == null || from.isAfter(to)) {
            return "1d";
        }
        long range = Math.max(Duration.between(from, to).toMillis(), 1);
        for (String step : LADDER) {
            if (range / millis(step) <= TARGET_BUCKETS) {
                return step;
            }
        }
        long days = (range / Duration.ofDays(1).toMillis()) / TARGET_BUCKETS + 1;
        return days + "d";
    }

    private static long millis(String step) {
        long n = Long.parseLong(step.substring(0, step.length() - 1));
        return switch (step.charAt(step.length() - 1)) {
            case 'm' -> Duration.ofMinutes(n).toMillis();
            case 'h' -> Duration.ofHours(n).toMillis();
            default -> Duration.ofDays(n).toMillis();
        };
    }
}
