package org.transcriptsearch.sandbox.http;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a page is computed from, copied off the event loop's request so the computation can run on a
 * worker thread.
 *
 * @param origin {@code http://host:port} as the client addressed the sandbox, for absolute URLs
 */
public record ApiRequest(String method, String path, Map<String, List<String>> query, Optional<String> body,
                         Map<String, String> pathParams, String origin) {

    public static ApiRequest of(RoutingContext ctx) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        ctx.queryParams().forEach(e -> query.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        query.replaceAll((k, v) -> List.copyOf(v));
        Optional<String> body = ctx.body() == null || ctx.body().buffer() == null
                ? Optional.empty()
                : Optional.of(ctx.body().asString());
        var authority = ctx.request().authority();
        String origin = "http://" + (authority != null
                ? authority.toString()
                : ctx.request().localAddress().hostAddress() + ":" + ctx.request().localAddress().port());
        return new ApiRequest(ctx.request().method().name(), ctx.request().path(), Map.copyOf(query), body,
                Map.copyOf(ctx.pathParams()), origin);
    }

    /** The first value of a query parameter, trimmed; empty when absent or blank. */
    public Optional<String> param(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.get(0).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(values.get(0).trim());
    }

    public List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }
}
