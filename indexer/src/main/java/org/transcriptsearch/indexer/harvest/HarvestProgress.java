package org.transcriptsearch.indexer.harvest;

import java.util.OptionalLong;

/** Live figures of a running harvest, for a progress line. */
@FunctionalInterface
public interface HarvestProgress {
    /**
     * @param expected what the vendor says the harvest holds, in {@code unit}s, when it says
     * @param done     how many {@code unit}s have been read so far
     */
    void update(String source, int pages, long messages, double messagesPerSecond, OptionalLong expected, long done,
                String unit);

    static HarvestProgress none() {
        return (s, p, m, r, e, d, u) -> { };
    }
}
