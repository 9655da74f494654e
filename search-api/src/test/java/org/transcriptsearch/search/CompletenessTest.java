package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Elasticsearch's own flags for an incomplete answer, as its search API documents them, become the API's. */
class CompletenessTest {

    private static JsonObject answer(boolean timedOut, int failedShards) {
        return new JsonObject().put("took", 5).put("timed_out", timedOut)
                .put("_shards", new JsonObject().put("total", 2).put("successful", 2 - failedShards)
                        .put("skipped", 0).put("failed", failedShards));
    }

    @Test
    void aTimedOutSearchIsPartial() {
        assertEquals(new Completeness(true, true), Completeness.of(answer(true, 0)));
    }

    @Test
    void aFailedShardMakesItPartialWithoutATimeout() {
        assertEquals(new Completeness(false, true), Completeness.of(answer(false, 1)));
    }

    @Test
    void aWholeAnswerIsNeither() {
        assertEquals(Completeness.WHOLE, Completeness.of(answer(false, 0)));
        assertEquals(Completeness.WHOLE, Completeness.of(new JsonObject()), "a count or other answer without the flags");
    }

    @Test
    void responsesSayBoth() {
        JsonObject response = new Completeness(false, true).and(new Completeness(true, true)).addTo(new JsonObject());
        assertEquals(new JsonObject().put("timedOut", true).put("partial", true), response);
    }
}
