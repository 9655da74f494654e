package org.transcriptsearch.indexer.state;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.secrets.Redactor;

/** Run history documents in the runs alias. Blocking calls: run them off the event loop. */
public final class RunHistory {
    private final ElasticsearchConnection es;
    private final String index;
    private final Redactor redactor;

    /** {@code redactor}: every run's reason and errors pass it (the one place they are masked before they are stored). */
    public RunHistory(ElasticsearchConnection es, IndexNames names, Redactor redactor) {
        this.es = es;
        this.index = names.runs();
        this.redactor = redactor;
    }

    public void save(HarvestRun unmasked) {
        HarvestRun run = unmasked.redacted(redactor);
        Request req = new Request("PUT", "/" + index + "/_doc/" + URLEncoder.encode(run.documentId(), StandardCharsets.UTF_8)
                + "?refresh=true");
        try {
            req.setEntity(new NStringEntity(es.json().writeValueAsString(run), ContentType.APPLICATION_JSON));
            es.lowLevel().performRequest(req);
        } catch (IOException e) {
            throw new StateException("could not write the run history of " + run.source() + " to " + index + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Marks the source's runs still {@code running} (but {@code exceptRun}) as {@code abandoned}: their
     * process died or lost the lease, which the caller now holds.
     */
    public void abandonRunning(String source, String exceptRun) {
        Request req = new Request("POST", "/" + index + "/_search");
        String body = "{\"size\":100,\"_source\":false,\"query\":{\"bool\":{\"filter\":[{\"term\":{\"source\":"
                + es.json().valueToTree(source) + "}},{\"term\":{\"outcome\":\"running\"}}],\"must_not\":[{\"term\":"
                + "{\"run.id\":" + es.json().valueToTree(exceptRun) + "}}]}}}";
        req.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        try {
            JsonNode r = es.json().readTree(es.lowLevel().performRequest(req).getEntity().getContent());
            for (JsonNode hit : r.path("hits").path("hits")) {
                Request update = new Request("POST", "/" + hit.path("_index").asText() + "/_update/"
                        + URLEncoder.encode(hit.path("_id").asText(), StandardCharsets.UTF_8) + "?refresh=true");
                update.setEntity(new NStringEntity("{\"doc\":{\"outcome\":\"" + HarvestRun.ABANDONED + "\",\"reason\":"
                        + "\"its process died or lost the lease before the run ended; the next run resumed from the checkpoints\"}}",
                        ContentType.APPLICATION_JSON));
                es.lowLevel().performRequest(update);
            }
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() != 404) {
                throw new StateException("could not mark abandoned runs in " + index + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new StateException("could not mark abandoned runs in " + index + ": " + e.getMessage(), e);
        }
    }

    /**
     * When the newest {@code command} run of a source that finished its window ({@code succeeded} or
     * {@code partial}) ended; empty when none did (or there is no history yet).
     */
    public Optional<Instant> lastFinished(String source, String command) {
        Request req = new Request("POST", "/" + index + "/_search");
        String body = "{\"size\":1,\"sort\":[{\"finished_at\":{\"order\":\"desc\",\"unmapped_type\":\"date\"}}],"
                + "\"_source\":[\"finished_at\"],\"query\":{\"bool\":{\"filter\":[{\"term\":{\"source\":"
                + es.json().valueToTree(source) + "}},{\"term\":{\"run.command\":" + es.json().valueToTree(command) + "}},"
                + "{\"terms\":{\"outcome\":[\"" + HarvestRun.SUCCEEDED + "\",\"" + HarvestRun.PARTIAL + "\"]}},"
                + "{\"exists\":{\"field\":\"finished_at\"}}]}}}";
        req.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        try {
            JsonNode r = es.json().readTree(es.lowLevel().performRequest(req).getEntity().getContent());
            JsonNode at = r.path("hits").path("hits").path(0).path("_source").path("finished_at");
            return at.isTextual() ? Optional.of(Instant.parse(at.asText())) : Optional.empty();
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new StateException("could not read the run history from " + index + ": " + e.getMessage(), e);
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new StateException("could not read the run history from " + index + ": " + e.getMessage(), e);
        }
    }

    /** The newest {@code limit} runs of a source, newest first (harvest, reindex and rebuild runs: not the forget audit). */
    public List<HarvestRun> latest(String source, int limit) {
        Request req = new Request("POST", "/" + index + "/_search");
        String body = "{\"size\":" + limit + ",\"sort\":[{\"@timestamp\":\"desc\"}],\"query\":{\"bool\":{\"filter\":"
                + "{\"term\":{\"source\":" + es.json().valueToTree(source) + "}},\"must_not\":{\"term\":{\"run.command\":\"forget\"}}}}}";
        req.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        try {
            JsonNode r = es.json().readTree(es.lowLevel().performRequest(req).getEntity().getContent());
            List<HarvestRun> out = new ArrayList<>();
            for (JsonNode hit : r.path("hits").path("hits")) {
                out.add(es.json().treeToValue(hit.path("_source"), HarvestRun.class));
            }
            return out;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return List.of();
            }
            throw new StateException("could not read the run history from " + index + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StateException("could not read the run history from " + index + ": " + e.getMessage(), e);
        }
    }
}
