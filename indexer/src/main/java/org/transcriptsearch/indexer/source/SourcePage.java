package org.transcriptsearch.indexer.source;

import java.util.List;
import java.util.OptionalLong;
import org.transcriptsearch.document.MessageDocument;

/**
 * One unit of harvested work a connector hands to the runner: usually what one vendor response held.
 *
 * @param stream        which of the connector's {@link SourceConnector#streams()} it belongs to
 * @param location      the request it came from, secrets masked (for progress and set-aside records)
 * @param messages      mapped message documents; {@code language} and {@code harvest} are filled by the runner
 * @param conversations conversation-level facts seen on this page
 * @param setAside      records of this page that could not be mapped
 * @param checkpoint    the stream's position once this page and everything before it is stored, or null
 *                      when this page alone does not allow the checkpoint to move (e.g. mid-scroll)
 * @param expectedTotal what the vendor says the whole harvest holds (conversations or messages, as
 *                      {@code totalUnit} says), for an ETA; empty when it does not say
 * @param totalUnit     what {@code expectedTotal} counts: {@code "conversations"} or {@code "messages"}
 */
public record SourcePage(String stream, String location, List<MessageDocument> messages,
                         List<ConversationFacts> conversations, List<SetAside> setAside, Checkpoint checkpoint,
                         OptionalLong expectedTotal, String totalUnit) {
    public SourcePage {
        messages = List.copyOf(messages);
        conversations = List.copyOf(conversations);
        setAside = List.copyOf(setAside);
    }

    /** A page with documents only (no total, no checkpoint). */
    public static SourcePage of(String stream, String location, List<MessageDocument> messages,
                                List<ConversationFacts> conversations, List<SetAside> setAside) {
        return new SourcePage(stream, location, messages, conversations, setAside, null, OptionalLong.empty(), null);
    }

    public SourcePage withCheckpoint(Checkpoint c) {
        return new SourcePage(stream, location, messages, conversations, setAside, c, expectedTotal, totalUnit);
    }

    public SourcePage withExpectedTotal(long total, String unit) {
        return new SourcePage(stream, location, messages, conversations, setAside, checkpoint, OptionalLong.of(total), unit);
    }
}
