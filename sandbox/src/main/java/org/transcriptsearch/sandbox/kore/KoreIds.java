package org.transcriptsearch.sandbox.kore;

import java.util.Optional;
import org.transcriptsearch.sandbox.corpus.Move;
import org.transcriptsearch.sandbox.corpus.StableIds;
import org.transcriptsearch.sandbox.corpus.VendorIds;

/**
 * Kore ids: sessions are 24-hex ObjectIds, messages {@code ms-<uuid>}, components {@code cp-<uuid>}, users
 * {@code u-<uuid>}. About seven users in ten come back: conversation i belongs to user {@code i mod users}.
 */
public final class KoreIds implements VendorIds {
    private static final long SESSION = StableIds.tag("kore-session");
    private static final long MESSAGE = StableIds.tag("kore-message");
    private static final long COMPONENT = StableIds.tag("kore-component");
    private static final long USER = StableIds.tag("kore-user");

    private final long seed;
    private final int users;

    public KoreIds(long seed, int baseConversations) {
        this.seed = seed;
        this.users = Math.max(1, baseConversations * 7 / 10);
    }

    @Override
    public String conversationId(int ordinal) {
        return StableIds.hex(StableIds.mix(seed, SESSION, ordinal), 24);
    }

    @Override
    public Optional<String> messageId(int ordinal, int turn, Move move) {
        return Optional.of("ms-" + StableIds.uuid(StableIds.mix(seed, MESSAGE, ordinal, turn)));
    }

    String componentId(int ordinal, int turn) {
        return "cp-" + StableIds.uuid(StableIds.mix(seed, COMPONENT, ordinal, turn));
    }

    int userIndex(int ordinal) {
        return ordinal % users;
    }

    int users() {
        return users;
    }

    String userId(int userIndex) {
        return "u-" + StableIds.uuid(StableIds.mix(seed, USER, userIndex));
    }
}
