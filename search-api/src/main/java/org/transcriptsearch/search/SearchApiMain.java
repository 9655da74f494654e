package org.transcriptsearch.search;

import java.nio.file.Path;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.transcriptsearch.config.AppConfig;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.ConfigFile;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.config.IndexSettings;
import org.transcriptsearch.elastic.ElasticsearchUnavailableException;
import org.transcriptsearch.logging.Logging;
import org.transcriptsearch.secrets.RedactingPrintStream;
import org.transcriptsearch.secrets.Redactor;

/**
 * {@code java -jar search-api/target/search-api.jar [--config FILE] [--insecure] [--log-level LEVEL]
 * [--log-format text|json]}, configured from the environment and, with {@code --config}, the
 * {@code elasticsearch:} and {@code index:} sections of the indexer's config file (an environment variable
 * wins over the file, the file over the defaults): ES_URL (absent: the shared embedded node, started if need
 * be), ES_API_KEY / ES_USERNAME / ES_PASSWORD / ES_CA_FILE, PORT (8080), HOST (127.0.0.1), SEARCH_API_KEYS
 * (comma-separated), INDEX_PREFIX (transcripts), CORS_ORIGINS (comma-separated), SEARCH_CURSOR_SECRET,
 * SEARCH_API_CONCURRENCY, SEARCH_ACCESS_LOG_QUERIES, SEARCH_SYNONYMS (a folder of synonym files),
 * TRANSCRIPTS_LOG_LEVEL, TRANSCRIPTS_LOG_FORMAT.
 */
public final class SearchApiMain {
    static final String USAGE = """
            usage: java -jar search-api/target/search-api.jar [--config FILE] [--insecure]
                                                              [--log-level LEVEL] [--log-format text|json]

            Serves the transcript search API (and the explorer page at /).
              --config FILE          the indexer's config file: its elasticsearch: and index: sections are read
                                     (the rest is the indexer's); an environment variable below wins over the file
              --insecure             allow HOST beyond loopback without SEARCH_API_KEYS (anyone who reaches it
                                     reads every transcript)
              --log-level LEVEL      trace, debug, info, warn or error (TRANSCRIPTS_LOG_LEVEL, default info)
              --log-format FORMAT    text, or json: one ECS JSON object per line (TRANSCRIPTS_LOG_FORMAT, default
                                     text); logs go to stderr
              -h, --help             this text

            environment:
              ES_URL                 Elasticsearch URL; absent (here and in --config) = the embedded local node
                                     (started if need be)
              ES_API_KEY | ES_USERNAME + ES_PASSWORD, ES_CA_FILE   credentials and CA for ES_URL (set, they replace
                                     the file's credentials)
              PORT                   listen port (8080)
              HOST                   listen address (127.0.0.1)
              SEARCH_API_KEYS        comma-separated keys; set = every /api call needs 'Authorization: Bearer KEY';
                                     KEY reads every source, KEY:SOURCE+SOURCE only those
              INDEX_PREFIX           index/alias prefix (the file's index.prefix, else transcripts)
              CORS_ORIGINS           comma-separated origins allowed to call the API from a browser
              SEARCH_CURSOR_SECRET   signs paging cursors (set it when several instances share a load balancer)
              SEARCH_API_CONCURRENCY /api requests in flight per key, or per client address without keys (8);
                                     beyond it: 429 with Retry-After
              SEARCH_ACCESS_LOG_QUERIES  true = the access log shows parameter values such as q (personal data);
                                     default false: names only
              SEARCH_SYNONYMS        a folder of synonym files (ko.txt, ja.txt, zh.txt, en.txt, Solr format), each
                                     replacing the built-in one of its language; re-read when edited, no restart
              TRANSCRIPTS_LOG_LEVEL, TRANSCRIPTS_LOG_FORMAT   as --log-level and --log-format

            exit codes: 2 the command line or the configuration is wrong (one line says which setting),
            else it serves until stopped (Ctrl-C, SIGTERM).
            """;

    private SearchApiMain() {
    }

    public static void main(String[] args) {
        RedactingPrintStream.installOnSystemStreams(Redactor.ofEnvironment(System.getenv()));
        SearchApiArguments arguments;
        try {
            arguments = SearchApiArguments.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        if (arguments.help()) {
            System.out.print(USAGE);
            return;
        }
        SearchServer server;
        try {
            Logging.start("search-api", arguments.logLevel(), arguments.logFormat());
            SearchServerOptions options = options(System.getenv(), arguments.insecure(), arguments.config());
            redactAlso(options.elasticsearch(), System.out, System.err);
            server = SearchServer.start(options);
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

    /**
     * Teaches the redaction on {@code streams} the Elasticsearch secrets: the file may take them from variables
     * whose names do not say they hold secrets ({@code password: ${READER_PW}}).
     */
    static void redactAlso(ElasticsearchSettings es, PrintStream... streams) {
        List<String> secrets = Stream.of(es.apiKey(), es.password()).filter(Objects::nonNull).toList();
        for (PrintStream stream : streams) {
            if (stream instanceof RedactingPrintStream redacting && !secrets.isEmpty()) {
                redacting.redactWith(redacting.redactor().with(secrets));
            }
        }
    }

    static SearchServerOptions options(Map<String, String> env, boolean insecure) {
        return options(env, insecure, null);
    }

    /** @param configFile the indexer's config file, null = none: the environment and the defaults only */
    static SearchServerOptions options(Map<String, String> env, boolean insecure, Path configFile) {
        AppConfig file = configFile == null ? null : read(configFile, env);
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
        String filePrefix = file == null ? IndexSettings.DEFAULT_PREFIX : file.index().prefix();
        return SearchServerOptions.defaults()
                .withElasticsearch(elasticsearch(env, file))
                .withIndexPrefix(prefix.isBlank() ? filePrefix : prefix.trim())
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

    /**
     * The file's sections through the indexer's own reader (its sources' unset secrets are the indexer's
     * business and wait there); every problem names the file and the key.
     */
    private static AppConfig read(Path file, Map<String, String> env) {
        try {
            return ConfigFile.load(file, env);
        } catch (ConfigException e) {
            throw new ConfigException(e.problems().stream()
                    .map(p -> p.contains(file.toString()) ? p : file + ": " + p).toList());
        }
    }

    /**
     * Each setting from the environment when it is set there, else from the file. The credentials go as one:
     * ES_API_KEY, ES_USERNAME or ES_PASSWORD set replaces the file's credentials, so the two never mix.
     */
    static ElasticsearchSettings elasticsearch(Map<String, String> env, AppConfig file) {
        ElasticsearchSettings fromEnv = ElasticsearchSettings.fromEnvironment(env);
        if (file == null) {
            return fromEnv;
        }
        ElasticsearchSettings fromFile = file.elasticsearch();
        boolean envCredentials = set(env, "ES_API_KEY") || set(env, "ES_USERNAME") || set(env, "ES_PASSWORD");
        ElasticsearchSettings credentials = envCredentials ? fromEnv : fromFile;
        return new ElasticsearchSettings(set(env, "ES_URL") ? fromEnv.url() : fromFile.url(),
                credentials.apiKey(), credentials.username(), credentials.password(),
                set(env, "ES_CA_FILE") ? fromEnv.caFile() : fromFile.caFile());
    }

    private static boolean set(Map<String, String> env, String name) {
        String value = env.get(name);
        return value != null && !value.isBlank();
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
