package org.transcriptsearch.search;

import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/**
 * The search API running in this process: {@code SearchServer.start(options)} returns once it listens;
 * {@link #close()} stops it (and the Elasticsearch connection, if it opened that itself).
 * The CLI ({@link SearchApiMain}), the demo and the tests all start it this way.
 */
public final class SearchServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchServer.class);

    private final Vertx vertx;
    private final ElasticsearchConnection ownConnection;
    private final String host;
    private final int port;

    private SearchServer(Vertx vertx, ElasticsearchConnection ownConnection, String host, int port) {
        this.vertx = vertx;
        this.ownConnection = ownConnection;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts the API and blocks until it listens.
     *
     * @throws ConfigException when binding a non-loopback host without API keys and without {@code insecure},
     *                         or when the port cannot be bound
     */
    public static SearchServer start(SearchServerOptions options) {
        refuseOpenBinding(options);
        ElasticsearchConnection own = null;
        ElasticsearchConnection connection = options.connection();
        if (connection == null) {
            own = ElasticsearchConnection.open(options.elasticsearch(), message -> LOG.info("{}", message));
            connection = own;
        }
        Vertx vertx = Vertx.vertx();
        SearchApiVerticle verticle = new SearchApiVerticle(connection, options);
        try {
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            vertx.close();
            if (own != null) {
                own.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ConfigException("the search API cannot listen on " + options.host() + ":" + options.port()
                    + ": " + cause.getMessage());
        }
        LOG.info("search API listening on http://{}:{} (Elasticsearch {}, indices {}-*)", options.host(),
                verticle.actualPort(), connection.url(), options.indices().prefix());
        return new SearchServer(vertx, own, options.host(), verticle.actualPort());
    }

    /** Binding beyond loopback without keys would publish every transcript; that needs an explicit --insecure. */
    static void refuseOpenBinding(SearchServerOptions options) {
        if (options.apiKeys().isEmpty() && !options.insecure() && !isLoopback(options.host())) {
            throw new ConfigException("refusing to listen on " + options.host() + " without API keys: set "
                    + "SEARCH_API_KEYS (comma-separated), bind HOST=127.0.0.1, or pass --insecure to serve "
                    + "transcripts to anyone who can reach this host");
        }
    }

    static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            throw new ConfigException("HOST '" + host + "' does not resolve");
        }
    }

    public int port() {
        return port;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("search API did not shut down cleanly: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ownConnection != null) {
                ownConnection.close();
            }
        }
    }
}
