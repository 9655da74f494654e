package org.transcriptsearch.indexer.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.transcriptsearch.document.MessageDocument;

/**
 * The {@code text} of a conversation document: its messages' texts in conversation order, one entry per
 * message (so Elasticsearch's position gap keeps a phrase inside one message). Taken from a record that
 * holds the whole conversation ({@link #of}), or read from the stored messages, many conversations per
 * search, paged with {@code search_after} ({@link #query}, {@link #collect}). Both give the same order:
 * {@code message.seq} (messages without one last), then {@code message.id} by its UTF-8 bytes, as
 * Elasticsearch sorts a keyword.
 */
public final class ConversationText {
    /** Messages per page of the stored texts. */
    static final int PAGE = 5_000;

    private static final Comparator<MessageDocument> ORDER = Comparator
            .comparingLong(ConversationText::seq)
            .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));

    /** A conversation of a source. */
    public record Key(String source, String conversationId) {
    }

    private ConversationText() {
    }

    /** From the messages of a record that holds the whole conversation, each a distinct message. */
    static List<String> of(Collection<MessageDocument> messages) {
        return messages.stream().sorted(ORDER).map(MessageDocument::text).filter(t -> t != null && !t.isBlank()).toList();
    }

    /**
     * One page of the stored messages' texts of these conversations (source → conversation ids), after
     * {@code after} (the last page's {@link #collect} answer; null for the first).
     */
    public static String query(ObjectMapper json, Map<String, ? extends Collection<String>> bySource, JsonNode after) {
        ObjectNode q = json.createObjectNode();
        q.put("size", PAGE);
        q.put("track_total_hits", false);
        ObjectNode bool = q.putObject("query").putObject("bool");
        ArrayNode should = bool.putArray("should");
        bySource.forEach((source, ids) -> {
            ArrayNode filter = should.addObject().putObject("bool").putArray("filter");
            filter.addObject().putObject("term").put("source", source);
            ArrayNode terms = filter.addObject().putObject("terms").putArray("conversation.id");
            ids.forEach(terms::add);
        });
        bool.put("minimum_should_match", 1);
        bool.putArray("filter").addObject().putObject("exists").put("field", "text");
        q.putObject("_source").putArray("includes").add("source").add("conversation.id").add("text");
        ArrayNode sort = q.putArray("sort");
        sort.addObject().put("source", "asc");
        sort.addObject().put("conversation.id", "asc");
        sort.addObject().putObject("message.seq").put("order", "asc").put("missing", "_last");
        sort.addObject().put("message.id", "asc");
        if (after != null) {
            q.set("search_after", after);
        }
        return q.toString();
    }

    /** Adds one page's texts to {@code into}; the next page's {@code after}, or null when this was the last. */
    public static JsonNode collect(JsonNode answer, Map<Key, List<String>> into) {
        JsonNode hits = answer.path("hits").path("hits");
        for (JsonNode h : hits) {
            JsonNode s = h.path("_source");
            String text = s.path("text").asText("");
            if (!text.isBlank()) {
                into.computeIfAbsent(new Key(s.path("source").asText(), s.path("conversation").path("id").asText()),
                        k -> new ArrayList<>()).add(text);
            }
        }
        return hits.size() < PAGE ? null : hits.get(hits.size() - 1).path("sort");
    }

    private static long seq(MessageDocument m) {
        return m.message() == null || m.message().seq() == null ? Long.MAX_VALUE : m.message().seq();
    }

    private static byte[] utf8(MessageDocument m) {
        String id = m.message() == null || m.message().id() == null ? "" : m.message().id();
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
