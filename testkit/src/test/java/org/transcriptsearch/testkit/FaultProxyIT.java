package org.transcriptsearch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/**
 * FaultProxy in front of a real node, spoken to through the project's own client (the one the harvester
 * uses): faulted documents never reach the index, every other one does, and the answer's items line up
 * with the request.
 */
@ExtendWith(ElasticsearchExtension.class)
class FaultProxyIT {
    private static final String INDEX = "it-fault-proxy";
    private static final String FILTER = "?filter_path=errors,items.*.status,items.*.result,items.*.error.type,items.*.error.reason";

    private TestElasticsearch es;
    private FaultProxy proxy;
    private ElasticsearchConnection client;

    @BeforeEach
    void start(TestElasticsearch es) {
        this.es = es;
        es.request("DELETE", "/" + INDEX + "?ignore_unavailable=true");
        es.request("PUT", "/" + INDEX, "{\"mappings\":{\"dynamic\":\"strict\",\"properties\":{"
                + "\"n\":{\"type\":\"integer\"},\"lang\":{\"type\":\"keyword\"},\"text\":{\"type\":\"text\"}}}}");
        proxy = FaultProxy.start(es.url());
        client = ElasticsearchConnection.connect(es.settings().withUrl(proxy.url()), false);
    }

    @AfterEach
    void stop() {
        client.close();
        proxy.close();
    }

    @Test
    void faultedDocumentsNeverReachTheIndexAndTheItemsFollowTheRequest() throws Exception {
        proxy.failNextItems(ItemFault.QUEUE_FULL, 2);
        proxy.failItems(ItemFault.SHARD_UNAVAILABLE, op -> op.id().equals("doc-7"), 1);
        proxy.failAlways(ItemFault.MAPPING_ERROR, op -> op.source().contains("\"lang\":\"bad\""));
        proxy.failItems(ItemFault.DISK_FLOOD_STAGE, op -> op.id().equals("doc-19"), 1);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String lang = i == 12 ? "bad" : i % 2 == 0 ? "ko" : "en";
            body.append("{\"index\":{\"_index\":\"" + INDEX + "\",\"_id\":\"doc-" + i + "\"}}\n")
                    .append("{\"n\":" + i + ",\"lang\":\"" + lang + "\",\"text\":\"메시지 " + i + "\"}\n");
        }

        JsonNode answer = bulk("/_bulk" + FILTER, body.toString());

        Set<Integer> faulted = Set.of(0, 1, 7, 12, 19);
        List<Integer> expected = IntStream.range(0, 20).mapToObj(i -> switch (i) {
            case 0, 1 -> 429;
            case 7 -> 503;
            case 12 -> 400;
            case 19 -> 429;
            default -> 201;
        }).toList();
        assertEquals(expected, statuses(answer));
        assertTrue(answer.get("errors").asBoolean());
        assertEquals("es_rejected_execution_exception", answer.at("/items/0/index/error/type").asText());
        assertEquals("unavailable_shards_exception", answer.at("/items/7/index/error/type").asText());
        assertEquals("document_parsing_exception", answer.at("/items/12/index/error/type").asText());
        assertEquals("cluster_block_exception", answer.at("/items/19/index/error/type").asText());
        assertEquals("created", answer.at("/items/2/index/result").asText(), "the node's own item, in its place");

        assertEquals(15, es.count(INDEX));
        for (int i = 0; i < 20; i++) {
            assertEquals(!faulted.contains(i), stored("doc-" + i), "doc-" + i);
        }
        assertEquals(List.of("doc-0", "doc-1", "doc-7", "doc-12", "doc-19"),
                proxy.injected().stream().map(InjectedFault::id).toList());
        assertEquals(0, proxy.pendingItemFaults());
        assertEquals(1, proxy.forwardedRequests());
    }

    @Test
    void mixedOperationsComeBackInOrderWithTheirOwnIds() throws Exception {
        es.request("PUT", "/" + INDEX + "/_doc/old-1?refresh=true", "{\"n\":1}");
        es.request("PUT", "/" + INDEX + "/_doc/old-2?refresh=true", "{\"n\":2}");
        proxy.failItems(ItemFault.VERSION_CONFLICT, op -> op.type().equals("delete") && op.id().equals("old-2"), 1);
        proxy.failItems(ItemFault.NODE_DISCONNECTED, op -> op.type().equals("create"), 1);
        String body = "{\"index\":{\"_id\":\"a\"}}\n{\"n\":10}\n"
                + "{\"create\":{\"_id\":\"b\"}}\n{\"n\":11}\n"
                + "{\"delete\":{\"_id\":\"old-1\"}}\n"
                + "{\"delete\":{\"_id\":\"old-2\"}}\n"
                + "{\"update\":{\"_id\":\"c\"}}\n{\"doc\":{\"n\":12},\"doc_as_upsert\":true}\n"
                + "{\"index\":{}}\n{\"n\":13}\n";

        JsonNode answer = bulk("/" + INDEX + "/_bulk", body);

        List<String> seen = new ArrayList<>();
        answer.get("items").forEach(item -> {
            String type = item.fieldNames().next();
            seen.add(type + " " + item.get(type).get("status").asInt());
        });
        assertEquals(List.of("index 201", "create 500", "delete 200", "delete 409", "update 201", "index 201"), seen);
        assertEquals(List.of("a", "b", "old-1", "old-2", "c"), IntStream.range(0, 5)
                .mapToObj(i -> answer.get("items").get(i).elements().next().get("_id").asText()).toList());
        assertEquals(INDEX, answer.at("/items/1/create/_index").asText());
        assertEquals(4, es.count(INDEX), "a, c, the generated one, and old-2 whose delete was faulted");
        assertTrue(stored("old-2"));
        assertFalse(stored("b"));
        assertFalse(stored("old-1"));
    }

    @Test
    void theClientSeesWholeRequestFaultsAsFromTheNode() throws Exception {
        // the typed client refuses answers without Elasticsearch's product header
        assertEquals(0, client.client().count(c -> c.index(INDEX)).count());
        assertTrue(client.client().indices().exists(e -> e.index(INDEX)).value(), "HEAD goes through");

        proxy.failNextRequests(429, 1, path -> path.endsWith("/_bulk"));
        ResponseException refused = assertThrows(ResponseException.class,
                () -> bulk("/_bulk", "{\"index\":{\"_index\":\"" + INDEX + "\"}}\n{\"n\":1}\n"));
        assertEquals(429, refused.getResponse().getStatusLine().getStatusCode());

        proxy.cutNextRequests(1, path -> path.endsWith("/_bulk"));
        IOException cut = assertThrows(IOException.class,
                () -> bulk("/_bulk", "{\"index\":{\"_index\":\"" + INDEX + "\"}}\n{\"n\":2}\n"));
        assertFalse(cut instanceof ResponseException, "no answer at all: " + cut);

        bulk("/_bulk", "{\"index\":{\"_index\":\"" + INDEX + "\"}}\n{\"n\":3}\n");
        assertEquals(1, es.count(INDEX), "only the request that was let through");
    }

    private JsonNode bulk(String path, String ndjson) throws IOException {
        Request request = new Request("POST", path);
        request.setJsonEntity(ndjson);
        Response response = client.lowLevel().performRequest(request);
        return client.json().readTree(EntityUtils.toString(response.getEntity()));
    }

    /** Whether the node holds this document (after a refresh). */
    private boolean stored(String id) throws IOException {
        es.refresh();
        return client.json().readTree(es.request("GET", "/" + INDEX + "/_count?q=_id:" + id)).get("count").asInt() == 1;
    }

    private static List<Integer> statuses(JsonNode answer) {
        List<Integer> statuses = new ArrayList<>();
        answer.get("items").forEach(item -> statuses.add(item.elements().next().get("status").asInt()));
        return statuses;
    }
}
