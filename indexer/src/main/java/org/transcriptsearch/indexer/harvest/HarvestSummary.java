package org.transcriptsearch.indexer.harvest;

import java.time.Duration;
import org.transcriptsearch.indexer.source.HarvestWindow;

/** What one run of one source did: printed by the commands, stored (as a {@code HarvestRun}) in the run history. */
public record HarvestSummary(String source, String vendor, HarvestWindow window, String outcome, String reason,
                             int pages, long vendorCalls, long messagesSeen, long messagesNew, long messagesUpdated,
                             long conversationsNew, long conversationsUpdated, int setAside, Duration duration) {
    public boolean failed() {
        return org.transcriptsearch.indexer.state.HarvestRun.FAILED.equals(outcome);
    }

    public double ratePerSecond() {
        double s = duration.toMillis() / 1000.0;
        return s <= 0 ? messagesSeen : messagesSeen / s;
    }
}
