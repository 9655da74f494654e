package org.transcriptsearch.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The limiter's schedule measured on a fake clock: callers that wait their reservation and then spend
 * a random service time, exactly as a harvester does, for hours of simulated time in milliseconds.
 */
public class RollingRateLimitTest {
    static final long MS = 1_000_000L;

    /**
     * Runs {@code calls} sequential callers on {@code key}, each answered after a random service time
     * (reported with {@link RollingRateLimit#completed}); returns when each reached the vendor (nanos),
     * a random moment between its start and its answer, which is when the vendor counts it.
     */
    public static List<Long> simulate(RollingRateLimit limit, long[] clock, String key, int calls, long maxServiceMs) {
        Random random = new Random(42);
        List<Long> arrivals = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            clock[0] += limit.reserve(key);
            long service = (long) (random.nextDouble() * maxServiceMs * MS);
            arrivals.add(clock[0] + (long) (random.nextDouble() * service));
            clock[0] += service;
            limit.completed(key);
        }
        arrivals.sort(null);
        return arrivals;
    }

    public static int maxInAnyPeriod(List<Long> starts, Duration period) {
        int max = 0;
        int lo = 0;
        for (int hi = 0; hi < starts.size(); hi++) {
            while (starts.get(hi) - starts.get(lo) >= period.toNanos()) {
                lo++;
            }
            max = Math.max(max, hi - lo + 1);
        }
        return max;
    }

    public static double perSecond(List<Long> starts) {
        return (starts.size() - 1) * 1e9 / (starts.get(starts.size() - 1) - starts.get(0));
    }

    @Test
    void agentxRunsAtThreeASecondPerEndpointAndNeverOver() {
        long[] clock = {0};
        RollingRateLimit limit = new RollingRateLimit(List.of(new RollingRateLimit.Rule(3, Duration.ofSeconds(1))),
                Duration.ofMillis(25), () -> clock[0]);
        List<Long> starts = simulate(limit, clock, "messages", 3000, 40);
        assertEquals(3, maxInAnyPeriod(starts, Duration.ofSeconds(1)));
        double rate = perSecond(starts);
        assertTrue(rate <= 3.0 && rate >= 2.85, "measured " + rate + " requests/s");
    }

    @Test
    void slowAnswersNeverLetTheVendorCountMoreThanTheRule() {
        long[] clock = {0};
        RollingRateLimit limit = new RollingRateLimit(List.of(new RollingRateLimit.Rule(3, Duration.ofSeconds(1))),
                Duration.ZERO, () -> clock[0]);
        // Answers of up to 2 s: arrivals may lag their start by almost that much.
        List<Long> arrivals = simulate(limit, clock, "messages", 2000, 2000);
        assertTrue(maxInAnyPeriod(arrivals, Duration.ofSeconds(1)) <= 3);
    }

    @Test
    void agentxEndpointsHaveTheirOwnBudget() {
        long[] clock = {0};
        RollingRateLimit limit = new RollingRateLimit(List.of(new RollingRateLimit.Rule(3, Duration.ofSeconds(1))),
                Duration.ofMillis(25), () -> clock[0]);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, limit.reserve("messages"));
            assertEquals(0, limit.reserve("conversations"));
        }
        assertEquals(1025 * MS, limit.reserve("messages"));
        assertEquals(1025 * MS, limit.reserve("conversations"));
    }

    @Test
    void koreKeepsSixtyAMinuteAndEighteenHundredAnHour() {
        long[] clock = {0};
        RollingRateLimit limit = new RollingRateLimit(List.of(new RollingRateLimit.Rule(60, Duration.ofMinutes(1)),
                new RollingRateLimit.Rule(1800, Duration.ofHours(1))), Duration.ofMillis(250), () -> clock[0]);
        List<Long> starts = simulate(limit, clock, "bot", 5400, 800);
        assertEquals(60, maxInAnyPeriod(starts, Duration.ofMinutes(1)));
        assertEquals(1800, maxInAnyPeriod(starts, Duration.ofHours(1)));
        // At the rate, not under it: the whole hourly budget is used in each of the first two hours.
        assertEquals(1800, starts.stream().filter(t -> t < Duration.ofHours(1).toNanos()).count());
        assertEquals(3600, starts.stream().filter(t -> t < Duration.ofHours(2).toNanos()).count());
    }

    @Test
    void aBurstOfSixtyStartsAtOnceThenTheSixtyFirstWaitsTheMinute() {
        long[] clock = {0};
        RollingRateLimit limit = new RollingRateLimit(List.of(new RollingRateLimit.Rule(60, Duration.ofMinutes(1))),
                Duration.ZERO, () -> clock[0]);
        for (int i = 0; i < 60; i++) {
            assertEquals(0, limit.reserve("bot"));
        }
        assertEquals(Duration.ofMinutes(1).toNanos(), limit.reserve("bot"));
    }

    @Test
    void reservationsHandedOutTogetherAreQueuedInOrder() {
        long[] clock = {0};
        RollingRateLimit limit = new RollingRateLimit(List.of(new RollingRateLimit.Rule(1, Duration.ofSeconds(1))),
                Duration.ZERO, () -> clock[0]);
        assertEquals(0, limit.reserve("e"));
        assertEquals(1000 * MS, limit.reserve("e"));
        assertEquals(2000 * MS, limit.reserve("e"));
    }
}
