package org.transcriptsearch.search;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.elastic.ElasticsearchUnavailableException;

/**
 * {@code java -jar search-api/target/search-api.jar [--insecure]}, configured from the environment:
 * ES_URL (absent: the shared embedded node, started if need be), ES_API_KEY / ES_USERNAME / ES_PASSWORD /
 * ES_CA_FILE, PORT (8080), HOST (127.0.0.1), SEARCH_API_KEYS (comma-separated), INDEX_PREFIX
 * (transcripts), CORS_ORIGINS (comma-separated), SEARCH_CURSOR_SECRET, SEARCH_API_CONCURRENCY,
 * SEARCH_ACCESS_LOG_QUERIES, SEARCH_SYNONYMS (a folder of synonym files).
 */
public final class SearchApiMain {
    static final String USAGE = """
            usage: java -jar search-api/target/search-api.jar [--insecure]

            Serves the transcript search API (and the explorer page at /).
              --insecure   allow HOST beyond loopback without SEARCH_API_KEYS (anyone who reaches it reads every transcript)

            environment:
              ES_URL                 Elasticsearch URL; absent = the embedded local node (started if need be)
              ES_API_KEY | ES_USERNAME + ES_PASSWORD, ES_CA_FILE   credentials and CA for ES_URL
              PORT                   listen port (8080)
              HOST                   listen address (127.0.0.1)
              SEARCH_API_KEYS        comma-separated keys; set = every /api call needs 'Authorization: Bearer KEY';
                                     KEY reads every source, KEY:SOURCE+SOURCE only those
              INDEX_PREFIX           index/alias prefix (transcripts)
              CORS_ORIGINS           comma-separated origins allowed to call the API from a browser
              SEARCH_CURSOR_SECRET   signs paging cursors (set it when several instances share a load balancer)
              SEARCH_API_CONCURRENCY /api requests in flight per key, or per client address without keys (8);
                                     beyond it: 429 with Retry-After
              SEARCH_ACCESS_LOG_QUERIES  true = the access log shows parameter values such as q (personal data);
                                     default false: names only
              SEARCH_SYNONYMS        a folder of synonym files (ko.txt, ja.txt, zh.txt, en.txt, Solr format), each
                                     replacing the built-in one of its language; re-read when edited, no restart
            """;

    private SearchApiMain() {
    }

    public static void main(String[] args) {
        org.transcriptsearch.secrets.RedactingPrintStream.installOnSystemStreams(
                org.transcriptsearch.secrets.Redactor.ofEnvironment(System.getenv()));
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        for (String a : arguments) {
            if (!a.equals("--insecure")) {
                System.err.println("error: unknown argument '" + a + "'\n\n" + USAGE);
                System.exit(2);
            }
        }
        SearchServer server;
        try {
            server = SearchServer.start(options(System.getenv(), arguments.contains("--insecure")));
        } catch (ConfigException | ElasticsearchUnavailableException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("search API: " + server.url() + "  (try " + server.url() + "/api/search?q=refund, "
                + server.url() + "/openapi.json)");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "search-api-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static SearchServerOptions options(Map<String, String> env, boolean insecure) {
        int port = SearchServerOptions.DEFAULT_PORT;
        String rawPort = env.get("PORT");
        if (rawPort != null && !rawPort.isBlank()) {
            try {
                port = Integer.parseInt(rawPort.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("PORT must be a number (0-65535), not '" + rawPort + "'");
            }
            if (port < 0 || port > 65535) {
                throw new ConfigException("PORT must be 0-65535, not " + port);
            }
        }
        int concurrency = ConcurrentRequestLimit.DEFAULT_PER_CALLER;
        String rawConcurrency = env.get("SEARCH_API_CONCURRENCY");
        if (rawConcurrency != null && !rawConcurrency.isBlank()) {
            try {
                concurrency = Integer.parseInt(rawConcurrency.trim());
            } catch (NumberFormatException e) {
                concurrency = 0;
            }
            if (concurrency < 1 || concurrency > 10_000) {
                throw new ConfigException("SEARCH_API_CONCURRENCY must be a whole number from 1 to 10000 (requests "
                        + "in flight per key or client), not '" + rawConcurrency + "'");
            }
        }
        String prefix = env.getOrDefault("INDEX_PREFIX", "");
        if (!prefix.isBlank() && !prefix.trim().matches("[a-z0-9][a-z0-9_-]*")) {
            throw new ConfigException("INDEX_PREFIX must be lower-case letters, digits, '-' or '_', not '" + prefix + "'");
        }
        return SearchServerOptions.defaults()
                .withElasticsearch(ElasticsearchSettings.fromEnvironment(env))
                .withIndexPrefix(prefix.isBlank() ? "transcripts" : prefix.trim())
                .withHost(env.get("HOST"))
                .withPort(port)
                .withApiKeys(split(env.get("SEARCH_API_KEYS")))
                .withCorsOrigins(split(env.get("CORS_ORIGINS")))
                .withCursorSecret(env.get("SEARCH_CURSOR_SECRET"))
                .withConcurrentRequests(concurrency)
                .withAccessLog(queryValuesLogged(env.get("SEARCH_ACCESS_LOG_QUERIES"))
                        ? SearchServerOptions.AccessLog.QUERIES : SearchServerOptions.AccessLog.PATHS)
                .withSynonyms(synonymFolder(env.get("SEARCH_SYNONYMS")))
                .withInsecure(insecure);
    }

    private static java.nio.file.Path synonymFolder(String value) {
        return value == null || value.isBlank() ? null : java.nio.file.Path.of(value.trim());
    }

    private static boolean queryValuesLogged(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (value.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw new ConfigException("SEARCH_ACCESS_LOG_QUERIES must be true or false, not '" + value + "'");
    }

    private static List<String> split(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
