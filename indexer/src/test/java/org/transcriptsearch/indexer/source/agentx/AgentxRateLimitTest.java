package org.transcriptsearch.indexer.source.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.indexer.source.RollingRateLimit;
import org.transcriptsearch.indexer.source.RollingRateLimitTest;

/** The limit the AgentX connector really builds, measured on a fake clock. */
class AgentxRateLimitTest {
    @Test
    void theConnectorsLimitRunsAtThreeASecondPerEndpointNeverOver() {
        long[] clock = {0};
        RollingRateLimit limit = AgentxConnector.newLimit(3, () -> clock[0]);
        List<Long> starts = RollingRateLimitTest.simulate(limit, clock, "messages", 3000, 40);
        assertEquals(3, RollingRateLimitTest.maxInAnyPeriod(starts, Duration.ofSeconds(1)));
        double rate = RollingRateLimitTest.perSecond(starts);
        assertTrue(rate >= 2.85 && rate <= 3.0, "measured " + rate + " requests/s");
    }
}
