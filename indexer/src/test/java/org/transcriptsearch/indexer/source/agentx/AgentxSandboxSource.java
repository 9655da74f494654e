package org.transcriptsearch.indexer.source.agentx;

import java.util.List;
import java.util.Map;
import org.transcriptsearch.indexer.source.HarvestedIndex;
import org.transcriptsearch.indexer.source.SandboxSource;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.Vendor;

/**
 * An AgentX source on the sandbox: pages of 25, spans of two days (the checkpoint moves per finished
 * span), the 3 requests a second lifted ({@code requestsPerSecond: 0}).
 */
record AgentxSandboxSource() implements SandboxSource {
    @Override
    public Vendor vendor() {
        return Vendor.AGENTX;
    }

    @Override
    public List<String> streams() {
        return List.of(AgentxMapper.MESSAGES, AgentxMapper.CONVERSATIONS);
    }

    @Override
    public String settings(String baseUrl, SandboxCredentials c) {
        return "    baseUrl: " + baseUrl + "\n    botName: " + c.agentxBotName() + "\n    apiKey: ${AGENTX_IT_KEY}\n"
                + "    pageSize: 25\n    windowSize: 2d\n    requestsPerSecond: 0\n";
    }

    @Override
    public Map<String, String> secrets(SandboxCredentials c) {
        return Map.of("AGENTX_IT_KEY", c.agentxApiKey());
    }

    @Override
    public HarvestedIndex.ExpectedConversations conversations(GroundTruth truth) {
        return AgentxGroundTruth.expected(truth);
    }
}
