package org.transcriptsearch.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;

/**
 * How to start a {@link SearchServer}. Either {@code elasticsearch} settings (the server opens, and on
 * close closes, its own connection; no URL = the shared embedded node) or an existing
 * {@code connection} that the caller keeps owning.
 *
 * <pre>
 * SearchServer server = SearchServer.start(SearchServerOptions.defaults()
 *         .withConnection(connection).withIndices(new IndexNames("transcripts")).withPort(0));
 * </pre>
 *
 * @param port         0 = any free port (see {@link SearchServer#port()})
 * @param apiKeys      empty = no auth; else every {@code /api} call needs {@code Authorization: Bearer KEY}; an
 *                     entry is {@code KEY} (reads every source) or {@code KEY:SOURCE+SOURCE...} (only those)
 * @param corsOrigins  origins allowed to call the API from a browser; empty = same origin only
 * @param insecure     allow binding a non-loopback host without API keys
 * @param cursorSecret signs paging cursors; null = a random one per process (cursors then do not survive
 *                     a restart nor travel between instances behind a load balancer)
 * @param elasticsearchTimeout deadline of every Elasticsearch call; searches also carry it (less a margin for
 *                     the answer's way back) as their own {@code timeout}, so a slow one ends with partial results
 * @param concurrentRequests {@code /api} requests one caller (a key, or a client address without keys) may
 *                     have in flight; beyond, 429 with {@code Retry-After}
 * @param accessLog    what the access log shows (null = {@link AccessLog#PATHS})
 * @param synonyms     a folder of synonym files ({@code ko.txt}, {@code ja.txt}, {@code zh.txt}, {@code en.txt})
 *                     replacing the built-in ones of their language, re-read when they change; null = built-in
 *                     only (see {@link SynonymFiles})
 */
public record SearchServerOptions(
        ElasticsearchSettings elasticsearch,
        ElasticsearchConnection connection,
        IndexNames indices,
        String host,
        int port,
        List<String> apiKeys,
        List<String> corsOrigins,
        boolean insecure,
        Duration elasticsearchTimeout,
        String cursorSecret,
        AccessLog accessLog,
        int concurrentRequests,
        Path synonyms) {

    /** What the access log shows of each request. */
    public enum AccessLog {
        OFF,
        /** Method, path, the names of the query parameters, status, time. */
        PATHS,
        /** Also the parameters' values, such as {@code q}: what customers said, personal data. */
        QUERIES
    }

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public SearchServerOptions {
        indices = indices == null ? IndexNames.defaults() : indices;
        host = host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        ApiKeys.parse(apiKeys); // a malformed entry fails here, before anything starts
        corsOrigins = corsOrigins == null ? List.of()
                : corsOrigins.stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
        elasticsearchTimeout = elasticsearchTimeout == null ? Duration.ofSeconds(10) : elasticsearchTimeout;
        if (concurrentRequests < 1) {
            throw new IllegalArgumentException("concurrentRequests must be at least 1, not " + concurrentRequests);
        }
        accessLog = accessLog == null ? AccessLog.PATHS : accessLog;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
    }

    /** Embedded node, prefix {@code transcripts}, 127.0.0.1:8080, no keys, no CORS, 10 s timeout, 8 requests at once. */
    public static SearchServerOptions defaults() {
        return new SearchServerOptions(ElasticsearchSettings.EMBEDDED, null, IndexNames.defaults(), DEFAULT_HOST,
                DEFAULT_PORT, List.of(), List.of(), false, null, null, AccessLog.PATHS,
                ConcurrentRequestLimit.DEFAULT_PER_CALLER, null);
    }

    public SearchServerOptions withElasticsearch(ElasticsearchSettings settings) {
        return new SearchServerOptions(Objects.requireNonNull(settings), null, indices, host, port, apiKeys,
                corsOrigins, insecure, elasticsearchTimeout, cursorSecret, accessLog, concurrentRequests, synonyms);
    }

    /** Use this connection; the server does not close it. */
    public SearchServerOptions withConnection(ElasticsearchConnection existing) {
        return new SearchServerOptions(elasticsearch, Objects.requireNonNull(existing), indices, host, port, apiKeys,
                corsOrigins, insecure, elasticsearchTimeout, cursorSecret, accessLog, concurrentRequests, synonyms);
    }

    public SearchServerOptions withIndices(IndexNames names) {
        return new SearchServerOptions(elasticsearch, connection, names, host, port, apiKeys, corsOrigins, insecure,
                elasticsearchTimeout, cursorSecret, accessLog, concurrentRequests, synonyms);
    }

    public SearchServerOptions withIndexPrefix(String prefix) {
        return withIndices(new IndexNames(prefix));
    }

    public SearchServerOptions withHost(String newHost) {
        return new SearchServerOptions(elasticsearch, connection, indices, newHost, port, apiKeys, corsOrigins,
                insecure, elasticsearchTimeout, cursorSecret, accessLog, concurrentRequests, synonyms);
    }

    public SearchServerOptions withPort(int newPort) {
        return new SearchServerOptions(elasticsearch, connection, indices, host, newPort, apiKeys, corsOrigins,
                insecure, elasticsearchTimeout, cursorSecret, accessLog, concurrentRequests, synonyms);
    }

    public SearchServerOptions withApiKeys(List<String> keys) {
        return new SearchServerOptions(elasticsearch, connection, indices, host, port, keys, corsOrigins, insecure,
                elasticsearchTimeout, cursorSecret, accessLog, concurrentRequests, synonyms);
    }

    public SearchServerOptions withCorsOrigins(List<String> origins) {
        return new SearchServerOptions(elasticsearch, connection, indices, host, port, apiKeys, origins, insecure,
                elasticsearchTimeout, cursorSecret, accessLog, concurrentRequests, synonyms);
    }

    public SearchServerOptions withInsecure(boolean allow) {
        return new SearchServerOptions(elasticsearch, connection, indices, host, port, apiKeys, corsOrigins, allow,
                elasticsearchTimeout, cursorSecret, accessLog, concurrentRequests, synonyms);
    }

    public SearchServerOptions withElasticsearchTimeout(Duration timeout) {
        return new SearchServerOptions(elasticsearch, connection, indices, host, port, apiKeys, corsOrigins, insecure,
                timeout, cursorSecret, accessLog, concurrentRequests, synonyms);
    }

    public SearchServerOptions withCursorSecret(String secret) {
        return new SearchServerOptions(elasticsearch, connection, indices, host, port, apiKeys, corsOrigins, insecure,
                elasticsearchTimeout, secret, accessLog, concurrentRequests, synonyms);
    }

    public SearchServerOptions withAccessLog(boolean enabled) {
        return withAccessLog(enabled ? AccessLog.PATHS : AccessLog.OFF);
    }

    public SearchServerOptions withAccessLog(AccessLog shown) {
        return new SearchServerOptions(elasticsearch, connection, indices, host, port, apiKeys, corsOrigins, insecure,
                elasticsearchTimeout, cursorSecret, shown, concurrentRequests, synonyms);
    }

    public SearchServerOptions withConcurrentRequests(int perCaller) {
        return new SearchServerOptions(elasticsearch, connection, indices, host, port, apiKeys, corsOrigins, insecure,
                elasticsearchTimeout, cursorSecret, accessLog, perCaller, synonyms);
    }

    public SearchServerOptions withSynonyms(Path folder) {
        return new SearchServerOptions(elasticsearch, connection, indices, host, port, apiKeys, corsOrigins, insecure,
                elasticsearchTimeout, cursorSecret, accessLog, concurrentRequests, folder);
    }

    /** Secrets never reach logs or errors. */
    @Override
    public String toString() {
        return "SearchServerOptions[elasticsearch=" + (connection != null ? connection.url() : elasticsearch)
                + ", indices=" + indices.prefix() + ", host=" + host + ", port=" + port
                + ", apiKeys=" + apiKeys.size() + ", corsOrigins=" + corsOrigins + ", insecure=" + insecure + "]";
    }
}
