package org.transcriptsearch.sandbox.agentx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.transcriptsearch.sandbox.corpus.GoldenConversation;
import org.transcriptsearch.sandbox.corpus.GoldenMessage;
import org.transcriptsearch.sandbox.corpus.GoldenResources;
import org.transcriptsearch.sandbox.corpus.Layout;

/**
 * AgentX's sample conversation and sample messages, moved into the sandbox's span together. As printed,
 * they do not belong together: conversation {@code 5c80…} has a record and no messages, the messages
 * belong to {@code 7eee…}, which has no record. Both are kept so.
 */
final class AgentxGolden {
    static final String CONVERSATIONS = "agentx/conversations.json";
    static final String MESSAGES = "agentx/messages.json";

    private AgentxGolden() {
    }

    static List<GoldenConversation> load(Layout layout) {
        JsonNode conversations = GoldenResources.read(CONVERSATIONS);
        JsonNode messages = GoldenResources.read(MESSAGES);
        long newest = 0;
        for (JsonNode c : conversations) {
            newest = Math.max(newest, GoldenResources.zonelessToMs(c.get("lastActionAt").asText()));
        }
        for (JsonNode m : messages) {
            newest = Math.max(newest, m.get("time").decimalValue().movePointRight(3).longValue());
        }
        long shift = GoldenResources.shiftMs(newest, layout);
        long shiftSeconds = shift / 1000;

        Map<String, List<GoldenMessage>> byConversation = new LinkedHashMap<>();
        for (JsonNode node : messages) {
            ObjectNode m = (ObjectNode) node;
            JsonNode time = m.get("time");
            if (time.isIntegralNumber()) {
                m.put("time", time.asLong() + shiftSeconds);
            } else {
                m.put("time", time.decimalValue().add(BigDecimal.valueOf(shiftSeconds)));
            }
            boolean fromUser = m.path("type").asText().equals("UserInput");
            String text = fromUser ? m.path("userInput").asText()
                    : toList(m.path("outMsg").path("steps")).stream().map(s -> s.path("text").asText())
                            .collect(Collectors.joining("\n"));
            byConversation.computeIfAbsent(m.get("conversationId").asText(), k -> new ArrayList<>())
                    .add(new GoldenMessage(Optional.of(m.get("_id").asText()),
                            m.get("time").decimalValue().movePointRight(3).longValue(), fromUser, text,
                            Optional.empty(), Optional.of(m)));
        }
        List<GoldenConversation> golden = new ArrayList<>();
        for (JsonNode node : conversations) {
            ObjectNode c = (ObjectNode) node;
            c.put("startTime", c.get("startTime").asLong() + shiftSeconds);
            LocalDateTime last = LocalDateTime.parse(c.get("lastActionAt").asText()).plusSeconds(shiftSeconds);
            c.put("lastActionAt", AgentxRecords.ZONELESS_MICROS.format(last));
            JsonNode local = c.path("metadata").path("browser_localTime");
            if (local.isIntegralNumber()) {
                ((ObjectNode) c.get("metadata")).put("browser_localTime", local.asLong() + shift);
            }
            String id = c.get("_id").asText();
            List<GoldenMessage> own = byConversation.getOrDefault(id, List.of());
            byConversation.remove(id);
            golden.add(new GoldenConversation(Optional.of(id), Optional.of(c), true, c.get("startTime").asLong() * 1000,
                    GoldenResources.zonelessToMs(c.get("lastActionAt").asText()), own));
        }
        byConversation.forEach((id, list) -> golden.add(new GoldenConversation(Optional.of(id), Optional.empty(),
                false, list.get(0).atMs(), list.get(list.size() - 1).atMs(), list)));
        return golden;
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
