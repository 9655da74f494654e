package org.transcriptsearch.indexer.sink;

import java.util.Set;

/**
 * What an Elasticsearch error means for the write that met it, decided once here for whole requests and
 * single bulk items alike, so no caller guesses.
 */
public enum WriteError {
    /**
     * The cluster is busy or part of it is away: 429, 5xx, 408, no answer, a shard not yet active while a
     * node restarts, a full write queue, a tripped circuit breaker, a write block that lifts (flood stage).
     * Send again after a growing, jittered pause, until {@code harvest.outage} has passed.
     */
    RETRIABLE,
    /**
     * 409: another version is stored. A versioned write checks whether what is stored is at least as new
     * (then it is done); any other write is sent again.
     */
    CONFLICT,
    /**
     * The document itself can never be stored as it is (a mapping error, an illegal value, too large). It
     * is set aside with its vendor record, in the dead-letter index, and reported.
     */
    DOCUMENT,
    /** The write cannot succeed and the document is not to blame (no such index, no permission): the run fails. */
    FATAL;

    /** 400s that are about the request or the index, not about the document in it. */
    private static final Set<String> NOT_THE_DOCUMENT = Set.of("action_request_validation_exception",
            "index_closed_exception", "invalid_index_name_exception", "index_not_found_exception",
            "illegal_state_exception");

    /**
     * @param status the HTTP status of the request or the item; 0 when there was no answer at all
     * @param type   Elasticsearch's {@code error.type}, or null
     */
    public static WriteError of(int status, String type) {
        if (status == 0 || status == 408 || status == 429 || status >= 500) {
            return RETRIABLE;
        }
        if (status == 409) {
            return CONFLICT;
        }
        if (status == 403 && "cluster_block_exception".equals(type)) {
            return RETRIABLE; // a read-only block from the disk watermark lifts once space is freed
        }
        if (status == 413) {
            return DOCUMENT;
        }
        if (status == 400) {
            return type != null && NOT_THE_DOCUMENT.contains(type) ? FATAL : DOCUMENT;
        }
        return FATAL;
    }
}
