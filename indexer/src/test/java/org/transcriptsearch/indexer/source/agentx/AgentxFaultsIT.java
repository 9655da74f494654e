package org.transcriptsearch.indexer.source.agentx;

import org.transcriptsearch.indexer.source.InterruptedRuns;
import org.transcriptsearch.sandbox.SandboxOptions;

/** AgentX harvests killed with SIGKILL and under an Elasticsearch outage ({@link InterruptedRuns}). */
class AgentxFaultsIT extends InterruptedRuns {
    AgentxFaultsIT() {
        super(new AgentxSandboxSource(), SandboxOptions.builder().seed(19).conversationsPerVendor(80));
    }
}
