package org.transcriptsearch.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * A whole request the {@link FaultProxy} answers itself, never sending it on: either an error status with
 * the body Elasticsearch gives for it, or a connection closed without any answer.
 *
 * @param status the HTTP status to answer, or {@link #CUT} to close the connection instead
 */
record RequestFault(int status) {
    static final int CUT = 0;

    boolean cut() {
        return status == CUT;
    }

    /** An Elasticsearch error body for this status; for 429 and 503 what a real cluster says. */
    byte[] body(String path) {
        String type = switch (status) {
            case 429 -> "es_rejected_execution_exception";
            case 503 -> "cluster_block_exception";
            default -> "status_exception";
        };
        String reason = switch (status) {
            // indexing pressure: the coordinating node already holds as many bulk bytes as it may
            case 429 -> "rejected execution of coordinating operation [coordinating_and_primary_bytes=53687091,"
                    + " replica_bytes=0, all_bytes=53687091, coordinating_operation_bytes=4194304,"
                    + " max_coordinating_and_primary_bytes=53687091]";
            // no elected master, as while the cluster re-forms after losing nodes
            case 503 -> "blocked by: [SERVICE_UNAVAILABLE/2/no master];";
            default -> "HTTP " + status + " for [" + path + "] (injected by FaultProxy)";
        };
        ObjectNode answer = BulkSplit.JSON.createObjectNode();
        ObjectNode error = answer.putObject("error");
        error.putArray("root_cause").addObject().put("type", type).put("reason", reason);
        error.put("type", type).put("reason", reason);
        answer.put("status", status);
        try {
            return BulkSplit.JSON.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
