package org.transcriptsearch.indexer.source.agentx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.indexer.source.agentx.AgentxWindows.Span;

class AgentxWindowsTest {
    @Test
    void spansCoverTheWindowInUnixSecondsSharingTheirBoundaries() {
        Instant from = Instant.parse("2024-07-01T00:00:00.250Z");
        Instant to = Instant.parse("2024-07-03T12:00:00.500Z");
        List<Span> spans = AgentxWindows.plan(from, to, Duration.ofDays(1));
        assertEquals(3, spans.size());
        assertEquals(from.getEpochSecond(), spans.get(0).startTime(), "start rounds down");
        assertEquals(to.getEpochSecond() + 1, spans.get(2).endTime(), "end rounds up");
        assertEquals(to, spans.get(2).through());
        for (int i = 1; i < spans.size(); i++) {
            assertTrue(spans.get(i).startTime() <= spans.get(i - 1).endTime(), "no second falls between two spans");
            assertEquals(spans.get(i - 1).through(), Instant.ofEpochSecond(spans.get(i).startTime(),
                    spans.get(i - 1).through().getNano()));
        }
    }

    @Test
    void anEmptyWindowHasNoSpans() {
        Instant t = Instant.parse("2024-07-01T00:00:00Z");
        assertEquals(List.of(), AgentxWindows.plan(t, t, Duration.ofDays(1)));
    }
}
