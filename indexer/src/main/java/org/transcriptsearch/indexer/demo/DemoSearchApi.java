package org.transcriptsearch.indexer.demo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.search.SearchServer;
import org.transcriptsearch.search.SearchServerOptions;

/** The search API, in this process, on loopback; with SEARCH_API_KEYS set it asks for a key as in production. */
final class DemoSearchApi {
    private final SearchServer server;
    private final Optional<String> key;

    private DemoSearchApi(SearchServer server, Optional<String> key) {
        this.server = server;
        this.key = key;
    }

    static DemoSearchApi start(int port, Map<String, String> env) {
        List<String> keys = Arrays.stream(env.getOrDefault("SEARCH_API_KEYS", "").split(","))
                .map(String::trim).filter(k -> !k.isEmpty()).toList();
        SearchServer server = SearchServer.start(SearchServerOptions.defaults()
                .withElasticsearch(ElasticsearchSettings.fromEnvironment(env))
                .withPort(port)
                .withApiKeys(keys)
                .withAccessLog(false));
        // An entry may name the sources its key reads (KEY:SOURCE+SOURCE); the key is what is sent.
        return new DemoSearchApi(server, keys.stream().findFirst().map(entry -> entry.split(":", 2)[0].trim()));
    }

    /** What the user types: {@code http://localhost:PORT}. */
    String url() {
        return "http://localhost:" + server.port();
    }

    /** What this process calls (the API binds the IPv4 loopback). */
    String loopbackUrl() {
        return server.url();
    }

    Optional<String> key() {
        return key;
    }

    String stop() {
        server.close();
        return "Stopped the search API on port " + server.port() + ".";
    }
}
