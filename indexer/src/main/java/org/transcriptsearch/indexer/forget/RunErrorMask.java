package org.transcriptsearch.indexer.forget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.transcriptsearch.elastic.IndexNames;

/**
 * The run history keeps where each set-aside record was ({@code errors.location} names its conversation, and
 * a Kore conversation without a session is {@code user:<customer id>}): the errors that name what a forget
 * erases are masked, the runs' counts kept. Every version of the runs index is searched. Blocking calls.
 */
final class RunErrorMask {
    /** What a masked error says instead of where the record was and why. */
    static final String ERASED = "(erased by forget)";

    private final IndexScan cluster;
    private final String indices;

    RunErrorMask(IndexScan cluster, IndexNames names) {
        this.cluster = cluster;
        this.indices = names.alias(IndexNames.Kind.RUNS) + "-v*";
    }

    String indices() {
        return indices;
    }

    /** Masks the errors naming any of {@code ids}; returns how many runs had one. */
    long mask(List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<JsonNode> runs = new ArrayList<>();
        cluster.scan(indices, query(ids), List.of("errors"), runs::add);
        for (JsonNode run : runs) {
            ArrayNode errors = cluster.json().createArrayNode();
            for (JsonNode e : run.path("_source").path("errors")) {
                ObjectNode copy = e.deepCopy();
                if (names(e, ids)) {
                    copy.put("location", ERASED).put("reason", ERASED);
                }
                errors.add(copy);
            }
            ObjectNode doc = cluster.json().createObjectNode();
            doc.putObject("doc").set("errors", errors);
            cluster.call("POST", "/" + run.path("_index").asText() + "/_update/"
                    + URLEncoder.encode(run.path("_id").asText(), StandardCharsets.UTF_8), doc);
        }
        return runs.size();
    }

    /** The runs whose errors still name any of {@code ids}, counted into {@code left} by index. */
    void left(List<String> ids, Map<String, Long> left) {
        if (!ids.isEmpty()) {
            cluster.scan(indices, query(ids), List.of("errors"), h -> left.merge(h.path("_index").asText() + " errors", 1L, Long::sum));
        }
    }

    private static boolean names(JsonNode error, List<String> ids) {
        String location = error.path("location").asText("");
        String reason = error.path("reason").asText("");
        return ids.stream().anyMatch(id -> location.contains(id) || reason.contains(id));
    }

    private ObjectNode query(List<String> ids) {
        ObjectNode q = cluster.json().createObjectNode();
        ObjectNode bool = q.putObject("bool");
        ArrayNode should = bool.putArray("should");
        for (String id : ids) {
            String pattern = "*" + id.replaceAll("([*?\\\\])", "\\\\$1") + "*";
            for (String field : List.of("errors.location", "errors.reason")) {
                should.addObject().putObject("wildcard").putObject(field).put("value", pattern);
            }
        }
        bool.put("minimum_should_match", 1);
        return q;
    }
}
