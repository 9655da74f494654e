package org.transcriptsearch.indexer.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.metrics.PrometheusMetrics;

/**
 * {@code GET /metrics} on its own small HTTP server (the JDK's), one daemon thread: a scrape is a few
 * milliseconds of formatting. Anything else is a 404 or 405 that says where the metrics are.
 */
final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService thread;
    private final PrometheusMetrics metrics;

    private MetricsEndpoint(HttpServer server, ExecutorService thread, PrometheusMetrics metrics) {
        this.server = server;
        this.thread = thread;
        this.metrics = metrics;
    }

    /** Listens on the options' host and port; a host that does not resolve or a port in use is a {@link ConfigException}. */
    static MetricsEndpoint start(MetricsOptions options, PrometheusMetrics metrics) {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
        } catch (UnknownHostException e) {
            throw new ConfigException(MetricsOptions.HOST + " " + options.host() + " does not resolve");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new ConfigException(MetricsOptions.PORT + " " + options.port() + ": cannot listen on " + options.host()
                    + ":" + options.port() + " (" + e.getMessage() + "); choose another port, or 0 for a free one");
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-endpoint");
            t.setDaemon(true);
            return t;
        });
        MetricsEndpoint endpoint = new MetricsEndpoint(server, thread, metrics);
        server.createContext("/", endpoint::answer);
        server.setExecutor(thread);
        server.start();
        return endpoint;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals("/metrics")) {
                send(exchange, 404, "text/plain; charset=utf-8", "the metrics are at /metrics\n".getBytes(StandardCharsets.UTF_8), true);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "GET /metrics\n".getBytes(StandardCharsets.UTF_8), true);
            } else {
                PrometheusMetrics.Scrape scrape = metrics.scrape(exchange.getRequestHeaders().getFirst("Accept"));
                send(exchange, 200, scrape.contentType(), scrape.body(), method.equals("GET"));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, boolean withBody) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, withBody ? body.length : -1);
        if (withBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
