package org.transcriptsearch.testkit;

/**
 * What one {@code _bulk} item can come back with when a real cluster has an incident: each with the HTTP
 * status, error type and reason wording Elasticsearch 8 uses for it, so that code under test meets the
 * same answers it would meet in production. {@link #retriable()} says which ones a well-behaved writer
 * sends again and which ones it must set aside and report.
 */
public enum ItemFault {
    /** The data node's write thread pool queue is full (transient: retry later). */
    QUEUE_FULL(429, "es_rejected_execution_exception"),
    /** The shard's primary is not active, e.g. while it relocates or its node restarts (transient). */
    SHARD_UNAVAILABLE(503, "unavailable_shards_exception"),
    /** The node holding the primary left the cluster while the item was on its way (transient). */
    NODE_DISCONNECTED(500, "node_disconnected_exception"),
    /** Disk over the flood-stage watermark; Elasticsearch 8 answers 429 so that writers wait for space. */
    DISK_FLOOD_STAGE(429, "cluster_block_exception"),
    /** Someone set {@code index.blocks.write} (403: retrying does not help until the block is lifted). */
    INDEX_WRITE_BLOCKED(403, "cluster_block_exception"),
    /** Another writer stored a newer version, or {@code create} found the document already there. */
    VERSION_CONFLICT(409, "version_conflict_engine_exception"),
    /** The document does not fit the mapping: it can never be stored until the mapping or data changes. */
    MAPPING_ERROR(400, "document_parsing_exception");

    private final int status;
    private final String type;

    ItemFault(int status, String type) {
        this.status = status;
        this.type = type;
    }

    /** The item's HTTP status. */
    public int status() {
        return status;
    }

    /** The item's {@code error.type}. */
    public String type() {
        return type;
    }

    /** Whether Elasticsearch means "try again later" (429 and 5xx) rather than "this will never work". */
    public boolean retriable() {
        return status == 429 || status >= 500;
    }

    /** The item's {@code error.reason} for this operation, worded as Elasticsearch 8.19 words it. */
    public String reason(String opType, String index, String id) {
        return switch (this) {
            case QUEUE_FULL -> "rejected execution of processing of [184467][indices:data/write/bulk[s][p]]: request:"
                    + " BulkShardRequest [[" + index + "][0]] containing [1] requests, target allocation id:"
                    + " 9oXbSvGzQmOq1y0kD3fXzQ, primary term: 1 on EsThreadPoolExecutor[name = es-data-1/write,"
                    + " queue capacity = 10000, org.elasticsearch.common.util.concurrent.EsThreadPoolExecutor@5f1c2c3a"
                    + "[Running, pool size = 2, active threads = 2, queued tasks = 10000, completed tasks = 184467]]";
            case SHARD_UNAVAILABLE -> "[" + index + "][0] primary shard is not active Timeout: [1m], request: "
                    + "[BulkShardRequest [[" + index + "][0]] containing [1] requests]";
            case NODE_DISCONNECTED -> "[es-data-2][10.0.0.12:9300][indices:data/write/bulk[s][p]] disconnected";
            case DISK_FLOOD_STAGE -> "index [" + index + "] blocked by: [TOO_MANY_REQUESTS/12/disk usage exceeded"
                    + " flood-stage watermark, index has read-only-allow-delete block];";
            case INDEX_WRITE_BLOCKED -> "index [" + index + "] blocked by: [FORBIDDEN/8/index write (api)];";
            case VERSION_CONFLICT -> opType.equals("create")
                    ? "[" + id + "]: version conflict, document already exists (current version [1])"
                    : "[" + id + "]: version conflict, current version [2] is higher or equal to the one provided [1]";
            case MAPPING_ERROR -> "[1:234] failed to parse field [entities] of type [flattened] in document with id '"
                    + id + "'. Preview of field's value: 'booking'";
        };
    }
}
