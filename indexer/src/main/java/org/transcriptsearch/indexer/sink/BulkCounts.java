package org.transcriptsearch.indexer.sink;

import java.util.EnumMap;
import java.util.Map;

/** What Elasticsearch said it did with each acknowledged item, per kind: created, updated, unchanged (noop). */
public final class BulkCounts {
    private final Map<BulkItem.Kind, long[]> counts = new EnumMap<>(BulkItem.Kind.class);

    synchronized void record(BulkItem.Kind kind, String result) {
        long[] c = counts.computeIfAbsent(kind, k -> new long[3]);
        switch (result) {
            case "created" -> c[0]++;
            case "noop" -> c[2]++;
            default -> c[1]++;
        }
    }

    public synchronized long created(BulkItem.Kind kind) {
        return counts.getOrDefault(kind, new long[3])[0];
    }

    public synchronized long updated(BulkItem.Kind kind) {
        return counts.getOrDefault(kind, new long[3])[1];
    }

    public synchronized long unchanged(BulkItem.Kind kind) {
        return counts.getOrDefault(kind, new long[3])[2];
    }

    public synchronized long written(BulkItem.Kind kind) {
        return created(kind) + updated(kind);
    }
}
