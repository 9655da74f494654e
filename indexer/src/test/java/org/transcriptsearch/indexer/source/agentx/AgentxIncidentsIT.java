package org.transcriptsearch.indexer.source.agentx;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.indexer.source.HarvestIncidents;
import org.transcriptsearch.sandbox.Endpoint;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.SandboxOptions;

/** AgentX under real incidents ({@link HarvestIncidents}): two streams side by side, spans of two days. */
class AgentxIncidentsIT extends HarvestIncidents {
    AgentxIncidentsIT() {
        super(new AgentxSandboxSource(), SandboxOptions.builder().seed(29).conversationsPerVendor(40));
    }

    /**
     * The vendor-wide far-future fault lands on whichever stream asks first; here each stream in turn: a
     * conversation record whose {@code startTime} lies far ahead is set aside like a message would be (not
     * sent for Elasticsearch to refuse as a date it cannot hold).
     */
    @Test
    @Order(7)
    void aConversationRecordFromTheFarFutureIsSetAsideToo() throws Exception {
        fresh();
        sandbox.faults().next(Endpoint.AGENTX_CONVERSATIONS, Fault.futureRecord());
        aRecordFromTheFarFutureIsSetAside();
    }

    @Test
    @Order(8)
    void aMessageRecordFromTheFarFutureIsSetAside() throws Exception {
        fresh();
        sandbox.faults().next(Endpoint.AGENTX_MESSAGES, Fault.futureRecord());
        aRecordFromTheFarFutureIsSetAside();
    }
}
