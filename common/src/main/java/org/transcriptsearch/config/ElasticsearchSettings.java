package org.transcriptsearch.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.transcriptsearch.secrets.Redactor;

/**
 * Where Elasticsearch is and how to reach it. An absent or empty URL means the embedded local node.
 * Secrets (apiKey, password) are never part of {@link #toString()}. A URL never holds credentials
 * ({@code https://user:password@host}): they would be echoed in every message naming the URL, so they are
 * refused and must come through {@code username}/{@code password} or {@code apiKey}.
 */
public record ElasticsearchSettings(String url, String apiKey, String username, String password, Path caFile) {

    public static final ElasticsearchSettings EMBEDDED = new ElasticsearchSettings(null, null, null, null, null);

    public ElasticsearchSettings {
        url = blankToNull(url);
        if (url != null && holdsCredentials(url)) {
            throw new ConfigException(credentialsInUrl("elasticsearch.url", url,
                    "elasticsearch.username and elasticsearch.password (or elasticsearch.apiKey)"));
        }
        apiKey = blankToNull(apiKey);
        username = blankToNull(username);
        password = blankToNull(password);
    }

    /** From ES_URL, ES_API_KEY, ES_USERNAME, ES_PASSWORD and ES_CA_FILE, as the search API and the tests read them. */
    public static ElasticsearchSettings fromEnvironment(Map<String, String> env) {
        String url = env.get("ES_URL");
        if (url != null && holdsCredentials(url)) {
            throw new ConfigException(credentialsInUrl("ES_URL", url, "ES_USERNAME and ES_PASSWORD (or ES_API_KEY)"));
        }
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

    /** Whether the URL carries a user or password before its host ({@code scheme://user:password@host}). */
    public static boolean holdsCredentials(String url) {
        String rest = url.strip();
        int scheme = rest.indexOf("://");
        String authority = (scheme >= 0 ? rest.substring(scheme + 3) : rest).split("[/?#]", 2)[0];
        return authority.contains("@");
    }

    /** The message for a URL with credentials in it, under {@code key}; names the keys to use instead. */
    public static String credentialsInUrl(String key, String url, String instead) {
        String shown = url.contains("://") ? " (" + Redactor.maskUrlCredentials(url.strip()) + ")" : "";
        return key + " must not hold a user or password" + shown + ": remove them from the URL and set " + instead
                + " instead, the secret from the environment";
    }

    @Override
    public String toString() {
        return "ElasticsearchSettings[url=" + (url == null ? "(embedded)" : Redactor.maskUrlCredentials(url))
                + (apiKey != null ? ", apiKey=***" : "")
                + (username != null ? ", username=" + username + ", password=***" : "")
                + (caFile != null ? ", caFile=" + caFile : "") + "]";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
