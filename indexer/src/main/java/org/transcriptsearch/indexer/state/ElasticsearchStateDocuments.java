package org.transcriptsearch.indexer.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/** {@link StateDocuments} in the state alias, with {@code if_seq_no}/{@code if_primary_term} and {@code op_type=create}. */
public final class ElasticsearchStateDocuments implements StateDocuments {
    private final ElasticsearchConnection es;
    private final String index;

    public ElasticsearchStateDocuments(ElasticsearchConnection es, String index) {
        this.es = es;
        this.index = index;
    }

    @Override
    public Optional<Versioned> get(String id) {
        try {
            Response r = es.lowLevel().performRequest(new Request("GET", path(id)));
            JsonNode doc = es.json().readTree(r.getEntity().getContent());
            return Optional.of(new Versioned((ObjectNode) doc.path("_source"), doc.path("_seq_no").asLong(),
                    doc.path("_primary_term").asLong()));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new StateException("could not read " + id + " from " + index + ": HTTP "
                    + e.getResponse().getStatusLine().getStatusCode() + " (has setup been run?)", e);
        } catch (IOException e) {
            throw new StateException("could not read " + id + " from " + index + " at " + es.url() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Versioned put(String id, ObjectNode doc, Condition condition) {
        String query = condition instanceof Condition.At at
                ? "?if_seq_no=" + at.seqNo() + "&if_primary_term=" + at.primaryTerm() : "?op_type=create";
        Request req = new Request("PUT", path(id) + query);
        req.setEntity(new NStringEntity(doc.toString(), ContentType.APPLICATION_JSON));
        try {
            JsonNode r = es.json().readTree(es.lowLevel().performRequest(req).getEntity().getContent());
            return new Versioned(doc, r.path("_seq_no").asLong(), r.path("_primary_term").asLong());
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 409) {
                throw new Conflict(id);
            }
            throw new StateException("could not write " + id + " to " + index + ": HTTP "
                    + e.getResponse().getStatusLine().getStatusCode(), e);
        } catch (IOException e) {
            throw new StateException("could not write " + id + " to " + index + " at " + es.url() + ": " + e.getMessage(), e);
        }
    }


    private String path(String id) {
        return "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
