package org.transcriptsearch.indexer.source.kore;

import java.util.List;
import java.util.Map;
import org.transcriptsearch.indexer.source.HarvestedIndex;
import org.transcriptsearch.indexer.source.SandboxSource;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.Vendor;

/** A Kore.ai source on the sandbox: pages of {@code pageSize} messages, the bot's rate limits lifted. */
record KoreSandboxSource(int pageSize) implements SandboxSource {
    @Override
    public Vendor vendor() {
        return Vendor.KORE;
    }

    @Override
    public List<String> streams() {
        return List.of(KoreConnector.STREAM);
    }

    @Override
    public String settings(String baseUrl, SandboxCredentials c) {
        return "    baseUrl: " + baseUrl + "\n    botId: " + c.koreBotId() + "\n    clientId: ${KORE_IT_CLIENT_ID}\n"
                + "    clientSecret: ${KORE_IT_CLIENT_SECRET}\n    pageSize: " + pageSize + "\n    callsPerMinute: 0\n"
                + "    callsPerHour: 0\n";
    }

    @Override
    public Map<String, String> secrets(SandboxCredentials c) {
        return Map.of("KORE_IT_CLIENT_ID", c.koreClientId(), "KORE_IT_CLIENT_SECRET", c.koreClientSecret());
    }

    @Override
    public HarvestedIndex.ExpectedConversations conversations(GroundTruth truth) {
        return KoreGroundTruth.expected(truth);
    }
}
