package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceScopeTest {
    private static final SourceScope TWO = new SourceScope(Set.of("kore-banking", "agentx-store"));
    private static final JsonObject SOURCES = new JsonObject("{\"terms\":{\"source\":[\"agentx-store\",\"kore-banking\"]}}");

    @Test
    void theWholeQueryIsLimitedAndEverythingElseKept() {
        JsonObject match = new JsonObject("{\"match\":{\"text\":\"refund\"}}");
        JsonObject body = new JsonObject().put("query", match).put("size", 5)
                .put("aggs", new JsonObject("{\"v\":{\"terms\":{\"field\":\"vendor\"}}}"))
                .put("post_filter", new JsonObject("{\"term\":{\"role\":\"user\"}}"));
        JsonObject before = body.copy();
        ElasticsearchCall call = TWO.restrict(ElasticsearchCall.search("m", body));
        JsonObject expected = body.copy().put("query", new JsonObject().put("bool", new JsonObject()
                .put("filter", new io.vertx.core.json.JsonArray().add(SOURCES))
                .put("must", new io.vertx.core.json.JsonArray().add(match))));
        assertEquals(expected, call.body());
        assertEquals("/m/_search", call.path());
        assertEquals(before, body, "the original is untouched");
    }

    @Test
    void aCountWithoutBodyGetsOneAndOtherCallsAreRefused() {
        ElasticsearchCall count = TWO.restrict(new ElasticsearchCall("POST", "/m/_count", null));
        assertEquals(new JsonObject().put("query", new JsonObject().put("bool", new JsonObject()
                .put("filter", new io.vertx.core.json.JsonArray().add(SOURCES)))), count.body());
        assertThrows(IllegalArgumentException.class,
                () -> TWO.restrict(new ElasticsearchCall("GET", "/_cluster/health", null)));
        ElasticsearchCall any = new ElasticsearchCall("GET", "/_cluster/health", null);
        assertSame(any, SourceScope.ALL.restrict(any));
    }
}
