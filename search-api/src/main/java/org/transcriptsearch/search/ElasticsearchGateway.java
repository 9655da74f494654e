package org.transcriptsearch.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Cancellable;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

/**
 * Elasticsearch as Vert.x futures: the REST client's async calls, answered back on the caller's context,
 * each with a deadline, and every failure turned into an {@link ApiError} a user can act on (503 when
 * Elasticsearch is down, slow or missing its indices). Their messages never hold Elasticsearch's URL:
 * they reach API clients, and the URL is an internal address that may carry credentials. Nothing here
 * blocks the event loop: the body is read and parsed on the client's I/O thread. Every call is timed
 * ({@code transcripts_api_elasticsearch_requests_seconds}) by operation, outcome and Elasticsearch's status.
 */
final class ElasticsearchGateway {
    private final Vertx vertx;
    private final RestClient client;
    private final Duration timeout;
    private final RequestOptions options;
    private final MeterRegistry meters;

    ElasticsearchGateway(Vertx vertx, RestClient client, Duration timeout, MeterRegistry meters) {
        this.vertx = vertx;
        this.client = client;
        this.timeout = timeout;
        this.meters = meters;
        this.options = RequestOptions.DEFAULT.toBuilder()
                .setRequestConfig(RequestConfig.custom()
                        .setConnectTimeout((int) Math.min(timeout.toMillis(), 3_000))
                        .setConnectionRequestTimeout((int) timeout.toMillis())
                        .setSocketTimeout((int) timeout.toMillis())
                        .build())
                .build();
    }

    Future<JsonObject> send(ElasticsearchCall call) {
        Context context = vertx.getOrCreateContext();
        Promise<JsonObject> promise = Promise.promise();
        long start = System.nanoTime();
        String operation = operation(call.path());
        Request request = new Request(call.method(), call.path());
        if (call.body() != null) {
            request.setEntity(new NStringEntity(withSearchTimeout(call).encode(), ContentType.APPLICATION_JSON));
        }
        request.setOptions(options);
        Cancellable cancellable = client.performRequestAsync(request, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                Object result;
                try {
                    String body = response.getEntity() == null ? "{}"
                            : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
                    result = new JsonObject(body);
                } catch (IOException | DecodeException e) {
                    result = ApiError.upstream("Elasticsearch sent an unreadable answer", e);
                }
                Object outcome = result;
                int status = response.getStatusLine().getStatusCode();
                context.runOnContext(v -> {
                    if (outcome instanceof JsonObject json) {
                        if (promise.tryComplete(json)) {
                            timed(start, operation, "ok", status);
                        }
                    } else if (promise.tryFail((Throwable) outcome)) {
                        timed(start, operation, "unreadable", status);
                    }
                });
            }

            @Override
            public void onFailure(Exception e) {
                ApiError error = classify(e);
                int status = e instanceof ResponseException re ? re.getResponse().getStatusLine().getStatusCode() : 0;
                String outcome = status != 0 ? "error" : rootCause(e) instanceof SocketTimeoutException ? "timeout"
                        : "unreachable";
                context.runOnContext(v -> {
                    if (promise.tryFail(error)) {
                        timed(start, operation, outcome, status);
                    }
                });
            }
        });
        long timer = vertx.setTimer(timeout.toMillis(), id -> {
            if (promise.tryFail(tooSlow(null))) {
                timed(start, operation, "timeout", 0);
                cancellable.cancel();
            }
        });
        return promise.future().andThen(done -> vertx.cancelTimer(timer));
    }

    /**
     * What kind of request a path is, for the meters: {@code search}, {@code msearch}, {@code count},
     * {@code get}, {@code cluster_health} or {@code other}; never the index name or an id.
     */
    static String operation(String path) {
        if (path.endsWith("/_search")) {
            return "search";
        }
        if (path.endsWith("/_msearch")) {
            return "msearch";
        }
        if (path.endsWith("/_count")) {
            return "count";
        }
        if (path.contains("/_doc/") || path.endsWith("/_mget")) {
            return "get";
        }
        return path.equals("/_cluster/health") ? "cluster_health" : "other";
    }

    /** {@code status} 0: no answer (a timeout, a refused or cut connection). */
    private void timed(long start, String operation, String outcome, int status) {
        Timer.builder(ApiMetrics.ELASTICSEARCH_REQUESTS)
                .description("The search API's requests to Elasticsearch by operation, outcome and Elasticsearch's HTTP status")
                .tag("operation", operation)
                .tag("outcome", outcome)
                .tag("status", status == 0 ? "none" : Integer.toString(status))
                .serviceLevelObjectives(ApiMetrics.BUCKETS)
                .register(meters)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    /**
     * A search stops itself at three quarters of the deadline and answers with what it found
     * ({@code timed_out: true}, see {@link Completeness}), leaving the last quarter for the answer's way
     * back; the client-side deadline above catches a cluster that does not answer at all.
     */
    private JsonObject withSearchTimeout(ElasticsearchCall call) {
        if (!call.path().endsWith("/_search") || call.body().containsKey("timeout")) {
            return call.body();
        }
        return call.body().copy().put("timeout", searchTimeout().toMillis() + "ms");
    }

    private Duration searchTimeout() {
        return timeout.multipliedBy(3).dividedBy(4);
    }

    private ApiError classify(Exception e) {
        if (e instanceof ResponseException re) {
            int status = re.getResponse().getStatusLine().getStatusCode();
            String reason = errorType(re);
            if (status == 404 && reason.contains("index_not_found")) {
                return ApiError.unavailable("the transcript indices are missing in Elasticsearch: run `java -jar indexer/target/indexer.jar setup` (and a harvest) first", e);
            }
            if (status == 401 || status == 403) {
                return ApiError.unavailable("Elasticsearch refused the search API's credentials (HTTP "
                        + status + "): check ES_API_KEY or ES_USERNAME/ES_PASSWORD", e);
            }
            if (status == 429 || status >= 500) {
                return ApiError.unavailable("Elasticsearch is unavailable or overloaded (HTTP " + status
                        + (reason.isEmpty() ? "" : ", " + reason) + "); try again shortly", e);
            }
            return ApiError.upstream("Elasticsearch rejected the request (HTTP " + status
                    + (reason.isEmpty() ? "" : ", " + reason) + ")", e);
        }
        if (rootCause(e) instanceof SocketTimeoutException) {
            // The client's socket timeout and the deadline above are the same: whichever fires first, one message.
            return tooSlow(e);
        }
        String why = e instanceof ConnectException || rootCause(e) instanceof ConnectException
                ? "refuses connections" : "cannot be reached (" + rootCause(e).getClass().getSimpleName() + ")";
        return ApiError.unavailable("Elasticsearch " + why
                + ": check that it is running (java -jar indexer/target/indexer.jar local-es status) and that ES_URL is right", e);
    }

    private ApiError tooSlow(Exception cause) {
        return ApiError.unavailable("Elasticsearch did not answer within " + timeout.toMillis()
                + " ms; try again shortly, or check the cluster's load", cause);
    }

    private static String errorType(ResponseException e) {
        try {
            String body = EntityUtils.toString(e.getResponse().getEntity(), StandardCharsets.UTF_8);
            JsonObject error = new JsonObject(body).getJsonObject("error");
            return error == null ? "" : error.getString("type", "");
        } catch (IOException | RuntimeException notJson) {
            return "";
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
