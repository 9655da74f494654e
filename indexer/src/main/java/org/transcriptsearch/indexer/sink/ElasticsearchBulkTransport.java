package org.transcriptsearch.indexer.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/** {@link BulkTransport} over the connection's low-level client; answers are handed to {@code context}. */
public final class ElasticsearchBulkTransport implements BulkTransport {
    private static final String FILTER = "?filter_path=errors,items.*.status,items.*.result,items.*.error.type,items.*.error.reason";

    private final ElasticsearchConnection es;
    private final Context context;

    public ElasticsearchBulkTransport(ElasticsearchConnection es, Context context) {
        this.es = es;
        this.context = context;
    }

    @Override
    public Future<JsonNode> bulk(List<BulkItem> items) {
        Request req = new Request("POST", "/_bulk" + FILTER);
        req.setEntity(new BulkBody(items));
        return call(req, false).map(answer -> answer);
    }

    @Override
    public Future<Long> storedVersion(String index, String id) {
        Request req = new Request("GET", "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "?_source=false&realtime=true");
        return call(req, true).map(answer -> answer == null || !answer.path("found").asBoolean(false) ? -1L
                : answer.path("_version").asLong(-1));
    }

    @Override
    public String describe() {
        return es.url();
    }

    /** @param absentIsNull a 404 answers null instead of failing */
    private Future<JsonNode> call(Request req, boolean absentIsNull) {
        Promise<JsonNode> p = Promise.promise();
        es.lowLevel().performRequestAsync(req, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try (InputStream in = response.getEntity().getContent()) {
                    JsonNode answer = es.json().readTree(in);
                    context.runOnContext(v -> p.complete(answer));
                } catch (IOException e) {
                    // A cut or garbled answer: nothing in it can be trusted, so the request counts as unanswered.
                    context.runOnContext(v -> p.fail(new RequestFailure(0, null, "unreadable answer: " + e.getMessage(), e)));
                }
            }

            @Override
            public void onFailure(Exception e) {
                RequestFailure f = classify(e);
                if (absentIsNull && f.status() == 404) {
                    context.runOnContext(v -> p.complete(null));
                } else {
                    context.runOnContext(v -> p.fail(f));
                }
            }
        });
        return p.future();
    }

    private RequestFailure classify(Exception e) {
        if (e instanceof ResponseException re) {
            int status = re.getResponse().getStatusLine().getStatusCode();
            String type = null;
            String reason = "HTTP " + status;
            try (InputStream in = re.getResponse().getEntity() == null ? null : re.getResponse().getEntity().getContent()) {
                if (in != null) {
                    JsonNode err = es.json().readTree(in).path("error");
                    type = err.isTextual() ? null : err.path("type").asText(null);
                    String r = err.isTextual() ? err.asText() : err.path("reason").asText(null);
                    reason = "HTTP " + status + (type == null ? "" : " " + type) + (r == null ? "" : ": " + r);
                }
            } catch (IOException | RuntimeException unreadable) {
                // the status alone still classifies it
            }
            return new RequestFailure(status, type, reason, e);
        }
        String m = e.getMessage();
        return new RequestFailure(0, null, e.getClass().getSimpleName() + (m == null ? "" : ": " + m), e);
    }
}
