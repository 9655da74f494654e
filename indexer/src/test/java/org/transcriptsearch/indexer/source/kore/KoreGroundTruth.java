package org.transcriptsearch.indexer.source.kore;

import java.util.TreeSet;
import org.transcriptsearch.indexer.source.HarvestedIndex;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.Vendor;

/**
 * What a complete Kore harvest holds beyond the sandbox's own counts. The sandbox counts a message that
 * has no sessionId (the vendor's own first sample) in no conversation; the connector files it under
 * {@code user:<createdBy>} so it stays reachable from a search hit: one more conversation per such message.
 */
final class KoreGroundTruth {
    /** How the ids of the conversations the connector makes for session-less messages start. */
    static final String SESSIONLESS_PREFIX = "user:";
    /** A query term for those conversations. */
    static final String SESSIONLESS_QUERY = "{\"prefix\":{\"conversation.id\":\"" + SESSIONLESS_PREFIX + "\"}}";

    private KoreGroundTruth() {
    }

    static long sessionless(GroundTruth truth) {
        return truth.messages(Vendor.KORE).filter(m -> m.conversationId().isEmpty()).count();
    }

    /** The sandbox's sessions, plus one thread per session-less message. */
    static long conversations(GroundTruth truth) {
        return truth.conversationCount(Vendor.KORE) + sessionless(truth);
    }

    static HarvestedIndex.ExpectedConversations expected(GroundTruth truth) {
        return new HarvestedIndex.ExpectedConversations(new TreeSet<>(truth.conversationIds(Vendor.KORE)), SESSIONLESS_PREFIX,
                sessionless(truth));
    }
}
