package org.transcriptsearch.sandbox.agentx;

import java.util.Optional;
import org.transcriptsearch.sandbox.corpus.Move;
import org.transcriptsearch.sandbox.corpus.StableIds;
import org.transcriptsearch.sandbox.corpus.VendorIds;

/** AgentX ids, as in the vendor's sample: conversations and bot messages 32 hex, user messages UUIDs. */
public final class AgentxIds implements VendorIds {
    private static final long CONVERSATION = StableIds.tag("agentx-conversation");
    private static final long MESSAGE = StableIds.tag("agentx-message");

    private final long seed;

    public AgentxIds(long seed) {
        this.seed = seed;
    }

    @Override
    public String conversationId(int ordinal) {
        return StableIds.hex(StableIds.mix(seed, CONVERSATION, ordinal), 32);
    }

    @Override
    public Optional<String> messageId(int ordinal, int turn, Move move) {
        long key = StableIds.mix(seed, MESSAGE, ordinal, turn);
        return Optional.of(move.fromUser() ? StableIds.uuid(key) : StableIds.hex(key, 32));
    }
}
