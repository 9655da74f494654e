package org.transcriptsearch.indexer.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An Elasticsearch that answers each bulk item as the test chooses: {@link #answer} maps an item (and how
 * many times it has been sent) to a status and error type. Answers arrive at once, as completed futures.
 */
final class FakeBulkTransport implements BulkTransport {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to answer for one item: a status, and for errors Elasticsearch's type. */
    record Answer(int status, String type) {
        static Answer ok() {
            return new Answer(201, null);
        }
    }

    /** A whole request refused (the item answers are then not used). */
    record RequestAnswer(int status, String type) {
    }

    private final Map<String, Integer> sends = new HashMap<>();
    final List<List<String>> requests = new ArrayList<>();
    final Map<String, Long> storedVersions = new HashMap<>();
    /** Item → its answer, given how many times the item has been sent so far (1 on the first send). */
    Function<Item, Answer> answer = i -> Answer.ok();
    /** A whole-request answer, or null for an ordinary per-item answer. */
    Function<List<BulkItem>, RequestAnswer> request = items -> null;

    record Item(BulkItem item, int send) {
    }

    int sends(String id) {
        return sends.getOrDefault(id, 0);
    }

    @Override
    public Future<JsonNode> bulk(List<BulkItem> items) {
        requests.add(items.stream().map(BulkItem::id).toList());
        RequestAnswer whole = request.apply(items);
        if (whole != null) {
            return Future.failedFuture(new RequestFailure(whole.status(), whole.type(), "HTTP " + whole.status() + " "
                    + whole.type(), null));
        }
        ObjectNode body = JSON.createObjectNode();
        ArrayNode out = body.putArray("items");
        boolean errors = false;
        for (BulkItem item : items) {
            int n = sends.merge(item.id(), 1, Integer::sum);
            Answer a = answer.apply(new Item(item, n));
            ObjectNode r = out.addObject().putObject("index");
            r.put("status", a.status());
            if (a.status() < 300) {
                r.put("result", "created");
            } else {
                errors = true;
                r.putObject("error").put("type", a.type()).put("reason", "fake " + a.type());
            }
        }
        body.put("errors", errors);
        return Future.succeededFuture(body);
    }

    @Override
    public Future<Long> storedVersion(String index, String id) {
        return Future.succeededFuture(storedVersions.getOrDefault(id, -1L));
    }

    @Override
    public String describe() {
        return "http://fake:9200";
    }

    static BulkItem item(String id) {
        return new BulkItem(BulkItem.Kind.MESSAGE, "messages", id, BulkItem.UNVERSIONED,
                ("{\"index\":{\"_id\":\"" + id + "\"}}\n{\"text\":\"" + id + "\"}\n").getBytes(), "record " + id, "c1");
    }

    static BulkItem versioned(String id, long version) {
        return new BulkItem(BulkItem.Kind.CONVERSATION, "conversations", id, version,
                ("{\"index\":{\"_id\":\"" + id + "\"}}\n{}\n").getBytes(), "conversation " + id, id);
    }
}
