package org.transcriptsearch.indexer.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import org.elasticsearch.client.Request;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/**
 * The one clock leases are measured by. Harvesters on different hosts disagree about the time; the
 * cluster that stores the lease is the one party they all ask, so lease times are written and compared
 * in its time, never the local one.
 */
@FunctionalInterface
public interface ClusterClock {
    Instant now();

    static ClusterClock of(Clock clock) {
        return clock::instant;
    }

    /** The time of the node that answers (its node stats timestamp, in milliseconds). */
    static ClusterClock of(ElasticsearchConnection es) {
        return () -> {
            try {
                JsonNode r = es.json().readTree(es.lowLevel().performRequest(
                        new Request("GET", "/_nodes/_local/stats/os?filter_path=nodes.*.timestamp")).getEntity().getContent());
                Iterator<JsonNode> nodes = r.path("nodes").elements();
                if (nodes.hasNext()) {
                    long ms = nodes.next().path("timestamp").asLong(0);
                    if (ms > 0) {
                        return Instant.ofEpochMilli(ms);
                    }
                }
                throw new StateException("Elasticsearch at " + es.url() + " did not say its time (node stats)", null);
            } catch (IOException e) {
                throw new StateException("could not read the time of Elasticsearch at " + es.url() + ": " + e.getMessage(), e);
            }
        };
    }
}
