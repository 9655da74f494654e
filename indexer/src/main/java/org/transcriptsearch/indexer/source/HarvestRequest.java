package org.transcriptsearch.indexer.source;

import java.util.Map;

/**
 * What the runner asks of a connector for one run: the window, the stored checkpoint of each of the
 * connector's streams (empty when none yet), whether it is a {@code reindex} of a given range (then the
 * checkpoint is informative only: the connector covers the window and nothing else), and the signal that
 * asks it to stop after the page in hand.
 */
public record HarvestRequest(String runId, HarvestWindow window, Map<String, Checkpoint> checkpoints, boolean reindex,
                             StopSignal stop) {
    public HarvestRequest {
        checkpoints = Map.copyOf(checkpoints);
    }

    public HarvestRequest(String runId, HarvestWindow window, Map<String, Checkpoint> checkpoints, boolean reindex) {
        this(runId, window, checkpoints, reindex, StopSignal.never());
    }

    public Checkpoint checkpoint(String stream) {
        return checkpoints.getOrDefault(stream, Checkpoint.empty());
    }
}
