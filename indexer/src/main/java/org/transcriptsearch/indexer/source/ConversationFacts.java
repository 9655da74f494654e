package org.transcriptsearch.indexer.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.transcriptsearch.document.MessageDocument.CustomerRef;
import org.transcriptsearch.document.Named;

/**
 * What a vendor says about a conversation as a whole (as opposed to its messages): CXone's number,
 * journey, handover, review flag; AgentX's locale, tags and metadata; channel, customer, bot. Every field
 * may be null (= the vendor did not say). The runner merges these over the facts already stored on the
 * conversation document, then recomputes the counts and intents from the stored messages.
 *
 * @param start        when the vendor says the conversation started, if it does (else the first message counts)
 * @param lastActivity the vendor's last activity time, if it gives one
 * @param raw          the vendor's conversation record without its messages, stored not indexed
 */
public record ConversationFacts(
        String conversationId,
        Named bot,
        Long number,
        Instant start,
        Instant lastActivity,
        String locale,
        Named channel,
        CustomerRef customer,
        List<String> tags,
        List<String> journey,
        Boolean handover,
        Boolean reviewed,
        Map<String, Object> metadata,
        JsonNode raw) {

    public ConversationFacts {
        tags = tags == null || tags.isEmpty() ? null : List.copyOf(tags);
        journey = journey == null || journey.isEmpty() ? null : List.copyOf(journey);
        metadata = metadata == null || metadata.isEmpty() ? null : metadata;
        locale = locale == null || locale.isBlank() ? null : locale;
    }

    public static ConversationFacts of(String conversationId) {
        return new ConversationFacts(conversationId, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** These facts with every non-null field of {@code newer} laid over them. */
    public ConversationFacts merge(ConversationFacts newer) {
        return new ConversationFacts(conversationId,
                pick(newer.bot, bot), pick(newer.number, number), pick(newer.start, start),
                pick(newer.lastActivity, lastActivity), pick(newer.locale, locale), pick(newer.channel, channel),
                pick(newer.customer, customer), pick(newer.tags, tags), pick(newer.journey, journey),
                pick(newer.handover, handover), pick(newer.reviewed, reviewed), pick(newer.metadata, metadata),
                pick(newer.raw, raw));
    }

    private static <T> T pick(T newer, T older) {
        return newer != null ? newer : older;
    }
}
