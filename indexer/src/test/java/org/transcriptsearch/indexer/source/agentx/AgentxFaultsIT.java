package org.transcriptsearch.indexer.source.agentx;

import java.util.List;
import java.util.Map;
import org.transcriptsearch.indexer.source.HarvestedIndex;
import org.transcriptsearch.indexer.source.InterruptedRuns;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;

/**
 * AgentX harvests killed with SIGKILL and under an Elasticsearch outage ({@link InterruptedRuns}), both
 * streams ({@code /messages}, {@code /conversations}) under way side by side: pages of 25, 2-day spans
 * (the checkpoint moves per finished span), the 3 requests a second lifted ({@code requestsPerSecond: 0}).
 */
class AgentxFaultsIT extends InterruptedRuns {
    AgentxFaultsIT() {
        super(Vendor.AGENTX, SandboxOptions.builder().seed(19).conversationsPerVendor(80),
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
