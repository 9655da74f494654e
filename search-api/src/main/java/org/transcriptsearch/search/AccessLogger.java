package org.transcriptsearch.search;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.secrets.Redactor;

/**
 * One line per request on logger {@code org.transcriptsearch.search.access}: method, path, the names of
 * the query parameters, status and time. Parameter values stay out ({@code q} is what customers said:
 * personal data) unless {@link SearchServerOptions.AccessLog#QUERIES} asks for them, and even then
 * credential-looking values are masked. Never headers: they carry the keys.
 */
final class AccessLogger implements Handler<RoutingContext> {
    static final String LOGGER = "org.transcriptsearch.search.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    /** A parameter name worth showing; anything else typed into the name slot could be anything. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,31}");

    private final boolean values;
    private final Redactor redactor;

    AccessLogger(boolean values, Redactor redactor) {
        this.values = values;
        this.redactor = redactor;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        ctx.addEndHandler(done -> LOG.info("{} {} {} {} ms", ctx.request().method(), target(ctx.request()),
                ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000));
        ctx.next();
    }

    private String target(HttpServerRequest request) {
        return values ? redactor.redact(request.uri()) : withoutValues(request.path(), request.query());
    }

    /** {@code /api/search?q=***&size=***}: which parameters were sent, not what they said. */
    static String withoutValues(String path, String query) {
        if (query == null || query.isEmpty()) {
            return path;
        }
        List<String> parameters = new ArrayList<>();
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            boolean valued = eq >= 0 && eq < pair.length() - 1;
            parameters.add((NAME.matcher(name).matches() ? name : Redactor.MASK) + (valued ? "=" + Redactor.MASK : ""));
        }
        return path + "?" + String.join("&", parameters);
    }
}
