package org.transcriptsearch.indexer.source.agentx;

import java.util.List;
import java.util.Map;
import org.transcriptsearch.indexer.source.HarvestIncidents;
import org.transcriptsearch.indexer.source.HarvestedIndex;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;

/** AgentX under real incidents ({@link HarvestIncidents}): two streams side by side, spans of two days. */
class AgentxIncidentsIT extends HarvestIncidents {
    AgentxIncidentsIT() {
        super(Vendor.AGENTX, SandboxOptions.builder().seed(29).conversationsPerVendor(40),
                List.of(AgentxMapper.MESSAGES, AgentxMapper.CONVERSATIONS));
    }

    @Override
    protected String sourceSettings(String baseUrl, SandboxCredentials c) {
        return "    baseUrl: " + baseUrl + "\n    botName: " + c.agentxBotName() + "\n    apiKey: ${AGENTX_IT_KEY}\n"
                + "    pageSize: 25\n    windowSize: 2d\n    requestsPerSecond: 0\n";
    }

    @Override
    protected Map<String, String> secrets(SandboxCredentials c) {
        return Map.of("AGENTX_IT_KEY", c.agentxApiKey());
    }

    @Override
    protected HarvestedIndex.ExpectedConversations conversations(GroundTruth truth) {
        return AgentxGroundTruth.expected(truth);
    }
}
