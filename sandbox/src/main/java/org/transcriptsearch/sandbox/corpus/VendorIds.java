package org.transcriptsearch.sandbox.corpus;

import java.util.Optional;

/** How one vendor names generated conversations and messages; every id is a pure function of the seed. */
public interface VendorIds {
    String conversationId(int ordinal);

    /** The vendor's own id for a message; empty where the vendor gives none (some CXone bot events). */
    Optional<String> messageId(int ordinal, int turn, Move move);
}
