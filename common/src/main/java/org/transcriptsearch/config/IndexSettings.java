package org.transcriptsearch.config;

/**
 * Index naming and sizing. {@code replicas == null} means "as fits the cluster": 0 on the embedded
 * single node, 1 elsewhere.
 */
public record IndexSettings(String prefix, Integer shards, Integer replicas) {
    public static final String DEFAULT_PREFIX = "transcripts";

    public static IndexSettings defaults() {
        return new IndexSettings(DEFAULT_PREFIX, null, null);
    }

    public IndexSettings {
        if (prefix == null || prefix.isBlank()) {
            prefix = DEFAULT_PREFIX;
        }
    }
}
