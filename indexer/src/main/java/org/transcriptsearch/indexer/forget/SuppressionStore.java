package org.transcriptsearch.indexer.forget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.state.ElasticsearchStateDocuments;
import org.transcriptsearch.indexer.state.StateDocuments;
import org.transcriptsearch.indexer.state.StateDocuments.Condition;
import org.transcriptsearch.indexer.state.StateDocuments.Versioned;
import org.transcriptsearch.indexer.state.StateException;

/**
 * The suppressions in the state index ({@code suppression:<scope>:<digest>}). Writes are conditional on the
 * version read, so a forget and a harvest adding a learned conversation never lose each other's change.
 * Blocking calls: run them off the event loop.
 */
public final class SuppressionStore {
    private static final int PAGE = 1_000;
    private static final int CONFLICT_RETRIES = 5;

    private final ElasticsearchConnection es;
    private final String index;
    private final StateDocuments docs;
    private final ObjectMapper json;

    public SuppressionStore(ElasticsearchConnection es, IndexNames names) {
        this.es = es;
        this.index = names.state();
        this.docs = new ElasticsearchStateDocuments(es, index);
        this.json = es.json();
    }

    /** Every suppression, oldest first. */
    public List<Suppression> all() {
        call("POST", "/" + index + "/_refresh", null);
        List<Suppression> out = new ArrayList<>();
        JsonNode after = null;
        while (true) {
            ObjectNode body = json.createObjectNode().put("size", PAGE);
            body.putObject("query").putObject("term").put("kind", Suppression.KIND);
            ArrayNode sort = body.putArray("sort");
            // unmapped_type: a state index that setup has not upgraded yet holds no suppression, and says so
            sort.addObject().putObject("suppression.created_at").put("order", "asc").put("unmapped_type", "date");
            sort.addObject().putObject("suppression.digest").put("order", "asc").put("unmapped_type", "keyword");
            sort.addObject().putObject("suppression.scope").put("order", "asc").put("unmapped_type", "keyword");
            if (after != null) {
                body.set("search_after", after);
            }
            JsonNode hits = call("POST", "/" + index + "/_search", body).path("hits").path("hits");
            for (JsonNode hit : hits) {
                out.add(read(hit.path("_id").asText(), hit.path("_source")));
            }
            if (hits.size() < PAGE) {
                return out;
            }
            after = hits.get(hits.size() - 1).path("sort");
        }
    }

    public Suppressions load() {
        return new Suppressions(all());
    }

    public long count() {
        ObjectNode body = json.createObjectNode();
        body.putObject("query").putObject("term").put("kind", Suppression.KIND);
        return call("POST", "/" + index + "/_count", body).path("count").asLong();
    }

    public Optional<Suppression> get(String id) {
        return docs.get(id).map(v -> read(id, v.source()));
    }

    /** Creates the suppression, or changes the stored one by {@code change}; returns what is stored. */
    public Suppression upsert(Suppression fresh, UnaryOperator<Suppression> change) {
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Optional<Versioned> stored = docs.get(fresh.id());
            Suppression next = change.apply(stored.map(v -> read(fresh.id(), v.source())).orElse(fresh));
            try {
                docs.put(fresh.id(), json.valueToTree(next), Condition.of(stored));
                return next;
            } catch (StateDocuments.Conflict c) {
                // changed meanwhile (a harvest learned a conversation): read again
            }
        }
        throw new StateException("the suppression " + fresh.id() + " in " + index + " kept changing while it was written", null);
    }

    /**
     * Adds conversations a harvest found to belong to forgotten customers (conversation digest by customer
     * suppression digest) to those suppressions, so later runs drop them even where the customer is not named.
     */
    public void learn(Map<String, ? extends Collection<String>> conversationsByCustomer, Instant at) {
        conversationsByCustomer.forEach((customerDigest, conversations) -> {
            Suppression placeholder = Suppression.of(Suppression.CUSTOMER, null, customerDigest, at);
            if (get(placeholder.id()).isEmpty()) {
                return; // withdrawn meanwhile: nothing to add to
            }
            upsert(placeholder, s -> {
                Set<String> all = new LinkedHashSet<>(s.suppression().conversations() == null ? List.of()
                        : s.suppression().conversations());
                all.addAll(conversations);
                return s.with(List.copyOf(all), s.suppression().erased(), at);
            });
        });
    }

    private Suppression read(String id, JsonNode source) {
        try {
            return json.treeToValue(source, Suppression.class);
        } catch (JsonProcessingException e) {
            throw new StateException("suppression " + id + " in " + index + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private JsonNode call(String method, String path, JsonNode body) {
        Request req = new Request(method, path);
        if (body != null) {
            req.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        }
        try {
            return json.readTree(es.lowLevel().performRequest(req).getEntity().getContent());
        } catch (ResponseException e) {
            throw new StateException("could not read the suppressions in " + index + ": HTTP "
                    + e.getResponse().getStatusLine().getStatusCode() + " (has setup been run?)", e);
        } catch (IOException e) {
            throw new StateException("could not read the suppressions in " + index + " at " + es.url() + ": " + e.getMessage(), e);
        }
    }
}
