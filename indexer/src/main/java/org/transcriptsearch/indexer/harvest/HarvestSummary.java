package org.transcriptsearch.indexer.harvest;

import java.time.Duration;
import org.transcriptsearch.indexer.forget.SuppressionFilter;
import org.transcriptsearch.indexer.source.HarvestWindow;
import org.transcriptsearch.indexer.state.HarvestRun;

/**
 * What one run of one source did: printed by the commands, stored (as a {@code HarvestRun}) in the run history.
 * {@code suppressed}: what it read but did not store because a {@code forget} covers it (not a failure).
 */
public record HarvestSummary(String source, String vendor, HarvestWindow window, String outcome, String reason,
                             int pages, long vendorCalls, long messagesSeen, long messagesNew, long messagesUpdated,
                             long conversationsNew, long conversationsUpdated, int setAside, Duration duration,
                             SuppressionFilter.Counts suppressed) {
    /** The run lost its lease midway and wrote nothing more (not stored: the next holder marks it abandoned). */
    public static final String LEASE_LOST = "lease lost";
    /** Another harvester held the source: the run did not start. */
    public static final String REFUSED = "refused";

    /** Did not store everything of its window: its checkpoints stay at the last point stored in full. */
    public boolean failed() {
        return HarvestRun.FAILED.equals(outcome) || LEASE_LOST.equals(outcome) || REFUSED.equals(outcome);
    }

    public boolean stopped() {
        return HarvestRun.STOPPED.equals(outcome);
    }

    /** Finished, but set records aside. */
    public boolean partial() {
        return HarvestRun.PARTIAL.equals(outcome);
    }

    public double ratePerSecond() {
        double s = duration.toMillis() / 1000.0;
        return s <= 0 ? messagesSeen : messagesSeen / s;
    }
}
