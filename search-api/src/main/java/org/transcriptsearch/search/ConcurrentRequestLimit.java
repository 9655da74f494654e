package org.transcriptsearch.search;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code perCaller} {@code /api} requests in flight per caller: per API key when keys are
 * configured, else per client address. One caller's burst of expensive searches (every page runs
 * aggregations and highlighting) then cannot take every Elasticsearch search thread from the others.
 * Beyond the bound: 429 with {@code Retry-After}. A slot is freed when the answer ends or the client
 * goes away.
 */
final class ConcurrentRequestLimit {
    static final int DEFAULT_PER_CALLER = 8;
    static final String RETRY_AFTER_SECONDS = "1";

    private final int perCaller;
    private final boolean byKey;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    /** @param byKey callers are told apart by their key (keys are configured and checked before this) */
    ConcurrentRequestLimit(int perCaller, boolean byKey) {
        if (perCaller < 1) {
            throw new IllegalArgumentException("the concurrent request limit must be at least 1, not " + perCaller);
        }
        this.perCaller = perCaller;
        this.byKey = byKey;
    }

    void admit(RoutingContext ctx) {
        String caller = caller(ctx);
        if (inFlight.merge(caller, 1, Integer::sum) > perCaller) {
            release(caller);
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ctx.fail(ApiError.tooManyRequests("more than " + perCaller + " requests at once from this "
                    + (byKey ? "API key" : "client") + ": wait for an answer before sending the next request "
                    + "(the server's limit is SEARCH_API_CONCURRENCY)"));
            return;
        }
        ctx.addEndHandler(done -> release(caller));
        ctx.next();
    }

    private String caller(RoutingContext ctx) {
        if (byKey) {
            // Checked before this handler: "Bearer <key>", the scheme in any case; one bucket per key however spelt.
            String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            return "key " + (authorization == null || authorization.length() < 7 ? "" : authorization.substring(7).trim());
        }
        SocketAddress address = ctx.request().remoteAddress();
        return "address " + (address == null ? "" : address.hostAddress());
    }

    private void release(String caller) {
        inFlight.computeIfPresent(caller, (c, n) -> n <= 1 ? null : n - 1);
    }
}
