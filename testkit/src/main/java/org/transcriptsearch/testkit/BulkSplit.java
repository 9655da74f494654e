package org.transcriptsearch.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes a {@code _bulk} request apart into its operations, and puts the answer back together: the
 * operations chosen for a fault are answered by the proxy, the others go to the node as one smaller bulk,
 * and the node's items are merged with the made-up ones in the request's order, as if the node had
 * answered every operation itself.
 */
final class BulkSplit {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("index", "create", "update", "delete");

    private BulkSplit() {
    }

    /**
     * The operations of a bulk body sent to {@code rawPath}. Throws {@link IllegalArgumentException} for
     * a body that is not a well-formed bulk: the proxy then sends it on untouched, so that the node gives
     * its own error rather than one the proxy made up.
     */
    static List<BulkOperation> operations(String rawPath, byte[] body) {
        String pathIndex = URI.create(rawPath).getPath().replaceFirst("/?_bulk$", "").replaceFirst("^/", "");
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        List<BulkOperation> ops = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue; // Elasticsearch skips empty lines between operations, and so does the proxy
            }
            String actionLine = lines[i];
            JsonNode action = parse(actionLine);
            String type = action.fieldNames().hasNext() ? action.fieldNames().next() : "";
            if (action.size() != 1 || !TYPES.contains(type) || !action.get(type).isObject()) {
                throw new IllegalArgumentException("not a bulk action line: " + actionLine);
            }
            JsonNode meta = action.get(type);
            String source = "";
            if (!type.equals("delete")) {
                if (i + 1 >= lines.length || lines[i + 1].isBlank()) {
                    throw new IllegalArgumentException("no source line after: " + actionLine);
                }
                source = lines[++i];
            }
            ops.add(new BulkOperation(ops.size(), type, meta.path("_index").asText(pathIndex),
                    meta.path("_id").asText(""), actionLine, source));
        }
        return ops;
    }

    /** An NDJSON bulk body holding exactly these operations, each line as it was sent. */
    static byte[] body(List<BulkOperation> ops) {
        StringBuilder out = new StringBuilder();
        for (BulkOperation op : ops) {
            out.append(op.action()).append('\n');
            if (op.hasSource()) {
                out.append(op.source()).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The answer when every operation was faulted and nothing went to the node. */
    static ObjectNode synthesized(List<BulkOperation> all, Map<Integer, InjectedFault> faults) {
        ObjectNode empty = JSON.createObjectNode().put("errors", false).put("took", 0);
        empty.putArray("items");
        return merged(all, faults, empty);
    }

    /**
     * The node's answer to the forwarded operations with the faulted ones put back in their places and
     * {@code errors} recomputed. The node's other fields ({@code took} ...) stay as it gave them. When a
     * {@code filter_path} left no items, none are added (the caller asked not to see them).
     */
    static ObjectNode merged(List<BulkOperation> all, Map<Integer, InjectedFault> faults, JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalStateException("the node's bulk answer is not a JSON object: " + node);
        }
        ObjectNode out = ((ObjectNode) node).deepCopy();
        JsonNode nodeItems = node.get("items");
        boolean errors = node.path("errors").asBoolean(false);
        if (nodeItems == null) {
            errors |= !faults.isEmpty();
        } else {
            if (!nodeItems.isArray() || nodeItems.size() != all.size() - faults.size()) {
                throw new IllegalStateException("the node answered " + nodeItems.size() + " items for "
                        + (all.size() - faults.size()) + " operations; a filter_path that drops items cannot be"
                        + " merged with faults (keep items.*.status in it)");
            }
            ArrayNode items = JSON.createArrayNode();
            int next = 0;
            for (BulkOperation op : all) {
                InjectedFault fault = faults.get(op.position());
                JsonNode item = fault != null ? item(op.type(), fault) : nodeItems.get(next++);
                errors |= item.elements().hasNext() && item.elements().next().path("status").asInt(200) >= 300;
                items.add(item);
            }
            out.set("items", items);
        }
        out.put("errors", errors);
        return out;
    }

    /** A failed item, shaped like the ones Elasticsearch gives. */
    static ObjectNode item(String opType, InjectedFault fault) {
        ObjectNode item = JSON.createObjectNode();
        ObjectNode result = item.putObject(opType)
                .put("_index", fault.index())
                .put("_id", fault.id())
                .put("status", fault.kind().status());
        result.putObject("error")
                .put("type", fault.kind().type())
                .put("reason", fault.kind().reason(opType, fault.index(), fault.id()));
        return item;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + line, e);
        }
    }
}
