package org.transcriptsearch.indexer.source.kore;

import static org.transcriptsearch.indexer.source.VendorRecord.optionalText;
import static org.transcriptsearch.indexer.source.VendorRecord.requiredText;

import org.transcriptsearch.indexer.source.VendorRecord.Malformed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.MessageDocument.ConversationRef;
import org.transcriptsearch.document.MessageDocument.CustomerRef;
import org.transcriptsearch.document.MessageDocument.MessageRef;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.indexer.source.ConversationFacts;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourcePage;

/**
 * One Kore.ai {@code getMessages} answer → documents. {@code incoming} is the user, {@code outgoing}
 * the bot; the text is the {@code text} components' {@code data.text} (other components — image,
 * audio, attachment ... — leave the text absent and name their kind in {@code content_type}); message,
 * user and session tags become {@code name=value} tags. Kore gives no intent or confidence per message,
 * so those fields stay absent.
 *
 * <p>The conversation is the session ({@code sessionId}). A message without one (the vendor's own first
 * sample has none) still belongs to its user's thread: it goes to the stable conversation
 * {@code user:<createdBy>} rather than being lost. {@code message.seq} is left absent: a page holds a
 * time slice across sessions, not a session from its start, so no position would stay true.
 */
final class KoreMapper {
    static final String VENDOR = "kore";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A mapped page plus what paging needs.
     *
     * @param moreAvailable the vendor's flag; null when the answer has none
     */
    record Mapped(SourcePage page, boolean readable, Boolean moreAvailable, int records, Instant lastTime, Long total) {
    }

    private final String source;
    private final String botId;
    private final String botName;

    KoreMapper(String source, String botId, String botName) {
        this.source = source;
        this.botId = botId;
        this.botName = botName;
    }

    Mapped map(String body, String location, String stream) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return empty(stream, location, "the page is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("messages").isArray()) {
            return empty(stream, location, "the page has no 'messages' array");
        }
        JsonNode records = root.get("messages");
        List<MessageDocument> messages = new ArrayList<>();
        List<SetAside> setAside = new ArrayList<>();
        Map<String, ConversationFacts> facts = new LinkedHashMap<>();
        Instant last = null;
        for (int i = 0; i < records.size(); i++) {
            String where = location + " messages[" + i + "]";
            try {
                MessageDocument m = message(records.get(i));
                messages.add(m);
                facts.merge(m.conversation().id(), facts(m, records.get(i)), ConversationFacts::merge);
                last = last == null || m.timestamp().isAfter(last) ? m.timestamp() : last;
            } catch (Malformed e) {
                String id = KoreMapper.text(records.get(i).get("_id"));
                setAside.add(SetAside.of(id == null ? where : where + " (_id " + id + ")", e.getMessage(),
                        KoreMapper.text(records.get(i).get("sessionId")), records.get(i)));
            }
        }
        JsonNode more = root.get("moreAvailable");
        Boolean moreAvailable = more != null && more.isBoolean() ? more.asBoolean() : null;
        Long total = root.path("total").canConvertToLong() ? root.get("total").asLong() : null;
        SourcePage page = SourcePage.of(stream, location, messages, List.copyOf(facts.values()), setAside);
        return new Mapped(page, true, moreAvailable, records.size(), last, total);
    }

    private Mapped empty(String stream, String location, String reason) {
        return new Mapped(SourcePage.of(stream, location, List.of(), List.of(), List.of(new SetAside(location, reason))),
                false, null, 0, null, null);
    }

    private MessageDocument message(JsonNode r) {
        if (r == null || !r.isObject()) {
            throw new Malformed("a message must be a JSON object");
        }
        String id = requiredText(r, "_id");
        String type = requiredText(r, "type");
        String role = switch (type) {
            case "incoming" -> MessageDocument.ROLE_USER;
            case "outgoing" -> MessageDocument.ROLE_BOT;
            default -> throw new Malformed("type is '" + type + "'; expected incoming or outgoing");
        };
        Instant at = time(r);
        String conversation = conversationId(r);
        Content content = content(r.get("components"));
        String bot = r.hasNonNull("botId") ? textOf(r, "botId") : botId;
        return new MessageDocument(at, VENDOR, source, Named.of(bot, botName), new ConversationRef(conversation),
                new MessageRef(id, null, type), role, content.text(), null, null, null, channel(r),
                MessageDocument.ROLE_USER.equals(role) ? CustomerRef.of(optionalText(r, "createdBy")) : null,
                tags(r.get("tags")), null, content.type(), null, null, r);
    }

    private ConversationFacts facts(MessageDocument m, JsonNode r) {
        List<String> sessionTags = new ArrayList<>();
        addTags(r.path("tags").get("sessionTags"), "tags.sessionTags", sessionTags);
        return new ConversationFacts(m.conversation().id(), m.bot(), null, null, null, null, m.channel(),
                m.customer(), sessionTags, null, null, null, null, null);
    }

    private static String conversationId(JsonNode r) {
        String session = optionalText(r, "sessionId");
        if (session != null) {
            return session;
        }
        String user = optionalText(r, "createdBy");
        if (user == null) {
            throw new Malformed("sessionId and createdBy are both missing: the message belongs to no conversation");
        }
        return "user:" + user;
    }

    /** {@code timestampValue} (epoch ms), else {@code createdOn} (ISO, UTC). */
    private static Instant time(JsonNode r) {
        JsonNode ms = r.get("timestampValue");
        if (ms != null && !ms.isNull()) {
            if (!ms.isIntegralNumber()) {
                throw new Malformed("timestampValue must be epoch milliseconds, not " + ms.getNodeType().name().toLowerCase());
            }
            return Instant.ofEpochMilli(ms.asLong());
        }
        String created = optionalText(r, "createdOn");
        if (created == null) {
            throw new Malformed("timestampValue and createdOn are both missing");
        }
        try {
            return Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw new Malformed("createdOn '" + created + "' is not an ISO-8601 UTC time");
        }
    }

    record Content(String text, String type) {
    }

    private static Content content(JsonNode components) {
        if (components == null || components.isNull()) {
            return new Content(null, null);
        }
        if (!components.isArray()) {
            throw new Malformed("components must be an array");
        }
        List<String> texts = new ArrayList<>();
        String otherType = null;
        for (int i = 0; i < components.size(); i++) {
            JsonNode c = components.get(i);
            if (!c.isObject()) {
                throw new Malformed("components[" + i + "] must be an object");
            }
            String cT = optionalText(c, "cT");
            JsonNode text = c.path("data").get("text");
            if ((cT == null || "text".equals(cT)) && text != null && !text.isNull()) {
                if (!text.isTextual()) {
                    throw new Malformed("components[" + i + "].data.text must be a string");
                }
                texts.add(text.asText());
            } else if (otherType == null && cT != null && !"text".equals(cT)) {
                otherType = cT;
            }
        }
        String joined = String.join("\n", texts);
        return new Content(joined.isBlank() ? null : joined, otherType);
    }

    /** {@code chnl}, else {@code channel}, else the first of {@code channels[].type}. */
    private static Named channel(JsonNode r) {
        String name = optionalText(r, "chnl");
        if (name == null) {
            name = optionalText(r, "channel");
        }
        if (name == null && r.path("channels").isArray()) {
            for (JsonNode c : r.get("channels")) {
                name = text(c.get("type"));
                if (name != null) {
                    break;
                }
            }
        }
        return Named.of(null, name);
    }

    private static List<String> tags(JsonNode tags) {
        List<String> out = new ArrayList<>();
        if (tags == null || tags.isNull()) {
            return out;
        }
        if (!tags.isObject()) {
            throw new Malformed("tags must be an object of messageTags, userTags, sessionTags");
        }
        for (String kind : List.of("messageTags", "userTags", "sessionTags")) {
            addTags(tags.get(kind), "tags." + kind, out);
        }
        return out;
    }

    /** {@code {name, value}} → {@code name=value} (or just the name when it has no value). */
    private static void addTags(JsonNode list, String where, List<String> out) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new Malformed(where + " must be an array");
        }
        for (JsonNode t : list) {
            String name = t.isObject() ? text(t.get("name")) : text(t);
            if (name == null) {
                continue;
            }
            String value = t.isObject() ? text(t.get("value")) : null;
            String tag = value == null ? name : name + "=" + value;
            if (!out.contains(tag)) {
                out.add(tag);
            }
        }
    }

    private static String textOf(JsonNode r, String key) {
        return optionalText(r, key);
    }

    static String text(JsonNode n) {
        return n != null && n.isValueNode() && !n.isNull() && !n.asText().isBlank() ? n.asText() : null;
    }
}
