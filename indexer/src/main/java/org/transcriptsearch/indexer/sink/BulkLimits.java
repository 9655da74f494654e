package org.transcriptsearch.indexer.sink;

import java.time.Duration;

/**
 * Bounds on the bulk path, which bound the indexer's memory whatever the run size: a request holds at
 * most {@code maxDocs} documents or {@code maxBytes} bytes; at most {@code maxInFlight} requests are
 * outstanding (a caller adding more waits: back-pressure). When Elasticsearch does not answer or refuses
 * with 429/5xx, a request is retried for up to {@code outage} before the run gives up.
 */
public record BulkLimits(int maxDocs, int maxBytes, int maxInFlight, Duration outage) {
    public static BulkLimits defaults() {
        return new BulkLimits(2_000, 4 * 1024 * 1024, 2, Duration.ofMinutes(2));
    }
}
