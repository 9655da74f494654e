package org.transcriptsearch.indexer.source.kore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.indexer.source.HarvestWindow;

class KoreWindowsTest {
    private static final Instant NOW = Instant.parse("2024-07-31T12:00:00Z");

    @Test
    void aMonthBecomesContiguousWindowsEachShorterThanSevenDays() {
        HarvestWindow month = new HarvestWindow(Instant.parse("2024-07-01T00:00:00Z"), Instant.parse("2024-07-31T00:00:00Z"));
        for (Duration size : List.of(Duration.ofDays(6), Duration.ofHours(167), Duration.ofDays(7).minusMillis(1),
                Duration.ofHours(5))) {
            List<HarvestWindow> windows = KoreWindows.plan(month, size, NOW);
            assertEquals(month.from(), windows.get(0).from());
            assertEquals(month.to(), windows.get(windows.size() - 1).to());
            for (int i = 0; i < windows.size(); i++) {
                HarvestWindow w = windows.get(i);
                assertTrue(Duration.between(w.from(), w.to()).compareTo(Duration.ofDays(7)) < 0, w + " is 7 days or more");
                // dateTo - dateFrom as the vendor sees it (millisecond strings) is under 7 days too.
                Duration sent = Duration.between(Instant.parse(KoreWindows.format(w.from())), Instant.parse(KoreWindows.format(w.to())));
                assertTrue(sent.compareTo(Duration.ofDays(7)) < 0, sent.toString());
                if (i > 0) {
                    assertEquals(windows.get(i - 1).to(), w.from(), "windows must neither overlap nor leave gaps");
                }
            }
        }
        assertEquals(5, KoreWindows.plan(month, Duration.ofDays(6), NOW).size());
    }

    @Test
    void windowsNeverReachPastNow() {
        HarvestWindow w = new HarvestWindow(Instant.parse("2024-07-29T00:00:00Z"), Instant.parse("2024-08-10T00:00:00Z"));
        List<HarvestWindow> windows = KoreWindows.plan(w, Duration.ofDays(6), NOW);
        assertEquals(List.of(new HarvestWindow(Instant.parse("2024-07-29T00:00:00Z"), NOW)), windows);
        assertEquals(List.of(), KoreWindows.plan(new HarvestWindow(NOW.plusSeconds(1), NOW.plusSeconds(60)),
                Duration.ofDays(6), NOW));
    }

    @Test
    void sevenDaysOrMoreIsRefused() {
        HarvestWindow w = new HarvestWindow(Instant.parse("2024-07-01T00:00:00Z"), Instant.parse("2024-07-02T00:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> KoreWindows.plan(w, Duration.ofDays(7), NOW));
    }

    @Test
    void datesAreSentAsIsoUtcWithMilliseconds() {
        assertEquals("2019-04-01T13:25:58.515Z", KoreWindows.format(Instant.parse("2019-04-01T13:25:58.515Z")));
        assertEquals("2019-04-01T00:00:00.000Z", KoreWindows.format(Instant.parse("2019-04-01T00:00:00Z")));
    }
}
