package org.transcriptsearch.indexer.source.agentx;

import static org.transcriptsearch.indexer.source.VendorRecord.optionalText;
import static org.transcriptsearch.indexer.source.VendorRecord.requiredText;

import org.transcriptsearch.indexer.source.VendorRecord.Malformed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.MessageDocument.ConversationRef;
import org.transcriptsearch.document.MessageDocument.MessageRef;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.indexer.source.ConversationFacts;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourcePage;

/**
 * One AgentX export page → documents. From {@code /messages}: {@code UserInput} is the user
 * ({@code userInput}); every other type ({@code Question}, {@code BotMessage} ...) is the bot, its text
 * the {@code outMsg.steps[].text} joined by newlines and its quick replies {@code outMsg.options[].txt}.
 * From {@code /conversations}: conversation-level facts (start, last action, locale, tags, metadata).
 * AgentX gives no intent, channel or customer: those stay absent. {@code message.seq} is absent too:
 * a page is a time slice, not a conversation from its start.
 */
final class AgentxMapper {
    static final String VENDOR = "agentx";
    static final String MESSAGES = "messages";
    static final String CONVERSATIONS = "conversations";
    static final String USER_INPUT = "UserInput";
    /** Longer metadata strings stay in raw only: a keyword that long is useless and Lucene refuses terms over 32 KB. */
    static final int MAX_METADATA_VALUE = 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** A mapped page plus its cursor ({@code null}: the last page). */
    record Mapped(SourcePage page, boolean readable, String cursor, int records) {
    }

    private final String source;
    private final Named bot;

    AgentxMapper(String source, String botName) {
        this.source = source;
        this.bot = Named.of(null, botName);
    }

    Mapped map(String stream, String body, String location) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return unreadable(stream, location, "the page is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("data").isArray()) {
            return unreadable(stream, location, "the page has no 'data' array");
        }
        JsonNode cursorNode = root.get("cursor");
        if (cursorNode != null && !cursorNode.isNull() && !cursorNode.isTextual()) {
            return unreadable(stream, location, "cursor must be a string or null");
        }
        String cursor = cursorNode == null || cursorNode.isNull() || cursorNode.asText().isEmpty() ? null : cursorNode.asText();
        JsonNode data = root.get("data");
        List<MessageDocument> messages = new ArrayList<>();
        Map<String, ConversationFacts> facts = new LinkedHashMap<>();
        List<SetAside> setAside = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode r = data.get(i);
            try {
                if (CONVERSATIONS.equals(stream)) {
                    ConversationFacts f = conversation(r);
                    facts.merge(f.conversationId(), f, ConversationFacts::merge);
                } else {
                    MessageDocument m = message(r);
                    messages.add(m);
                    facts.putIfAbsent(m.conversation().id(), new ConversationFacts(m.conversation().id(), bot, null, null,
                            null, null, null, null, null, null, null, null, null, null));
                }
            } catch (Malformed e) {
                String id = r != null && r.isObject() ? text(r.get("_id")) : null;
                String where = location + " data[" + i + "]" + (id == null ? "" : " (_id " + id + ")");
                String conversation = r != null && r.isObject() ? text(r.get(CONVERSATIONS.equals(stream) ? "_id" : "conversationId"))
                        : null;
                setAside.add(SetAside.of(where, e.getMessage(), conversation, r));
            }
        }
        return new Mapped(SourcePage.of(stream, location, messages, List.copyOf(facts.values()), setAside), true, cursor,
                data.size());
    }

    private static Mapped unreadable(String stream, String location, String reason) {
        return new Mapped(SourcePage.of(stream, location, List.of(), List.of(), List.of(new SetAside(location, reason))),
                false, null, 0);
    }

    private MessageDocument message(JsonNode r) {
        if (r == null || !r.isObject()) {
            throw new Malformed("a message must be a JSON object");
        }
        String id = requiredText(r, "_id");
        String conversation = requiredText(r, "conversationId");
        String type = requiredText(r, "type");
        Instant at = seconds(r.get("time"), "time", true);
        String text;
        String contentType = null;
        List<String> options = null;
        String role;
        if (USER_INPUT.equals(type)) {
            role = MessageDocument.ROLE_USER;
            JsonNode input = r.get("userInput");
            if (input == null || input.isNull() || input.isValueNode()) {
                text = text(input);
            } else {
                // A form submission or other structured input: no text to search, but say what it was.
                text = null;
                contentType = optionalText(r, "userActionType") != null ? optionalText(r, "userActionType") : "structured";
            }
        } else {
            role = MessageDocument.ROLE_BOT;
            JsonNode out = r.get("outMsg");
            if (out != null && !out.isNull() && !out.isObject()) {
                throw new Malformed("outMsg must be an object");
            }
            text = joined(out == null ? null : out.get("steps"), "outMsg.steps", "text", "\n");
            options = list(out == null ? null : out.get("options"), "outMsg.options", "txt");
        }
        return new MessageDocument(at, VENDOR, source, bot, new ConversationRef(conversation), new MessageRef(id, null, type),
                role, text, null, null, null, null, null, null, options, contentType, null, null, r);
    }

    private ConversationFacts conversation(JsonNode r) {
        if (r == null || !r.isObject()) {
            throw new Malformed("a conversation must be a JSON object");
        }
        String id = requiredText(r, "_id");
        Instant start = seconds(r.get("startTime"), "startTime", false);
        Instant last = isoLocal(r, "lastActionAt");
        String locale = optionalText(r, "locale");
        JsonNode tagsNode = r.get("tags");
        List<String> tags = new ArrayList<>();
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                throw new Malformed("tags must be an array of strings");
            }
            tagsNode.forEach(t -> {
                String s = text(t);
                if (s != null) {
                    tags.add(s);
                }
            });
        }
        JsonNode meta = r.get("metadata");
        Map<String, Object> metadata = null;
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                throw new Malformed("metadata must be an object");
            }
            metadata = new LinkedHashMap<>();
            flatten("", meta, metadata);
        }
        return new ConversationFacts(id, bot, null, start, last, locale, null, null, tags, null, null, null, metadata, r);
    }

    /**
     * Metadata as {@code dotted.key → scalar}: free-form and nested by the customer's own integration, so
     * flattened to leaves (what the {@code flattened} field indexes); arrays keep their scalar items.
     */
    private static void flatten(String prefix, JsonNode n, Map<String, Object> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (n.isArray()) {
            List<Object> items = new ArrayList<>();
            for (JsonNode item : n) {
                Object v = scalar(item);
                if (v != null) {
                    items.add(v);
                }
            }
            if (!items.isEmpty()) {
                out.put(prefix, items);
            }
        } else {
            Object v = scalar(n);
            if (v != null) {
                out.put(prefix, v);
            }
        }
    }

    private static Object scalar(JsonNode n) {
        if (n == null || n.isNull() || n.isContainerNode()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isNumber()) {
            return n.isIntegralNumber() ? (Object) n.longValue() : n.decimalValue();
        }
        String s = n.asText();
        return s.isEmpty() || s.length() > MAX_METADATA_VALUE ? null : s;
    }

    private static String joined(JsonNode list, String where, String field, String separator) {
        List<String> parts = list(list, where, field);
        return parts == null ? null : String.join(separator, parts);
    }

    private static List<String> list(JsonNode list, String where, String field) {
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            throw new Malformed(where + " must be an array");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                throw new Malformed(where + "[" + i + "] must be an object");
            }
            JsonNode v = item.get(field);
            if (v != null && !v.isNull() && !v.isTextual()) {
                throw new Malformed(where + "[" + i + "]." + field + " must be a string");
            }
            String s = text(v);
            if (s != null) {
                out.add(s);
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** Unix seconds, possibly fractional, kept to the millisecond. */
    private static Instant seconds(JsonNode n, String key, boolean required) {
        if (n == null || n.isNull()) {
            if (required) {
                throw new Malformed(key + " is missing");
            }
            return null;
        }
        if (!n.isNumber()) {
            throw new Malformed(key + " must be unix seconds (a number), not " + n.getNodeType().name().toLowerCase());
        }
        BigDecimal ms = n.decimalValue().movePointRight(3).setScale(0, RoundingMode.FLOOR);
        return Instant.ofEpochMilli(ms.longValueExact());
    }

    /** {@code lastActionAt}: ISO without a zone (UTC, as the vendor's samples show), or with one. */
    private static Instant isoLocal(JsonNode r, String key) {
        String s = optionalText(r, key);
        if (s == null) {
            return null;
        }
        try {
            return s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$") ? java.time.OffsetDateTime.parse(s).toInstant()
                    : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new Malformed(key + " '" + s + "' is not an ISO-8601 date-time");
        }
    }

    static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() && !n.asText().isBlank() ? n.asText() : null;
    }
}
