package org.transcriptsearch.search;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A date histogram whose buckets fit the range asked for: with both bounds, the smallest of a
 * ladder of readable intervals that gives at most {@value #TARGET_BUCKETS} buckets (empty ones
 * included, over the whole range); with an open range, Elasticsearch's {@code auto_date_histogram}
 * picks the interval from the data.
 */
final class HistogramInterval {
    static final int TARGET_BUCKETS = 60;
    private static final List<String> LADDER = List.of("1m", "5m", "10m", "30m", "1h", "3h", "6h", "12h", "1d", "7d");

    private HistogramInterval() {
    }

    static JsonObject aggregation(Instant from, Instant to) {
        String interval = fixed(from, to);
        if (interval == null) {
            return new JsonObject().put("auto_date_histogram", new JsonObject().put("field", "@timestamp")
                    .put("buckets", TARGET_BUCKETS).put("format", "strict_date_time"));
        }
        return new JsonObject().put("date_histogram", new JsonObject()
                .put("field", "@timestamp")
                .put("fixed_interval", interval)
                .put("min_doc_count", 0)
                .put("format", "strict_date_time")
                .put("extended_bounds", new JsonObject().put("min", from.toEpochMilli()).put("max", to.toEpochMilli())));
    }

    /** The fixed interval for a closed range, or null for an open one. */
    static String fixed(Instant from, Instant to) {
        if (from == null || to == null) {
            return null;
        }
        long range = Math.max(Duration.between(from, to).toMillis(), 1);
        for (String step : LADDER) {
            if (range / millis(step) < TARGET_BUCKETS) {
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
