package org.transcriptsearch.indexer.source.kore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.source.RollingRateLimit;
import org.transcriptsearch.indexer.source.RollingRateLimitTest;

/** The limit the Kore connector really builds, measured on a fake clock over three simulated hours. */
class KoreRateLimitTest {
    @Test
    void theConnectorsLimitKeepsSixtyAMinuteAndEighteenHundredAnHourPerBot() {
        KoreSettings settings = KoreSettings.read(new SourceConfig("kore-banking", "kore",
                Map.of("baseUrl", "https://bots.kore.ai", "botId", "st-1", "jwt", "a.b.c")));
        long[] clock = {0};
        RollingRateLimit limit = KoreConnector.newLimit(settings, () -> clock[0]);
        List<Long> starts = RollingRateLimitTest.simulate(limit, clock, "bot", 5400, 300);
        assertEquals(60, RollingRateLimitTest.maxInAnyPeriod(starts, Duration.ofMinutes(1)));
        assertEquals(1800, RollingRateLimitTest.maxInAnyPeriod(starts, Duration.ofHours(1)));
        assertEquals(1800, starts.stream().filter(t -> t < Duration.ofHours(1).toNanos()).count());
    }
}
