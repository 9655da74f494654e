package org.transcriptsearch.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where Elasticsearch is and how to reach it. An absent or empty URL means the embedded local node.
 * Secrets (apiKey, password) are never part of {@link #toString()}.
 */
public record ElasticsearchSettings(String url, String apiKey, String username, String password, Path caFile) {

    public static final ElasticsearchSettings EMBEDDED = new ElasticsearchSettings(null, null, null, null, null);

    public ElasticsearchSettings {
        url = blankToNull(url);
        apiKey = blankToNull(apiKey);
        username = blankToNull(username);
        password = blankToNull(password);
    }

    /** From ES_URL, ES_API_KEY, ES_USERNAME, ES_PASSWORD and ES_CA_FILE, as the search API and the tests read them. */
    public static ElasticsearchSettings fromEnvironment(Map<String, String> env) {
        String ca = blankToNull(env.get("ES_CA_FILE"));
        return new ElasticsearchSettings(env.get("ES_URL"), env.get("ES_API_KEY"), env.get("ES_USERNAME"),
                env.get("ES_PASSWORD"), ca == null ? null : Path.of(ca));
    }

    public boolean embedded() {
        return url == null;
    }

    public Optional<String> urlIfConfigured() {
        return Optional.ofNullable(url);
    }

    /** The same settings pointed at another URL (used once the embedded node's URL is known). */
    public ElasticsearchSettings withUrl(String newUrl) {
        return new ElasticsearchSettings(newUrl, apiKey, username, password, caFile);
    }

    @Override
    public String toString() {
        return "ElasticsearchSettings[url=" + (url == null ? "(embedded)" : url)
                + (apiKey != null ? ", apiKey=***" : "")
                + (username != null ? ", username=" + username + ", password=***" : "")
                + (caFile != null ? ", caFile=" + caFile : "") + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
