package org.transcriptsearch.sandbox.cxone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.transcriptsearch.sandbox.corpus.GoldenConversation;
import org.transcriptsearch.sandbox.corpus.GoldenMessage;
import org.transcriptsearch.sandbox.corpus.GoldenResources;
import org.transcriptsearch.sandbox.corpus.Layout;

/** The CXone sample conversation (with three nlu_fallback turns), moved into the sandbox's span. */
final class CxoneGolden {
    static final String RESOURCE = "cxone/conversation-with-fallback.json";

    private CxoneGolden() {
    }

    static List<GoldenConversation> load(Layout layout) {
        ObjectNode record = (ObjectNode) GoldenResources.read(RESOURCE);
        long shift = GoldenResources.shiftMs(record.get("lastMessageAt").asLong(), layout);
        record.put("timestamp", record.get("timestamp").asLong() + shift);
        record.put("lastMessageAt", record.get("lastMessageAt").asLong() + shift);
        BigDecimal shiftSeconds = BigDecimal.valueOf(shift / 1000);
        List<GoldenMessage> messages = new ArrayList<>();
        for (JsonNode node : record.path("tracker").path("events")) {
            ObjectNode event = (ObjectNode) node;
            JsonNode ts = event.get("timestamp");
            if (ts.isIntegralNumber()) {
                event.put("timestamp", ts.asLong() + shift / 1000);
            } else {
                event.put("timestamp", ts.decimalValue().add(shiftSeconds));
            }
            long atMs = event.get("timestamp").decimalValue().movePointRight(3).longValue();
            String kind = event.path("event").asText();
            if (kind.equals("user")) {
                messages.add(new GoldenMessage(Optional.of(event.get("message_id").asText()), atMs, true,
                        event.get("text").asText(),
                        Optional.of(event.path("parse_data").path("intent").path("name").asText()), Optional.empty()));
            } else if (kind.equals("bot")) {
                JsonNode custom = event.path("data").path("custom");
                String text = event.path("text").isTextual() ? event.get("text").asText()
                        : custom.path("payload").path("text").asText();
                Optional<String> msgid = custom.path("msgid").isTextual()
                        ? Optional.of(custom.get("msgid").asText()) : Optional.empty();
                messages.add(new GoldenMessage(msgid, atMs, false, text, Optional.empty(), Optional.empty()));
            }
        }
        return List.of(new GoldenConversation(Optional.of(record.get("conversationId").asText()), Optional.of(record),
                true, record.get("timestamp").asLong(), record.get("lastMessageAt").asLong(), messages));
    }
}
