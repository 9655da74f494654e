package org.transcriptsearch.search;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.function.Function;

/**
 * The first and last message time in the index, for sizing the histogram of an open-ended search.
 * Read with one min/max aggregation and kept for {@link Cache#MAX_AGE_MS}: new messages only widen the
 * span a little, and the histogram still shows them (bounds only add empty buckets).
 */
record TimeSpan(Instant min, Instant max) {

    static ElasticsearchCall call(String index) {
        return ElasticsearchCall.search(index, new JsonObject()
                .put("size", 0)
                .put("track_total_hits", false)
                .put("aggs", new JsonObject()
                        .put("min", new JsonObject().put("min", new JsonObject().put("field", "@timestamp")))
                        .put("max", new JsonObject().put("max", new JsonObject().put("field", "@timestamp")))));
    }

    /** Null when the index holds no message. */
    static TimeSpan from(JsonObject es) {
        JsonObject aggs = es.getJsonObject("aggregations", new JsonObject());
        Object min = aggs.getJsonObject("min", new JsonObject()).getValue("value");
        Object max = aggs.getJsonObject("max", new JsonObject()).getValue("value");
        if (!(min instanceof Number lo) || !(max instanceof Number hi)) {
            return null;
        }
        return new TimeSpan(Instant.ofEpochMilli(lo.longValue()), Instant.ofEpochMilli(hi.longValue()));
    }

    /** The span, refreshed at most once per {@link #MAX_AGE_MS}; used on one event loop only. */
    static final class Cache {
        static final long MAX_AGE_MS = 60_000;
        private final String index;
        private final Function<ElasticsearchCall, Future<JsonObject>> send;
        private Future<TimeSpan> current;
        private long readAt;

        Cache(String index, Function<ElasticsearchCall, Future<JsonObject>> send) {
            this.index = index;
            this.send = send;
        }

        Future<TimeSpan> get() {
            long now = System.currentTimeMillis();
            if (current == null || now - readAt > MAX_AGE_MS || current.failed()) {
                readAt = now;
                current = send.apply(call(index)).map(TimeSpan::from);
            }
            return current;
        }
    }

}
