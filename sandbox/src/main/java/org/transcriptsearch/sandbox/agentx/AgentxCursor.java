package org.transcriptsearch.sandbox.agentx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.JsonWire;

/**
 * The opaque {@code cursor}: a keyset position (the last record's time, ref and turn) bound to the query it
 * came from. Keyset rather than offset, so records added meanwhile neither shift nor repeat a page.
 *
 * @param stream {@code c} for conversations, {@code m} for messages
 * @param query  the parameters it belongs to: start, end and conversation_id
 */
record AgentxCursor(String stream, String query, long atMs, int ref, int turn) {

    String encode() {
        ObjectNode node = JsonWire.MAPPER.createObjectNode()
                .put("s", stream).put("q", query).put("t", atMs).put("r", ref).put("n", turn);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    static AgentxCursor decode(String text, String stream, String query) {
        JsonNode node;
        try {
            node = JsonWire.MAPPER.readTree(Base64.getUrlDecoder().decode(text));
        } catch (IOException | IllegalArgumentException e) {
            throw invalid();
        }
        if (node == null || !node.path("s").isTextual() || !node.path("q").isTextual() || !node.path("t").isIntegralNumber()
                || !node.path("r").isInt() || !node.path("n").isInt()) {
            throw invalid();
        }
        if (!node.get("s").asText().equals(stream) || !node.get("q").asText().equals(query)) {
            throw ApiException.badRequest("cursor belongs to another query: pass the same start_time, end_time,"
                    + " bot_name and conversation_id as the call that returned it");
        }
        return new AgentxCursor(stream, query, node.get("t").asLong(), node.get("r").asInt(), node.get("n").asInt());
    }

    static ApiException invalid() {
        return ApiException.badRequest("cursor is not one this API returned: pass the cursor value as it came");
    }
}
