package org.transcriptsearch.search;

import io.vertx.core.json.JsonObject;

/** One request to Elasticsearch as JSON: what the API sends, and what the benchmark sends directly. */
public record ElasticsearchCall(String method, String path, JsonObject body) {
    public static ElasticsearchCall search(String index, JsonObject body) {
        return new ElasticsearchCall("POST", "/" + index + "/_search", body);
    }
}
