package org.transcriptsearch.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One configured source (one vendor account or bot). The vendor-specific keys stay in {@code settings}
 * (environment references already resolved); each vendor's package turns them into its own record and
 * validates them. {@code settings} never reaches a log: use {@link #toString()}.
 *
 * <p>{@code unset} names the environment variables its settings refer to that are not set (as problems, each
 * naming the key and the variable): only a command that talks to the vendor needs them, and asks with
 * {@link #requireResolved()}, so {@code setup}, {@code status} or {@code forget} run without any vendor secret.
 */
public record SourceConfig(String name, String type, Map<String, Object> settings, List<String> unset) {
    public SourceConfig {
        settings = Map.copyOf(settings);
        unset = List.copyOf(unset);
    }

    public SourceConfig(String name, String type, Map<String, Object> settings) {
        this(name, type, settings, List.of());
    }

    /** This source, if every variable its settings refer to is set; else a {@link ConfigException} naming them. */
    public SourceConfig requireResolved() {
        if (!unset.isEmpty()) {
            throw new ConfigException(unset);
        }
        return this;
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
