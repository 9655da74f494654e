package org.transcriptsearch.sandbox.cxone;

import java.util.Optional;
import org.transcriptsearch.sandbox.corpus.Move;
import org.transcriptsearch.sandbox.corpus.StableIds;
import org.transcriptsearch.sandbox.corpus.VendorIds;

/**
 * CXone ids: conversations like {@code chat;<60 letters and digits>;<40 hex>} (note the ';'), user
 * messages 32 hex; six bot messages in ten carry a {@code data.custom.msgid} UUID, the rest carry no id.
 */
public final class CxoneIds implements VendorIds {
    private static final long CONVERSATION = StableIds.tag("cxone-conversation");
    private static final long CONVERSATION_HASH = StableIds.tag("cxone-conversation-hash");
    private static final long USER_MESSAGE = StableIds.tag("cxone-user-message");
    private static final long BOT_MESSAGE = StableIds.tag("cxone-bot-message");

    private final long seed;

    public CxoneIds(long seed) {
        this.seed = seed;
    }

    @Override
    public String conversationId(int ordinal) {
        return "chat;" + StableIds.alnum(StableIds.mix(seed, CONVERSATION, ordinal), 60) + ";"
                + StableIds.hex(StableIds.mix(seed, CONVERSATION_HASH, ordinal), 40);
    }

    @Override
    public Optional<String> messageId(int ordinal, int turn, Move move) {
        if (move.fromUser()) {
            return Optional.of(StableIds.hex(StableIds.mix(seed, USER_MESSAGE, ordinal, turn), 32));
        }
        return botHasMsgid(ordinal, turn)
                ? Optional.of(StableIds.uuid(StableIds.mix(seed, BOT_MESSAGE, ordinal, turn)))
                : Optional.empty();
    }

    /** Bot events with a msgid are written in the quick-replies style, which is where the vendor puts msgid. */
    boolean botHasMsgid(int ordinal, int turn) {
        return Math.floorMod(StableIds.mix(seed, BOT_MESSAGE, ordinal, turn, 1), 10L) < 6;
    }
}
