package org.transcriptsearch.indexer.source.cxone;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.transcriptsearch.indexer.source.HarvestedIndex;
import org.transcriptsearch.indexer.source.SandboxSource;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.Vendor;

/** A CXone source on the sandbox: pages of 10 conversations, each record a whole conversation. */
record CxoneSandboxSource() implements SandboxSource {
    @Override
    public Vendor vendor() {
        return Vendor.CXONE;
    }

    @Override
    public List<String> streams() {
        return List.of(CxoneConnector.STREAM);
    }

    @Override
    public String settings(String baseUrl, SandboxCredentials c) {
        return "    baseUrl: " + baseUrl + "\n    token: ${CXONE_IT_TOKEN}\n    perPage: 10\n";
    }

    @Override
    public Map<String, String> secrets(SandboxCredentials c) {
        return Map.of("CXONE_IT_TOKEN", c.cxoneToken());
    }

    @Override
    public HarvestedIndex.ExpectedConversations conversations(GroundTruth truth) {
        return HarvestedIndex.ExpectedConversations.exactly(new TreeSet<>(truth.conversationIds(Vendor.CXONE)));
    }
}
