package org.transcriptsearch.config;

import java.util.Map;
import java.util.Optional;

/**
 * One configured source (one vendor account or bot). The vendor-specific keys stay in {@code settings}
 * (environment references already resolved); each vendor's package turns them into its own record and
 * validates them. {@code settings} never reaches a log: use {@link #toString()}.
 */
public record SourceConfig(String name, String type, Map<String, Object> settings) {
    public SourceConfig {
        settings = Map.copyOf(settings);
    }

    public Optional<String> string(String key) {
        Object v = settings.get(key);
        if (v == null) {
            return Optional.empty();
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** Where in the config file this source's key lives, for messages: {@code sources[kore-banking].botId}. */
    public String key(String key) {
        return "sources[" + name + "]." + key;
    }

    @Override
    public String toString() {
        return "SourceConfig[name=" + name + ", type=" + type + ", keys=" + settings.keySet() + "]";
    }
}
