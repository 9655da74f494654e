package org.transcriptsearch.indexer.source.agentx;

import java.util.Set;
import java.util.TreeSet;
import org.transcriptsearch.indexer.source.HarvestedIndex;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.Vendor;

/**
 * What a complete AgentX harvest holds beyond the sandbox's own counts: a conversation document for
 * every conversation the export names, those with a record on {@code /conversations} and those only
 * seen through their messages (the vendor's sample messages belong to a conversation with no record).
 */
final class AgentxGroundTruth {
    private AgentxGroundTruth() {
    }

    static Set<String> conversationIds(GroundTruth truth) {
        Set<String> ids = new TreeSet<>(truth.conversationIds(Vendor.AGENTX));
        truth.messages(Vendor.AGENTX).forEach(m -> m.conversationId().ifPresent(ids::add));
        return ids;
    }

    static HarvestedIndex.ExpectedConversations expected(GroundTruth truth) {
        return HarvestedIndex.ExpectedConversations.exactly(conversationIds(truth));
    }
}
