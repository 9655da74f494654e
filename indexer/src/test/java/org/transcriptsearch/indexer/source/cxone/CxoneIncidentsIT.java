package org.transcriptsearch.indexer.source.cxone;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.transcriptsearch.indexer.source.HarvestIncidents;
import org.transcriptsearch.indexer.source.HarvestedIndex;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;

/**
 * CXone under real incidents ({@link HarvestIncidents}): pages of 10 conversations, each record a whole
 * conversation (its document is counted from the record, so a refused message must not be counted).
 */
class CxoneIncidentsIT extends HarvestIncidents {
    CxoneIncidentsIT() {
        super(Vendor.CXONE, SandboxOptions.builder().seed(31).conversationsPerVendor(50), List.of(CxoneConnector.STREAM));
    }

    @Override
    protected String sourceSettings(String baseUrl, SandboxCredentials c) {
        return "    baseUrl: " + baseUrl + "\n    token: ${CXONE_IT_TOKEN}\n    perPage: 10\n";
    }

    @Override
    protected Map<String, String> secrets(SandboxCredentials c) {
        return Map.of("CXONE_IT_TOKEN", c.cxoneToken());
    }

    @Override
    protected HarvestedIndex.ExpectedConversations conversations(GroundTruth truth) {
        return HarvestedIndex.ExpectedConversations.exactly(new TreeSet<>(truth.conversationIds(Vendor.CXONE)));
    }
}
