package org.transcriptsearch.indexer.forget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/**
 * What an erasure asks of Elasticsearch: every hit of a query through a point in time (+ {@code search_after},
 * which every cluster has, unlike delete-by-query), bulk requests, and plain JSON calls whose failures name
 * the request and the cluster's reason. Blocking calls.
 */
final class IndexScan {
    private static final int PAGE = 1_000;

    private final ElasticsearchConnection es;
    private final ObjectMapper json;

    IndexScan(ElasticsearchConnection es) {
        this.es = es;
        this.json = es.json();
    }

    ObjectMapper json() {
        return json;
    }

    /** Every hit of {@code query} in {@code indices} (wildcards allowed, none matching is no hit), only {@code fields} of its source. */
    void scan(String indices, ObjectNode query, List<String> fields, Consumer<JsonNode> action) {
        JsonNode opened = call("POST", "/" + indices + "/_pit?keep_alive=1m&allow_no_indices=true&ignore_unavailable=true", null);
        String pit = opened.path("id").asText();
        try {
            JsonNode after = null;
            while (true) {
                ObjectNode body = json.createObjectNode().put("size", PAGE);
                body.set("query", query);
                body.set("_source", json.valueToTree(fields));
                body.putObject("pit").put("id", pit).put("keep_alive", "1m");
                body.putArray("sort").addObject().put("_shard_doc", "asc");
                if (after != null) {
                    body.set("search_after", after);
                }
                JsonNode answer = call("POST", "/_search", body);
                pit = answer.path("pit_id").asText(pit);
                JsonNode hits = answer.path("hits").path("hits");
                hits.forEach(action);
                if (hits.size() < PAGE) {
                    return;
                }
                after = hits.get(hits.size() - 1).path("sort");
            }
        } finally {
            try {
                call("DELETE", "/_pit", json.createObjectNode().put("id", pit));
            } catch (RuntimeException e) {
                // it lapses by itself within a minute
            }
        }
    }

    JsonNode bulk(String ndjson) {
        Request req = new Request("POST", "/_bulk");
        req.setEntity(new NStringEntity(ndjson, ContentType.create("application/x-ndjson", "UTF-8")));
        return perform(req);
    }

    JsonNode call(String method, String path, JsonNode body) {
        Request req = new Request(method, path);
        if (body != null) {
            req.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        }
        return perform(req);
    }

    private JsonNode perform(Request req) {
        String what = req.getMethod() + " " + req.getEndpoint().replaceAll("\\?.*", "");
        try {
            return json.readTree(es.lowLevel().performRequest(req).getEntity().getContent());
        } catch (ResponseException e) {
            String reason;
            try {
                JsonNode err = json.readTree(EntityUtils.toString(e.getResponse().getEntity())).path("error");
                reason = err.path("root_cause").path(0).path("reason").asText(err.path("reason").asText(""));
            } catch (IOException | RuntimeException unreadable) {
                reason = "";
            }
            throw new IllegalStateException(what + " failed at " + es.url() + ": HTTP "
                    + e.getResponse().getStatusLine().getStatusCode() + " " + reason, e);
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed at " + es.url() + ": " + e.getMessage(), e);
        }
    }
}
