package org.transcriptsearch.indexer.source.agentx;

import org.transcriptsearch.indexer.source.HarvestIncidents;
import org.transcriptsearch.sandbox.SandboxOptions;

/** AgentX under real incidents ({@link HarvestIncidents}): two streams side by side, spans of two days. */
class AgentxIncidentsIT extends HarvestIncidents {
    AgentxIncidentsIT() {
        super(new AgentxSandboxSource(), SandboxOptions.builder().seed(29).conversationsPerVendor(40));
    }
}
