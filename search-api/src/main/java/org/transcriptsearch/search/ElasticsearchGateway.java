package org.transcriptsearch.search;

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
 * blocks the event loop: the body is read and parsed on the client's I/O thread.
 */
final class ElasticsearchGateway {
    private final Vertx vertx;
    private final RestClient client;
    private final Duration timeout;
    private final RequestOptions options;

    ElasticsearchGateway(Vertx vertx, RestClient client, Duration timeout) {
        this.vertx = vertx;
        this.client = client;
        this.timeout = timeout;
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
                context.runOnContext(v -> {
                    if (outcome instanceof JsonObject json) {
                        promise.tryComplete(json);
                    } else {
                        promise.tryFail((Throwable) outcome);
                    }
                });
            }

            @Override
            public void onFailure(Exception e) {
                ApiError error = classify(e);
                context.runOnContext(v -> promise.tryFail(error));
            }
        });
        long timer = vertx.setTimer(timeout.toMillis(), id -> {
            if (promise.tryFail(tooSlow(null))) {
                cancellable.cancel();
            }
        });
        return promise.future().andThen(done -> vertx.cancelTimer(timer));
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
