package org.transcriptsearch.indexer.source.kore;

import java.util.List;
import java.util.Map;
import org.transcriptsearch.indexer.source.HarvestIncidents;
import org.transcriptsearch.indexer.source.HarvestedIndex;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;

/** Kore.ai under real incidents ({@link HarvestIncidents}): pages of 10 messages, so checkpoints move page by page. */
class KoreIncidentsIT extends HarvestIncidents {
    KoreIncidentsIT() {
        super(Vendor.KORE, SandboxOptions.builder().seed(23).conversationsPerVendor(40), List.of(KoreConnector.STREAM));
    }

    @Override
    protected String sourceSettings(String baseUrl, SandboxCredentials c) {
        return "    baseUrl: " + baseUrl + "\n    botId: " + c.koreBotId() + "\n    clientId: ${KORE_IT_CLIENT_ID}\n"
                + "    clientSecret: ${KORE_IT_CLIENT_SECRET}\n    pageSize: 10\n    callsPerMinute: 0\n    callsPerHour: 0\n";
    }

    @Override
    protected Map<String, String> secrets(SandboxCredentials c) {
        return Map.of("KORE_IT_CLIENT_ID", c.koreClientId(), "KORE_IT_CLIENT_SECRET", c.koreClientSecret());
    }

    @Override
    protected HarvestedIndex.ExpectedConversations conversations(GroundTruth truth) {
        return KoreGroundTruth.expected(truth);
    }
}
