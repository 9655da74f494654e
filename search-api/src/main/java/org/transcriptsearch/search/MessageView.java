package org.transcriptsearch.search;

import io.vertx.core.json.JsonObject;

/**
 * A message as the API shows it (in search hits and in the conversation view): the contract's flat
 * names ({@code conversationId}, {@code timestamp}) over the document's nested fields. Fields the vendor
 * did not give stay absent; {@code pii} (the kinds of personal data redaction replaced) only where some was.
 */
final class MessageView {
    private MessageView() {
    }

    static JsonObject of(String id, JsonObject source) {
        JsonObject m = new JsonObject().put("id", id);
        copy(source, "vendor", m, "vendor");
        copy(source, "source", m, "source");
        JsonObject conversation = source.getJsonObject("conversation");
        if (conversation != null) {
            copy(conversation, "id", m, "conversationId");
        }
        JsonObject message = source.getJsonObject("message");
        if (message != null) {
            copy(message, "id", m, "messageId");
            copy(message, "seq", m, "seq");
        }
        copy(source, "role", m, "role");
        copy(source, "@timestamp", m, "timestamp");
        copy(source, "text", m, "text");
        copy(source, "language", m, "language");
        copy(source, "options", m, "options");
        copy(source, "pii", m, "pii");
        JsonObject bot = source.getJsonObject("bot");
        if (bot != null && (bot.containsKey("name") || bot.containsKey("id"))) {
            m.put("bot", bot.getString("name", bot.getString("id")));
        }
        JsonObject channel = source.getJsonObject("channel");
        if (channel != null) {
            copy(channel, "name", m, "channel");
        }
        JsonObject intent = source.getJsonObject("intent");
        if (intent != null) {
            JsonObject out = new JsonObject();
            copy(intent, "name", out, "name");
            copy(intent, "confidence", out, "confidence");
            copy(intent, "fallback", out, "fallback");
            if (!out.isEmpty()) {
                m.put("intent", out);
            }
        }
        return m;
    }

    private static void copy(JsonObject from, String key, JsonObject to, String as) {
        Object v = from.getValue(key);
        if (v != null) {
            to.put(as, v);
        }
    }
}
