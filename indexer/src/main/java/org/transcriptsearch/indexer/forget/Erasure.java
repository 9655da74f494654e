package org.transcriptsearch.indexer.forget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;

/**
 * Deletes a customer's or some conversations' documents from every index version of the prefix (the
 * versioned indices, not only those behind the aliases: {@code rebuild} and rollover leave older ones), and
 * their set-aside records, which hold their vendor records. The bare node has no delete-by-query, so the ids
 * are collected with point-in-time + {@code search_after} and deleted with {@code _bulk}; then everything
 * is refreshed and searched again: anything left fails the erasure. Run-history errors that name them are
 * masked ({@link RunErrorMask}). Blocking calls.
 */
public final class Erasure {
    private static final int PAGE = 1_000;
    private static final int TERMS_PER_CLAUSE = 1_000;

    /**
     * What to erase: a customer (of one source, or of every source when {@code source} is null), plus whole
     * conversations by source.
     */
    public record Target(String customerId, String source, Map<String, Set<String>> conversations) {
        public static Target customer(String customerId, String source) {
            return new Target(customerId, source, Map.of());
        }

        public static Target conversations(String source, Set<String> ids) {
            return new Target(null, null, Map.of(source, Set.copyOf(ids)));
        }

        boolean isEmpty() {
            return customerId == null && conversations.values().stream().allMatch(Set::isEmpty);
        }
    }

    /**
     * What was deleted: documents per index, by kind, and the conversations erased (source → ids).
     */
    public record Result(Map<String, Long> byIndex, long messages, long conversations, long setAside,
                         Map<String, Set<String>> erasedConversations, long runErrorsMasked) {
        public long total() {
            return messages + conversations + setAside;
        }
    }

    /** Documents were left after the deletes: the message names the indices and how many, never an id. */
    public static final class Incomplete extends RuntimeException {
        private final Result deleted;

        Incomplete(String message, Result deleted) {
            super(message);
            this.deleted = deleted;
        }

        public Result deleted() {
            return deleted;
        }
    }

    private record Hit(String index, String id) {
    }

    private final IndexScan cluster;
    private final IndexNames names;
    private final ObjectMapper json;
    private final RunErrorMask runErrors;

    public Erasure(ElasticsearchConnection es, IndexNames names) {
        this.cluster = new IndexScan(es);
        this.names = names;
        this.json = es.json();
        this.runErrors = new RunErrorMask(cluster, names);
    }

    private String documentIndices() {
        return names.alias(IndexNames.Kind.MESSAGES) + "-v*," + names.alias(IndexNames.Kind.CONVERSATIONS) + "-v*";
    }

    private String deadLetterIndices() {
        return names.alias(IndexNames.Kind.DEADLETTER) + "-v*";
    }

    public Result erase(Target target) {
        if (target.isEmpty()) {
            return new Result(Map.of(), 0, 0, 0, Map.of(), 0);
        }
        refresh(); // what was just written is found too (a search sees only what is refreshed)
        Map<String, Set<String>> conversations = conversationsOf(target);
        Target whole = new Target(target.customerId(), target.source(), conversations);
        List<Hit> hits = new ArrayList<>();
        cluster.scan(documentIndices(), documentsQuery(whole), List.of("source"), h -> hits.add(new Hit(h.path("_index").asText(),
                h.path("_id").asText())));
        cluster.scan(deadLetterIndices(), deadLetterScope(whole), List.of("source", "conversation.id", "record", "document"), h -> {
            if (holds(whole, h.path("_source"))) {
                hits.add(new Hit(h.path("_index").asText(), h.path("_id").asText()));
            }
        });
        delete(hits);
        long masked = runErrors.mask(ids(whole));
        refresh();
        Result result = result(hits, conversations, masked);
        List<String> left = leftOver(whole);
        if (!left.isEmpty()) {
            throw new Incomplete("after deleting " + result.total() + " document(s), " + String.join(", ", left)
                    + " still hold documents of it (written meanwhile by a process that does not take the sources' leases,"
                    + " such as one with another configuration: run the same forget again)", result);
        }
        return result;
    }

    /** What a run-history error may name of the target: its conversations' ids and the customer's id. */
    private static List<String> ids(Target t) {
        List<String> out = new ArrayList<>();
        t.conversations().values().forEach(out::addAll);
        if (t.customerId() != null) {
            out.add(t.customerId());
        }
        return out;
    }

    private void refresh() {
        cluster.call("POST", "/" + documentIndices() + "," + deadLetterIndices() + "," + runErrors.indices() + "/_refresh?allow_no_indices=true", null);
    }

    /** The target's conversations: those named, and every conversation whose document or any message carries the customer. */
    private Map<String, Set<String>> conversationsOf(Target target) {
        Map<String, Set<String>> out = new TreeMap<>();
        target.conversations().forEach((s, ids) -> out.computeIfAbsent(s, k -> new LinkedHashSet<>()).addAll(ids));
        if (target.customerId() != null) {
            cluster.scan(documentIndices(), customerQuery(target), List.of("source", "conversation.id"), h -> {
                JsonNode src = h.path("_source");
                String conversation = src.path("conversation").path("id").asText(null);
                if (conversation != null) {
                    out.computeIfAbsent(src.path("source").asText(), k -> new LinkedHashSet<>()).add(conversation);
                }
            });
        }
        return out;
    }

    private ObjectNode customerQuery(Target t) {
        ObjectNode q = json.createObjectNode();
        ArrayNode filter = q.putObject("bool").putArray("filter");
        filter.addObject().putObject("term").put("customer.id", t.customerId());
        if (t.source() != null) {
            filter.addObject().putObject("term").put("source", t.source());
        }
        return q;
    }

    /** Messages and conversation documents of the target: the customer's own, and those of its conversations. */
    private ObjectNode documentsQuery(Target t) {
        ObjectNode q = json.createObjectNode();
        ObjectNode bool = q.putObject("bool");
        ArrayNode should = bool.putArray("should");
        if (t.customerId() != null) {
            should.add(customerQuery(t));
        }
        t.conversations().forEach((source, ids) -> {
            List<String> all = new ArrayList<>(ids);
            for (int from = 0; from < all.size(); from += TERMS_PER_CLAUSE) {
                ObjectNode clause = should.addObject();
                ArrayNode filter = clause.putObject("bool").putArray("filter");
                filter.addObject().putObject("term").put("source", source);
                filter.addObject().putObject("terms").set("conversation.id",
                        json.valueToTree(all.subList(from, Math.min(all.size(), from + TERMS_PER_CLAUSE))));
            }
        });
        bool.put("minimum_should_match", 1);
        return q;
    }

    /** The set-aside records that may hold the target: those of its sources (checked one by one by {@link #holds}). */
    private ObjectNode deadLetterScope(Target t) {
        Set<String> sources = new LinkedHashSet<>(t.conversations().keySet());
        ObjectNode q = json.createObjectNode();
        if (t.customerId() != null && t.source() == null) {
            q.putObject("match_all");
            return q;
        }
        if (t.source() != null) {
            sources.add(t.source());
        }
        q.putObject("terms").set("source", json.valueToTree(sources));
        return q;
    }

    /**
     * Whether a set-aside record belongs to the target: its conversation is one of the target's, or its vendor
     * record (or refused document) holds the customer's id as a value anywhere.
     */
    private boolean holds(Target t, JsonNode record) {
        String source = record.path("source").asText();
        String conversation = record.path("conversation").path("id").asText(null);
        if (conversation != null && t.conversations().getOrDefault(source, Set.of()).contains(conversation)) {
            return true;
        }
        if (t.customerId() == null || (t.source() != null && !t.source().equals(source))) {
            return false;
        }
        return holdsValue(record.path("record").asText(null), t.customerId())
                || holdsValue(record.path("document").asText(null), t.customerId());
    }

    private boolean holdsValue(String jsonText, String value) {
        if (jsonText == null) {
            return false;
        }
        try {
            return holdsValue(json.readTree(jsonText), value);
        } catch (JsonProcessingException e) {
            return jsonText.contains(value);
        }
    }

    private static boolean holdsValue(JsonNode n, String value) {
        if (n.isValueNode()) {
            return value.equals(n.asText());
        }
        for (JsonNode child : n) {
            if (holdsValue(child, value)) {
                return true;
            }
        }
        return false;
    }

    private void delete(List<Hit> hits) {
        for (int from = 0; from < hits.size(); from += PAGE) {
            StringBuilder body = new StringBuilder();
            for (Hit h : hits.subList(from, Math.min(hits.size(), from + PAGE))) {
                ObjectNode action = json.createObjectNode();
                action.putObject("delete").put("_index", h.index()).put("_id", h.id());
                body.append(action).append('\n');
            }
            JsonNode answer = cluster.bulk(body.toString());
            if (answer.path("errors").asBoolean(false)) {
                for (JsonNode item : answer.path("items")) {
                    JsonNode d = item.path("delete");
                    int status = d.path("status").asInt();
                    if (status >= 300 && status != 404) {
                        throw new IllegalStateException("Elasticsearch refused to delete a document from " + d.path("_index").asText()
                                + ": HTTP " + status + " " + d.path("error").path("reason").asText(""));
                    }
                }
            }
        }
    }

    private Result result(List<Hit> hits, Map<String, Set<String>> conversations, long masked) {
        Map<String, Long> byIndex = new LinkedHashMap<>();
        long messages = 0;
        long conversationDocs = 0;
        long setAside = 0;
        for (Hit h : hits) {
            byIndex.merge(h.index(), 1L, Long::sum);
            if (names.versionOf(IndexNames.Kind.MESSAGES, h.index()) >= 0) {
                messages++;
            } else if (names.versionOf(IndexNames.Kind.CONVERSATIONS, h.index()) >= 0) {
                conversationDocs++;
            } else {
                setAside++;
            }
        }
        return new Result(byIndex, messages, conversationDocs, setAside, conversations, masked);
    }

    /**
     * What is still there after the deletes and a refresh, per index ("transcripts-messages-v1 (2)"): a count
     * over every index version, then the set-aside records checked one by one.
     */
    private List<String> leftOver(Target t) {
        Map<String, Long> left = new TreeMap<>();
        ObjectNode count = json.createObjectNode();
        count.set("query", documentsQuery(t));
        if (cluster.call("POST", "/" + documentIndices() + "/_count?allow_no_indices=true", count).path("count").asLong() > 0) {
            cluster.scan(documentIndices(), documentsQuery(t), List.of("source"), h -> left.merge(h.path("_index").asText(), 1L, Long::sum));
        }
        cluster.scan(deadLetterIndices(), deadLetterScope(t), List.of("source", "conversation.id", "record", "document"), h -> {
            if (holds(t, h.path("_source"))) {
                left.merge(h.path("_index").asText(), 1L, Long::sum);
            }
        });
        runErrors.left(ids(t), left);
        List<String> out = new ArrayList<>();
        left.forEach((index, n) -> out.add(index + " (" + n + ")"));
        return out;
    }

}
