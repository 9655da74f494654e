package org.transcriptsearch.sandbox.kore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transcriptsearch.sandbox.corpus.GoldenConversation;
import org.transcriptsearch.sandbox.corpus.GoldenMessage;
import org.transcriptsearch.sandbox.corpus.GoldenResources;
import org.transcriptsearch.sandbox.corpus.Layout;

/**
 * Kore's two sample messages, moved into the sandbox's span and re-addressed to the sandbox bot. The
 * first has no sessionId (as printed): it is served, counted as a message, but belongs to no session.
 */
final class KoreGolden {
    static final String RESOURCE = "kore/messages.json";

    private KoreGolden() {
    }

    static List<GoldenConversation> load(Layout layout, String botId) {
        JsonNode messages = GoldenResources.read(RESOURCE);
        long newest = 0;
        for (JsonNode m : messages) {
            newest = Math.max(newest, m.get("timestampValue").asLong());
        }
        long shift = GoldenResources.shiftMs(newest, layout);
        Map<Optional<String>, List<GoldenMessage>> bySession = new LinkedHashMap<>();
        for (JsonNode node : messages) {
            ObjectNode m = (ObjectNode) node;
            long at = m.get("timestampValue").asLong() + shift;
            m.put("timestampValue", at);
            m.put("createdOn", GoldenResources.shiftIsoInstant(m.get("createdOn").asText(), shift));
            m.put("lmodifiedOn", GoldenResources.shiftIsoInstant(m.get("lmodifiedOn").asText(), shift));
            m.put("botId", botId);
            Optional<String> session = m.path("sessionId").isTextual()
                    ? Optional.of(m.get("sessionId").asText()) : Optional.empty();
            GoldenMessage message = new GoldenMessage(Optional.of(m.get("_id").asText()), at,
                    m.get("type").asText().equals("incoming"),
                    m.path("components").path(0).path("data").path("text").asText(), Optional.empty(), Optional.of(m));
            bySession.computeIfAbsent(session, s -> new ArrayList<>()).add(message);
        }
        List<GoldenConversation> golden = new ArrayList<>();
        bySession.forEach((session, list) -> golden.add(new GoldenConversation(session, Optional.empty(),
                session.isPresent(), list.get(0).atMs(), list.get(list.size() - 1).atMs(), list)));
        return golden;
    }
}
