package org.transcriptsearch.indexer.source;

import java.util.Map;

/**
 * What the runner asks of a connector for one run: the window, the stored checkpoint of each of the
 * connector's streams (empty when none yet), and whether it is a {@code reindex} of a given range
 * (then the checkpoint is informative only: the connector covers the window and nothing else).
 */
public record HarvestRequest(String runId, HarvestWindow window, Map<String, Checkpoint> checkpoints, boolean reindex) {
    public HarvestRequest {
        checkpoints = Map.copyOf(checkpoints);
    }

    public Checkpoint checkpoint(String stream) {
        return checkpoints.getOrDefault(stream, Checkpoint.empty());
    }
}
