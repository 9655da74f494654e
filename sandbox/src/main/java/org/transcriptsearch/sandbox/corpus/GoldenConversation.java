package org.transcriptsearch.sandbox.corpus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A vendor's own sample conversation, served as the vendor printed it (made valid, moved in time).
 * The samples are not tidy: a Kore message without a session, an AgentX conversation record without
 * messages and AgentX messages without a conversation record. This keeps them so.
 *
 * @param conversationId the id harvesters group by (CXone conversationId, Kore sessionId, AgentX _id /
 *                       conversationId); empty for a Kore message without a session
 * @param record         the conversation record, where the vendor serves one (CXone, AgentX)
 * @param listed         whether the vendor lists it as a conversation (CXone and AgentX: it has a record;
 *                       Kore: it has a session id); ground truth counts only listed conversations
 */
public record GoldenConversation(Optional<String> conversationId, Optional<ObjectNode> record, boolean listed,
                                 long startMs, long lastMs, List<GoldenMessage> messages) {
    public GoldenConversation {
        messages = List.copyOf(messages);
    }
}
