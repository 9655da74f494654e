package org.transcriptsearch.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One harvested message: the {@code transcripts-messages} document (see {@code mappings/messages.json}).
 * {@code raw} is the vendor's original record, stored but not indexed, so {@code rebuild} never needs
 * the vendor again. {@code pii} lists the kinds of personal data redaction replaced in it ({@code card},
 * {@code phone}, a user pattern's name ...), absent when none or when redaction is off.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageDocument(
        @JsonProperty("@timestamp") Instant timestamp,
        String vendor,
        String source,
        Named bot,
        ConversationRef conversation,
        MessageRef message,
        String role,
        String text,
        String language,
        Intent intent,
        Map<String, List<String>> entities,
        Named channel,
        CustomerRef customer,
        List<String> tags,
        List<String> options,
        @JsonProperty("content_type") String contentType,
        List<String> pii,
        HarvestStamp harvest,
        JsonNode raw) {

    public static final String ROLE_USER = "user";
    public static final String ROLE_BOT = "bot";
    public static final String ROLE_AGENT = "agent";
    public static final String ROLE_SYSTEM = "system";

    public MessageDocument {
        text = Absent.text(text);
        language = Absent.text(language);
        entities = Absent.map(entities);
        tags = Absent.list(tags);
        options = Absent.list(options);
        contentType = Absent.text(contentType);
        pii = Absent.list(pii);
    }

    /** The deterministic Elasticsearch id: source + conversation + message. */
    public String id() {
        return DocumentIds.message(source, conversation.id(), message.id());
    }

    public MessageDocument withLanguage(String lang) {
        return new MessageDocument(timestamp, vendor, source, bot, conversation, message, role, text, lang, intent,
                entities, channel, customer, tags, options, contentType, pii, harvest, raw);
    }

    /** With its text, entities, options and vendor record as redacted, and the kinds of personal data they held. */
    public MessageDocument withRedacted(String redactedText, Map<String, List<String>> redactedEntities,
                                        List<String> redactedOptions, JsonNode redactedRaw, List<String> kinds) {
        return new MessageDocument(timestamp, vendor, source, bot, conversation, message, role, redactedText, language,
                intent, redactedEntities, channel, customer, tags, redactedOptions, contentType, kinds, harvest,
                redactedRaw);
    }

    public MessageDocument withHarvest(HarvestStamp stamp) {
        return new MessageDocument(timestamp, vendor, source, bot, conversation, message, role, text, language, intent,
                entities, channel, customer, tags, options, contentType, pii, stamp, raw);
    }

    /** {@code conversation.id} (the message document carries only the id; the rest is on the conversation). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConversationRef(String id) {
    }

    /** {@code message.id}, {@code message.seq} (position in the conversation, from 0), {@code message.type} (vendor's kind). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageRef(String id, Integer seq, String type) {
        public MessageRef {
            type = Absent.text(type);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomerRef(String id) {
        public static CustomerRef of(String id) {
            return Absent.text(id) == null ? null : new CustomerRef(id);
        }
    }

    /** The vendor's top intent; {@code fallback} true when the bot did not understand. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Intent(String name, Float confidence, Boolean fallback,
                         @JsonProperty("runner_up") RunnerUp runnerUp) {
        public Intent {
            name = Absent.text(name);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunnerUp(String name, Float confidence) {
    }
}
