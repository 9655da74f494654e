package org.transcriptsearch.indexer.setaside;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.sink.BulkItem;
import org.transcriptsearch.indexer.source.HarvestWindow;
import org.transcriptsearch.indexer.state.StateException;
import org.transcriptsearch.secrets.Redactor;

/**
 * The dead-letter index: set-aside records are written through the harvest's own bulk path (so a
 * checkpoint never passes one that is not kept), read here for {@code status} and {@code set-aside}, and
 * removed once what they stand for is stored. Reads are blocking: run them off the event loop.
 */
public final class SetAsideStore {
    private static final int PAGE = 1_000;

    private final ElasticsearchConnection es;
    private final String index;
    private final ObjectMapper json;
    private final Redactor redactor;

    /** {@code redactor}: every record written passes it (the one place set-aside text is masked before it is stored). */
    public SetAsideStore(ElasticsearchConnection es, IndexNames names, Redactor redactor) {
        this.es = es;
        this.index = names.deadLetter();
        this.json = es.json();
        this.redactor = redactor;
    }

    public String index() {
        return index;
    }

    /** The record as a bulk item (index: set aside again, it replaces itself). */
    public BulkItem item(SetAsideRecord unmasked) {
        SetAsideRecord r = unmasked.redacted(redactor);
        String id = r.id();
        try {
            String line = "{\"index\":{\"_index\":" + json.writeValueAsString(index) + ",\"_id\":" + json.writeValueAsString(id)
                    + "}}\n" + json.writeValueAsString(r) + "\n";
            return new BulkItem(BulkItem.Kind.SET_ASIDE, index, id, BulkItem.UNVERSIONED, line.getBytes(StandardCharsets.UTF_8),
                    r.location(), r.conversation() == null ? null : r.conversation().id());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a set-aside record could not be serialised: " + e.getMessage(), e);
        }
    }

    /** Removes a record (gone already is fine). */
    public BulkItem removal(String id) {
        try {
            String line = "{\"delete\":{\"_index\":" + json.writeValueAsString(index) + ",\"_id\":" + json.writeValueAsString(id)
                    + "}}\n";
            return new BulkItem(BulkItem.Kind.SET_ASIDE, index, id, BulkItem.UNVERSIONED, line.getBytes(StandardCharsets.UTF_8),
                    "set-aside record " + id, null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ids of the documents of {@code source} that were refused and are still set aside. */
    public Set<String> refusedDocumentIds(String source) {
        Set<String> out = new HashSet<>();
        each(query(source, SetAsideRecord.DOCUMENT), r -> out.add(r.target().id()));
        return out;
    }

    /**
     * The vendor records of {@code source} set aside by an earlier run whose window lies within {@code w}:
     * a complete run over {@code w} that did not set them aside again has stored what they stood for.
     */
    public List<String> recordsCoveredBy(String source, HarvestWindow w, String exceptRun) {
        ObjectNode q = query(source, SetAsideRecord.RECORD);
        ArrayNode filter = (ArrayNode) q.path("bool").path("filter");
        filter.addObject().putObject("range").putObject("window.from").put("gte", w.from().toString());
        filter.addObject().putObject("range").putObject("window.to").put("lte", w.to().toString());
        q.with("bool").putArray("must_not").addObject().putObject("term").put("run.id", exceptRun);
        List<String> ids = new ArrayList<>();
        each(q, r -> ids.add(r.id()));
        return ids;
    }

    /** Every record of {@code source} (all sources when null) of {@code kind} (any when null), oldest first. */
    public void each(String source, String kind, Consumer<SetAsideRecord> action) {
        each(query(source, kind), action);
    }

    public long count(String source) {
        ObjectNode body = json.createObjectNode();
        body.set("query", query(source, null));
        JsonNode r = call("POST", "/" + index + "/_count", body);
        return r == null ? 0 : r.path("count").asLong();
    }

    /** The newest {@code limit} records of {@code source}. */
    public List<SetAsideRecord> latest(String source, int limit) {
        ObjectNode body = json.createObjectNode();
        body.put("size", limit);
        body.putArray("sort").addObject().put("@timestamp", "desc");
        body.set("query", query(source, null));
        List<SetAsideRecord> out = new ArrayList<>();
        JsonNode r = call("POST", "/" + index + "/_search", body);
        if (r != null) {
            for (JsonNode hit : r.path("hits").path("hits")) {
                out.add(read(hit));
            }
        }
        return out;
    }

    private ObjectNode query(String source, String kind) {
        ObjectNode q = json.createObjectNode();
        ArrayNode filter = q.putObject("bool").putArray("filter");
        if (source != null) {
            filter.addObject().putObject("term").put("source", source);
        }
        if (kind != null) {
            filter.addObject().putObject("term").put("kind", kind);
        }
        return q;
    }

    /** Scrolls through every match, after a refresh so the latest writes count. */
    private void each(ObjectNode query, Consumer<SetAsideRecord> action) {
        if (call("POST", "/" + index + "/_refresh", null) == null) {
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.put("size", PAGE);
        body.set("query", query);
        body.putArray("sort").add("_doc");
        JsonNode r = call("POST", "/" + index + "/_search?scroll=1m", body);
        String scroll = r == null ? null : r.path("_scroll_id").asText(null);
        try {
            while (r != null && !r.path("hits").path("hits").isEmpty()) {
                for (JsonNode hit : r.path("hits").path("hits")) {
                    action.accept(read(hit));
                }
                ObjectNode next = json.createObjectNode().put("scroll", "1m").put("scroll_id", scroll);
                r = call("POST", "/_search/scroll", next);
                scroll = r == null ? scroll : r.path("_scroll_id").asText(scroll);
            }
        } finally {
            if (scroll != null) {
                try {
                    call("DELETE", "/_search/scroll", json.createObjectNode().put("scroll_id", scroll));
                } catch (StateException e) {
                    // it expires by itself within a minute
                }
            }
        }
    }

    private SetAsideRecord read(JsonNode hit) {
        try {
            return json.treeToValue(hit.path("_source"), SetAsideRecord.class);
        } catch (JsonProcessingException e) {
            throw new StateException("set-aside record " + hit.path("_id").asText() + " in " + index + " is unreadable: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** A JSON call; null when the index is missing (a cluster set up before set-aside records existed). */
    private JsonNode call(String method, String path, JsonNode body) {
        Request req = new Request(method, path);
        if (body != null) {
            req.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
        }
        try {
            return json.readTree(es.lowLevel().performRequest(req).getEntity().getContent());
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw new StateException("could not read the set-aside records in " + index + ": HTTP "
                    + e.getResponse().getStatusLine().getStatusCode(), e);
        } catch (IOException e) {
            throw new StateException("could not read the set-aside records in " + index + " at " + es.url() + ": "
                    + e.getMessage(), e);
        }
    }
}
