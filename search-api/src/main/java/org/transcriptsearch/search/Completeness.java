package org.transcriptsearch.search;

import io.vertx.core.json.JsonObject;

/**
 * Whether Elasticsearch searched everything it was asked to. A search that hits its {@code timeout}
 * (see {@link ElasticsearchGateway}) answers with what it found so far and {@code timed_out: true}; a
 * shard that fails leaves its documents out. Either way the API still answers, and says so with
 * {@code timedOut} and {@code partial}, so nobody reads a partial count as the whole truth.
 */
record Completeness(boolean timedOut, boolean partial) {
    static final Completeness WHOLE = new Completeness(false, false);

    static Completeness of(JsonObject es) {
        boolean timedOut = Boolean.TRUE.equals(es.getValue("timed_out"));
        JsonObject shards = es.getJsonObject("_shards", new JsonObject());
        boolean shardsFailed = shards.getValue("failed") instanceof Number failed && failed.intValue() > 0;
        return new Completeness(timedOut, timedOut || shardsFailed);
    }

    /** Both answers together: partial if either was. */
    Completeness and(Completeness other) {
        return new Completeness(timedOut || other.timedOut, partial || other.partial);
    }

    JsonObject addTo(JsonObject response) {
        return response.put("timedOut", timedOut).put("partial", partial);
    }
}
