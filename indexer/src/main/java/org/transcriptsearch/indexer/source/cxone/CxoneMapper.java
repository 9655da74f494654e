package org.transcriptsearch.indexer.source.cxone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.MessageDocument.ConversationRef;
import org.transcriptsearch.document.MessageDocument.CustomerRef;
import org.transcriptsearch.document.MessageDocument.Intent;
import org.transcriptsearch.document.MessageDocument.MessageRef;
import org.transcriptsearch.document.MessageDocument.RunnerUp;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.indexer.source.CompactNodeFactory;
import org.transcriptsearch.indexer.source.ConversationFacts;
import org.transcriptsearch.indexer.source.HarvestWindow;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourcePage;

/**
 * One CXone conversations page → documents. Each conversation's Rasa tracker events are read in order:
 * {@code user} and {@code bot} events are messages ({@code message.seq} counts them from 0, so it stays
 * put when the conversation grows); {@code action}, {@code slot}, {@code session_started} ... are context,
 * of which the handover is kept on the conversation.
 */
final class CxoneMapper {
    static final String FALLBACK_INTENT = "nlu_fallback";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(new CompactNodeFactory(false));

    /** A mapped page plus what paging needs from it. */
    record Mapped(SourcePage page, String nextPageUrl, String scrollId, Long total, int conversationsOnPage) {
    }

    private final String source;
    private final Named bot;

    CxoneMapper(String source, Named bot) {
        this.source = source;
        this.bot = bot;
    }

    static JsonNode parse(String body) throws JsonProcessingException {
        return JSON.readTree(body);
    }

    /** Straight from the bytes (no String in between); any decoding problem is an IOException. */
    static JsonNode parse(java.io.InputStream body) throws java.io.IOException {
        return JSON.readTree(body);
    }

    /**
     * @param window when not null, only conversations whose last message falls in it are kept (the
     *               vendor's {@code datetime} query is coarser: whole days, and on another field)
     */
    Mapped map(String body, String location, HarvestWindow window) {
        try {
            return map(parse(body), location, window);
        } catch (JsonProcessingException e) {
            return new Mapped(page(location, List.of(), List.of(), List.of(new SetAside(location,
                    "the page is not valid JSON: " + e.getOriginalMessage()))), null, null, null, 0);
        }
    }

    Mapped map(JsonNode root, String location, HarvestWindow window) {
        if (root == null || !root.isObject() || !root.path("data").isArray()) {
            return new Mapped(page(location, List.of(), List.of(), List.of(new SetAside(location,
                    "the page has no 'data' array"))), null, null, null, 0);
        }
        List<MessageDocument> messages = new ArrayList<>();
        List<ConversationFacts> facts = new ArrayList<>();
        List<SetAside> setAside = new ArrayList<>();
        JsonNode data = root.get("data");
        for (int i = 0; i < data.size(); i++) {
            conversation(data.get(i), location + " data[" + i + "]", window, messages, facts, setAside);
        }
        String next = text(root.get("next_page_url"));
        String scroll = text(root.get("scroll_id"));
        Long total = root.path("total").canConvertToLong() ? root.get("total").asLong() : null;
        return new Mapped(page(location, messages, facts, setAside), next, scroll, total, data.size());
    }

    private SourcePage page(String location, List<MessageDocument> m, List<ConversationFacts> c, List<SetAside> s) {
        return SourcePage.of(CxoneConnector.STREAM, location, m, c, s);
    }

    private void conversation(JsonNode conv, String where, HarvestWindow window, List<MessageDocument> out,
                              List<ConversationFacts> facts, List<SetAside> setAside) {
        if (conv == null || !conv.isObject()) {
            setAside.add(SetAside.of(where, "a conversation must be a JSON object", null, conv));
            return;
        }
        String id = text(conv.get("conversationId"));
        if (id == null) {
            setAside.add(SetAside.of(where, "conversationId is missing or not a string", null, conv));
            return;
        }
        where = where + " (conversationId " + id + ")";
        JsonNode events = conv.path("tracker").path("events");
        if (!conv.path("tracker").isMissingNode() && !conv.path("tracker").isNull() && !events.isArray() && !events.isMissingNode()) {
            setAside.add(SetAside.of(where, "tracker.events must be an array", id, conv));
            return;
        }
        Instant lastMessageAt = millis(conv.get("lastMessageAt"));
        Instant started = millis(conv.get("timestamp"));
        Instant lastSeen = lastMessageAt != null ? lastMessageAt : lastEventTime(events, started);
        if (window != null && lastSeen != null && !window.contains(lastSeen)) {
            return;
        }
        Named channel = Named.of(text(conv.path("channel").get("id")), text(conv.path("channel").get("name")));
        CustomerRef customer = CustomerRef.of(text(conv.path("customer").get("id")));
        List<String> tags = strings(conv.get("tags"));
        List<MessageDocument> messages = new ArrayList<>();
        boolean handover = false;
        int seq = 0;
        for (int e = 0; e < events.size(); e++) {
            JsonNode ev = events.get(e);
            if (!ev.isObject()) {
                setAside.add(SetAside.of(where + " tracker.events[" + e + "]", "an event must be a JSON object", id, ev));
                continue;
            }
            String kind = text(ev.get("event"));
            if ("user".equals(kind) || "bot".equals(kind)) {
                Instant at = seconds(ev.get("timestamp"));
                if (at == null) {
                    setAside.add(SetAside.of(where + " tracker.events[" + e + "]",
                            "a " + kind + " event needs a numeric timestamp (seconds)", id, ev));
                    seq++;
                    continue;
                }
                messages.add("user".equals(kind)
                        ? user(ev, id, seq, at, channel, customer, tags)
                        : bot(ev, id, seq, at, channel, customer, tags));
                seq++;
            } else if (isHandover(ev)) {
                handover = true;
            }
        }
        out.addAll(messages);
        // The record without its events (they are the messages). Shallow copies: the page is only read, so
        // raw may share its other parts instead of deep-copying every event only to drop them.
        ObjectNode raw = JSON.createObjectNode().setAll((ObjectNode) conv);
        if (conv.get("tracker") instanceof ObjectNode tracker) {
            ObjectNode withoutEvents = JSON.createObjectNode().setAll(tracker);
            withoutEvents.remove("events");
            raw.set("tracker", withoutEvents);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        putIfText(metadata, "dfo_case_id", conv.path("dfo").get("caseId"));
        putIfText(metadata, "dfo_post_id", conv.path("dfo").get("postId"));
        putIfText(metadata, "notes", conv.get("notes"));
        String journey = text(conv.get("journey"));
        facts.add(new ConversationFacts(id, bot,
                conv.path("conversationNumber").canConvertToLong() ? conv.get("conversationNumber").asLong() : null,
                started, lastMessageAt, null, channel, customer, tags, journey == null ? null : List.of(journey),
                events.isArray() ? handover : null,
                conv.path("isReviewed").isBoolean() ? conv.get("isReviewed").asBoolean() : null,
                metadata, raw));
    }

    private MessageDocument user(JsonNode ev, String conv, int seq, Instant at, Named channel, CustomerRef customer,
                                 List<String> tags) {
        JsonNode parse = ev.path("parse_data");
        Intent intent = null;
        String name = text(parse.path("intent").get("name"));
        if (name != null) {
            Float confidence = number(parse.path("intent").get("confidence"));
            RunnerUp runnerUp = null;
            for (JsonNode r : parse.path("intent_ranking")) {
                String rn = text(r.get("name"));
                if (rn != null && !rn.equals(name)) {
                    runnerUp = new RunnerUp(rn, number(r.get("confidence")));
                    break;
                }
            }
            intent = new Intent(name, confidence, FALLBACK_INTENT.equals(name), runnerUp);
        }
        Map<String, List<String>> entities = new TreeMap<>();
        for (JsonNode en : parse.path("entities")) {
            String entity = text(en.get("entity"));
            JsonNode value = en.get("value");
            if (entity != null && value != null && !value.isNull()) {
                entities.computeIfAbsent(entity, k -> new ArrayList<>()).add(value.isValueNode() ? value.asText() : value.toString());
            }
        }
        String messageId = text(ev.get("message_id"));
        String text = text(ev.get("text"));
        return new MessageDocument(at, CxoneConnector.VENDOR, source, bot, new ConversationRef(conv),
                new MessageRef(messageId != null ? messageId : derivedId("user", seq, ev), seq, "user"),
                MessageDocument.ROLE_USER, text, null, intent, entities, channel, customer, tags, null, null, null, null, ev);
    }

    private MessageDocument bot(JsonNode ev, String conv, int seq, Instant at, Named channel, CustomerRef customer,
                                List<String> tags) {
        JsonNode data = ev.path("data");
        JsonNode payload = data.path("custom").path("payload");
        String text = text(ev.get("text"));
        if (text == null) {
            text = text(payload.get("text"));
        }
        List<String> options = new ArrayList<>();
        for (JsonNode list : List.of(payload.path("quick_replies"), payload.path("buttons"), data.path("quick_replies"),
                data.path("buttons"))) {
            for (JsonNode o : list) {
                String title = text(o.get("title"));
                if (title != null) {
                    options.add(title);
                }
            }
        }
        String contentType = null;
        if (text == null && options.isEmpty()) {
            for (String k : List.of("image", "attachment", "elements")) {
                JsonNode v = data.get(k);
                if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                    contentType = k.equals("elements") ? "carousel" : k;
                    break;
                }
            }
        }
        String msgid = text(data.path("custom").get("msgid"));
        return new MessageDocument(at, CxoneConnector.VENDOR, source, bot, new ConversationRef(conv),
                new MessageRef(msgid != null ? msgid : derivedId("bot", seq, ev), seq, "bot"),
                MessageDocument.ROLE_BOT, text, null, null, null, channel, null, tags, options, contentType, null, null, ev);
    }

    /**
     * An id for a message the vendor gave none: its role, its position and its exact timestamp as the
     * vendor printed it. None of them changes when the conversation grows or is read again.
     */
    private static String derivedId(String role, int seq, JsonNode ev) {
        return role + "-" + seq + "-" + ev.get("timestamp").decimalValue().stripTrailingZeros().toPlainString();
    }

    /** A handover to a human: an action or event named so, or an {@code action_<base64 JSON>} whose JSON says so. */
    static boolean isHandover(JsonNode ev) {
        String kind = text(ev.get("event"));
        String name = text(ev.get("name"));
        String type = text(ev.get("type"));
        if (contains(kind, "handover") || contains(type, "handover") || contains(name, "handover")) {
            return true;
        }
        if (name != null && name.startsWith("action_")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(name.substring("action_".length())),
                        StandardCharsets.UTF_8);
                return decoded.contains("handover");
            } catch (IllegalArgumentException e) {
                return false; // an ordinary action name such as action_listen
            }
        }
        return false;
    }

    /** {@code what} (lower case) in {@code s}, ignoring case, without a lower-cased copy of every event's names. */
    private static boolean contains(String s, String what) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i + what.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return true;
            }
        }
        return false;
    }

    private static Instant lastEventTime(JsonNode events, Instant fallback) {
        Instant last = fallback;
        for (JsonNode ev : events) {
            Instant t = seconds(ev.get("timestamp"));
            if (t != null && (last == null || t.isAfter(last))) {
                last = t;
            }
        }
        return last;
    }

    static String text(JsonNode n) {
        if (n == null || n.isNull() || !n.isValueNode()) {
            return null;
        }
        String s = n.asText();
        return s.isBlank() ? null : s;
    }

    private static Float number(JsonNode n) {
        return n != null && n.isNumber() ? n.floatValue() : null;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            for (JsonNode t : n) {
                String s = t.isObject() ? text(t.has("name") ? t.get("name") : t.get("title")) : text(t);
                if (s != null) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static void putIfText(Map<String, Object> m, String key, JsonNode n) {
        String s = text(n);
        if (s != null) {
            m.put(key, s);
        }
    }

    /** Epoch milliseconds (the conversation's {@code timestamp}, {@code lastMessageAt}). */
    private static Instant millis(JsonNode n) {
        return n != null && n.isNumber() ? Instant.ofEpochMilli(n.asLong()) : null;
    }

    /** Epoch seconds with a fraction (tracker events), kept to the millisecond. */
    static Instant seconds(JsonNode n) {
        if (n == null || !n.isNumber()) {
            return null;
        }
        BigDecimal ms = n.decimalValue().movePointRight(3).setScale(0, RoundingMode.FLOOR);
        return Instant.ofEpochMilli(ms.longValueExact());
    }
}
