package org.transcriptsearch.indexer.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.transcriptsearch.sandbox.ExpectedMessage;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * What one source's index holds against the sandbox's ground truth, as numbers (the chaos command sums
 * them over its runs): messages lost and doubled, and conversation documents that are wrong (missing, or
 * not what Elasticsearch's own aggregation of their stored messages says), with a few examples of each.
 */
final class IndexAudit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXAMPLES = 5;

    /**
     * The counts, and examples to look at when they are not zero. {@code setAside}: messages missing
     * because their vendor record was set aside on purpose (kept, and read again by {@code reindex}).
     */
    record Result(long expected, long stored, long lost, long setAside, long doubled, long conversationsWrong,
                  List<String> examples) {
        boolean clean() {
            return lost == 0 && doubled == 0 && conversationsWrong == 0;
        }
    }

    private final TestElasticsearch es;
    private final String prefix;

    IndexAudit(TestElasticsearch es, String prefix) {
        this.es = es;
        this.prefix = prefix;
    }

    /**
     * How a message is told apart: its vendor id, except for CXone, whose bot events often have none (the
     * connector derives one); there, its conversation and position.
     */
    static String key(Vendor vendor, ExpectedMessage m) {
        return vendor == Vendor.CXONE ? m.conversationId().orElse("") + "#" + m.seq() : m.messageId().orElse("?");
    }

    private static String key(Vendor vendor, JsonNode stored) {
        return vendor == Vendor.CXONE ? stored.path("conversation").path("id").asText() + "#" + stored.path("message").path("seq").asInt()
                : stored.path("message").path("id").asText();
    }

    Result audit(String source, Vendor vendor, GroundTruth truth) {
        return audit(source, vendor, truth, Set.of());
    }

    /** @param setAside keys of messages whose vendor records were served broken (kept aside, not lost) */
    Result audit(String source, Vendor vendor, GroundTruth truth, Set<String> setAside) {
        es.refresh();
        List<String> examples = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        truth.messages(vendor).forEach(m -> expected.add(key(vendor, m)));
        Map<String, Integer> stored = new HashMap<>();
        for (JsonNode d : all("messages", source, "[\"message.id\",\"message.seq\",\"conversation.id\"]")) {
            stored.merge(key(vendor, d.path("_source")), 1, Integer::sum);
        }
        long lost = 0;
        long aside = 0;
        for (String k : expected) {
            if (!stored.containsKey(k) && setAside.contains(k)) {
                aside++;
            } else if (!stored.containsKey(k)) {
                lost++;
                example(examples, "lost " + k);
            }
        }
        long doubled = 0;
        for (Map.Entry<String, Integer> e : stored.entrySet()) {
            if (e.getValue() > 1 || !expected.contains(e.getKey())) {
                doubled += e.getValue() > 1 ? e.getValue() - 1 : 1;
                example(examples, "doubled or unknown " + e.getKey() + " x" + e.getValue());
            }
        }
        long wrong = conversationsWrong(source, vendor, truth, examples);
        long storedTotal = stored.values().stream().mapToLong(Integer::longValue).sum();
        return new Result(expected.size(), storedTotal, lost, aside, doubled, wrong, examples);
    }

    /** Conversation documents missing, doubled, or not equal to the aggregation of their stored messages. */
    private long conversationsWrong(String source, Vendor vendor, GroundTruth truth, List<String> examples) {
        Map<String, JsonNode> docs = new HashMap<>();
        long wrong = 0;
        for (JsonNode d : all("conversations", source, "[\"conversation.id\",\"conversation.end\",\"messages\"]")) {
            String id = d.path("_source").path("conversation").path("id").asText();
            if (docs.put(id, d.path("_source")) != null) {
                wrong++;
                example(examples, "conversation " + id + " stored twice");
            }
        }
        JsonNode buckets = search("messages", "{\"size\":0,\"query\":{\"term\":{\"source\":\"" + source + "\"}},\"aggs\":{\"c\":"
                + "{\"terms\":{\"field\":\"conversation.id\",\"size\":100000},\"aggs\":{\"last\":{\"max\":{\"field\":\"@timestamp\"}},"
                + "\"roles\":{\"terms\":{\"field\":\"role\"}}}}}}").path("aggregations").path("c").path("buckets");
        Set<String> withMessages = new HashSet<>();
        for (JsonNode b : buckets) {
            String id = b.path("key").asText();
            withMessages.add(id);
            JsonNode doc = docs.get(id);
            if (doc == null) {
                wrong++;
                example(examples, "conversation " + id + " has messages but no document");
                continue;
            }
            boolean same = doc.path("messages").path("total").asLong() == b.path("doc_count").asLong();
            for (JsonNode r : b.path("roles").path("buckets")) {
                same &= doc.path("messages").path(r.path("key").asText()).asLong() == r.path("doc_count").asLong();
            }
            same &= java.time.Instant.parse(doc.path("conversation").path("end").asText("1970-01-01T00:00:00Z")).toEpochMilli()
                    == b.path("last").path("value").asLong();
            if (!same) {
                wrong++;
                example(examples, "conversation " + id + " says " + doc.path("messages") + ", its messages " + b);
            }
        }
        for (Map.Entry<String, JsonNode> e : docs.entrySet()) {
            if (!withMessages.contains(e.getKey()) && e.getValue().path("messages").path("total").asLong() != 0) {
                wrong++;
                example(examples, "conversation " + e.getKey() + " counts messages that are not stored");
            }
        }
        for (String id : truth.conversationIds(vendor)) {
            if (!docs.containsKey(id)) {
                wrong++;
                example(examples, "conversation " + id + " has no document");
            }
        }
        return wrong;
    }

    /** Every hit of {@code source} in {@code alias}, scrolled. */
    private List<JsonNode> all(String alias, String source, String fields) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode r = json(es.request("POST", "/" + prefix + "-" + alias + "/_search?scroll=1m",
                "{\"size\":5000,\"_source\":" + fields + ",\"query\":{\"term\":{\"source\":\"" + source + "\"}},\"sort\":[\"_doc\"]}"));
        while (!r.path("hits").path("hits").isEmpty()) {
            r.path("hits").path("hits").forEach(out::add);
            r = json(es.request("POST", "/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":\"" + r.path("_scroll_id").asText() + "\"}"));
        }
        return out;
    }

    private JsonNode search(String alias, String body) {
        return json(es.request("POST", "/" + prefix + "-" + alias + "/_search", body));
    }

    private static void example(List<String> examples, String what) {
        if (examples.size() < EXAMPLES) {
            examples.add(what);
        }
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + s, e);
        }
    }
}
