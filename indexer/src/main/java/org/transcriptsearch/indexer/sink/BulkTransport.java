package org.transcriptsearch.indexer.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import java.util.List;

/**
 * How a {@link BulkWriter} reaches Elasticsearch. Every future completes on the writer's context. A
 * request that gets no answer or an error answer fails with a {@link RequestFailure}.
 */
public interface BulkTransport {
    /** Sends the items as one {@code _bulk}; the answer's {@code items} line up with them. */
    Future<JsonNode> bulk(List<BulkItem> items);

    /** The stored document's version (a real-time get), or -1 when there is none. */
    Future<Long> storedVersion(String index, String id);

    /** Where writes go, for messages (credentials masked). */
    String describe();

    /** A whole request failed: its HTTP status (0 when there was no answer) and Elasticsearch's error type. */
    final class RequestFailure extends Exception {
        private final int status;
        private final String type;

        public RequestFailure(int status, String type, String message, Throwable cause) {
            super(message, cause, false, false);
            this.status = status;
            this.type = type;
        }

        public int status() {
            return status;
        }

        public String type() {
            return type;
        }
    }
}
