package org.transcriptsearch.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One conversation's summary: the {@code transcripts-conversations} document (see
 * {@code mappings/conversations.json}). The indexer recomputes it from the stored messages of the
 * conversation and merges in the conversation-level facts the vendor gives (locale, tags, journey ...).
 * {@code text} holds its messages' texts in conversation order, one entry per message, so a search can
 * find a conversation whose terms fall in different messages; {@code pii} the kinds of personal data redaction
 * replaced in any of them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationDocument(
        @JsonProperty("@timestamp") Instant timestamp,
        String vendor,
        String source,
        Named bot,
        Conversation conversation,
        Counts messages,
        List<String> text,
        List<String> intents,
        Fallback fallback,
        Confidence confidence,
        String language,
        List<String> languages,
        List<String> pii,
        String locale,
        Named channel,
        MessageDocument.CustomerRef customer,
        List<String> tags,
        List<String> journey,
        Boolean handover,
        Boolean reviewed,
        Map<String, Object> metadata,
        HarvestStamp harvest,
        JsonNode raw) {

    public ConversationDocument {
        text = Absent.list(text);
        intents = Absent.list(intents);
        language = Absent.text(language);
        languages = Absent.list(languages);
        pii = Absent.list(pii);
        locale = Absent.text(locale);
        tags = Absent.list(tags);
        journey = Absent.list(journey);
        metadata = Absent.map(metadata);
    }

    /** The deterministic Elasticsearch id: source + conversation. */
    public String id() {
        return DocumentIds.conversation(source, conversation.id());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conversation(String id, Long number, Instant start, Instant end,
                               @JsonProperty("duration_ms") Long durationMs,
                               @JsonProperty("last_activity") Instant lastActivity) {
    }

    /** Messages by role, counted from the stored messages: here 0 is a real count, not a missing value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Counts(Integer total, Integer user, Integer bot, Integer agent, Integer system) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fallback(Integer count) {
    }

    /** Over the messages that carry a confidence; absent when none does. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Confidence(Float min, Float avg) {
    }
}
