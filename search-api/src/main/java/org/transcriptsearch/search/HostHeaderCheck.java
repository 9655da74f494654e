package org.transcriptsearch.search;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Without keys the API trusts whoever reaches it, which on loopback means this machine's own users.
 * A web page in their browser can reach it too: its server points its own name at 127.0.0.1 (DNS
 * rebinding) and the browser then treats the API as the page's origin. Such requests still carry the
 * page's name in {@code Host}, so they are refused (421) unless it is a loopback name or the host the
 * API was told to listen on, with or without a port.
 */
final class HostHeaderCheck implements Handler<RoutingContext> {
    private final Set<String> allowed = new TreeSet<>(Set.of("localhost", "127.0.0.1", "[::1]"));

    HostHeaderCheck(String configuredHost) {
        String host = configuredHost.toLowerCase(Locale.ROOT);
        allowed.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
    }

    /** Only a loopback listener without keys needs it: keys are what a rebinding page cannot send. */
    static boolean needed(SearchServerOptions options) {
        return options.apiKeys().isEmpty() && SearchServer.isLoopback(options.host());
    }

    @Override
    public void handle(RoutingContext ctx) {
        String host = ctx.request().getHeader(HttpHeaders.HOST);
        if (host != null && allowed.contains(name(host))) {
            ctx.next();
            return;
        }
        String shown = host == null ? "no Host header"
                : "Host '" + (host.length() > 100 ? host.substring(0, 100) + "..." : host) + "'";
        ctx.fail(ApiError.misdirected("this search API has no keys and listens on loopback, so it answers only "
                + "requests addressed to " + String.join(", ", allowed) + "; " + shown + " is refused (a web "
                + "page may have pointed its own name at this machine: DNS rebinding). Open "
                + "http://127.0.0.1:" + ctx.request().localAddress().port() + " instead, or set SEARCH_API_KEYS"));
    }

    /** The host name of a Host header, without its port: {@code [::1]:8080} gives {@code [::1]}. */
    static String name(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        int end = h.startsWith("[") ? h.indexOf(']') + 1 : h.lastIndexOf(':');
        if (end <= 0 || end == h.length()) {
            return h;
        }
        String rest = h.substring(end);
        return rest.matches(":[0-9]{1,5}") ? h.substring(0, end) : h;
    }
}
