package org.transcriptsearch.indexer.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.secrets.Redactor;

/**
 * Reads and validates one source's vendor settings, collecting every problem so the user sees them all
 * at once, each with its key ({@code sources[kore-banking].botId}). A connector factory reads its keys,
 * then calls {@link #done()}, which also reports keys nobody read (typos). The engine's own per-source
 * keys ({@link #ENGINE_KEYS}) are always allowed. Secret values never appear in a message.
 */
public final class SourceSettings {
    /** Per-source keys the harvest runner reads (see the README's configuration table). */
    public static final Set<String> ENGINE_KEYS = Set.of("overlap", "settle", "initialLookback");

    private final SourceConfig config;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> read = new HashSet<>(ENGINE_KEYS);

    public SourceSettings(SourceConfig config) {
        this.config = config;
    }

    public SourceConfig config() {
        return config;
    }

    public String required(String key, String hint) {
        read.add(key);
        Optional<String> v = config.string(key);
        if (v.isEmpty()) {
            problems.add(config.key(key) + " is missing: " + hint);
            return "";
        }
        return v.get();
    }

    public Optional<String> optional(String key) {
        read.add(key);
        return config.string(key);
    }

    /**
     * An http(s) base URL without a trailing slash. Credentials have their own keys and are refused here: a
     * {@code user:password@} or a query string in the URL would travel into every message that names it.
     */
    public String baseUrl(String key, String example) {
        String v = required(key, "the vendor's base URL, e.g. " + example);
        if (v.isEmpty()) {
            return v;
        }
        String shown = Redactor.maskUrlCredentials(v).replaceAll("\\?.*", "?...");
        try {
            URI u = new URI(v);
            if (u.getRawUserInfo() != null || ElasticsearchSettings.holdsCredentials(v)) {
                problems.add(config.key(key) + " must not hold a user or password (" + shown + "): the vendor's credentials "
                        + "go in their own keys (" + credentialKeys() + "), from the environment");
            } else if (u.getRawQuery() != null || u.getRawFragment() != null) {
                problems.add(config.key(key) + " must not have a query string or fragment (" + shown + "): give the "
                        + "scheme, host and port only, e.g. " + example + "; credentials go in " + credentialKeys());
            } else if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null) {
                problems.add(config.key(key) + " '" + shown + "' must be an http:// or https:// URL, e.g. " + example);
            }
        } catch (URISyntaxException e) {
            problems.add(config.key(key) + " '" + shown + "' is not a valid URL, e.g. " + example);
        }
        return v.replaceAll("/+$", "");
    }

    private String credentialKeys() {
        return switch (config.type()) {
            case "cxone" -> "token";
            case "kore" -> "clientId/clientSecret or jwt";
            case "agentx" -> "apiKey";
            default -> "the source's secret keys";
        };
    }

    /** A secret: must be set (from the environment, which the config loader enforces); never echoed. */
    public String secret(String key, String hint) {
        read.add(key);
        Optional<String> v = config.string(key);
        if (v.isEmpty()) {
            problems.add(config.key(key) + " is missing or empty: " + hint);
            return "";
        }
        return v.get();
    }

    public int integer(String key, int min, int max, int defaultValue) {
        read.add(key);
        Optional<String> v = config.string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n < min || n > max) {
                problems.add(config.key(key) + " must be between " + min + " and " + max + ", not " + n);
                return defaultValue;
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(config.key(key) + " must be a whole number, not '" + v.get() + "'");
            return defaultValue;
        }
    }

    public Duration duration(String key, Duration defaultValue) {
        read.add(key);
        Optional<String> v = config.string(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return DurationSetting.parse(v.get());
        } catch (IllegalArgumentException e) {
            problems.add(config.key(key) + " " + e.getMessage());
            return defaultValue;
        }
    }

    public void problem(String key, String message) {
        problems.add(config.key(key) + " " + message);
    }

    /** Throws a {@link ConfigException} with every problem found, including unknown keys. */
    public void done() {
        for (String k : config.settings().keySet()) {
            if (!read.contains(k)) {
                problems.add("unknown key " + config.key(k) + " for a " + config.type() + " source");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
