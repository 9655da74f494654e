package org.transcriptsearch.indexer.forget;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.state.StateException;

/**
 * The audit entry of one forget, in the runs index ({@code run.command: forget}): who (operating-system user
 * and host), when, what (scope, source, the suppression's digest), how many documents of each kind were
 * deleted from which index, and the outcome. Holds no personal data: no id in clear, no text.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForgetAudit(
        @JsonProperty("@timestamp") Instant startedAt,
        Run run,
        String source,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("duration_ms") Long durationMs,
        String outcome,
        String reason,
        Forget forget,
        Erased erased) {

    public static final String COMMAND = "forget";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String id, String command, String host, String user) {
    }

    public record Forget(String scope, String digest) {
    }

    public record Erased(long messages, long conversations, @JsonProperty("set_aside") long setAside,
                         @JsonProperty("by_index") List<ByIndex> byIndex) {
        static Erased of(Erasure.Result r) {
            return new Erased(r.messages(), r.conversations(), r.setAside(),
                    r.byIndex().entrySet().stream().map(e -> new ByIndex(e.getKey(), e.getValue())).toList());
        }
    }

    public record ByIndex(String index, long documents) {
    }

    @JsonIgnore
    public String documentId() {
        return COMMAND + ":" + run.id();
    }

    /** Writes it to the runs alias, refreshed (the next {@code status} sees it). */
    public void save(ElasticsearchConnection es, IndexNames names) {
        Request req = new Request("PUT", "/" + names.runs() + "/_doc/" + URLEncoder.encode(documentId(), StandardCharsets.UTF_8)
                + "?refresh=true");
        try {
            req.setEntity(new NStringEntity(es.json().writeValueAsString(this), ContentType.APPLICATION_JSON));
            es.lowLevel().performRequest(req);
        } catch (IOException e) {
            throw new StateException("could not write the audit entry of the forget to " + names.runs() + ": " + e.getMessage(), e);
        }
    }
}
