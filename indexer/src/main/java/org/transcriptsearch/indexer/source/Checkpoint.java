package org.transcriptsearch.indexer.source;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a stream of a source has been harvested up to: a small immutable set of named string values,
 * stored as the {@code checkpoint} object of the state document {@code checkpoint:<source>:<stream>}.
 *
 * <p>{@link #THROUGH} is the key the runner reads: every message sent before it has been acknowledged by
 * Elasticsearch. Connectors may add their own keys (a cursor, a sub-window). The loader is tolerant: keys
 * an older version never wrote are simply absent, unknown keys are kept, unreadable values read as absent.
 */
public final class Checkpoint {
    /** Everything sent before this instant is stored (ISO-8601). */
    public static final String THROUGH = "through";

    private static final Checkpoint EMPTY = new Checkpoint(Map.of());

    private final Map<String, String> values;

    private Checkpoint(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    public static Checkpoint empty() {
        return EMPTY;
    }

    public static Checkpoint through(Instant at) {
        return EMPTY.with(THROUGH, at.toString());
    }

    /** From the stored object; anything that is not a scalar is dropped rather than failing the run. */
    public static Checkpoint load(Map<String, ?> stored) {
        if (stored == null) {
            return EMPTY;
        }
        Map<String, String> v = new TreeMap<>();
        stored.forEach((k, val) -> {
            if (k != null && (val instanceof String || val instanceof Number || val instanceof Boolean)) {
                v.put(k, String.valueOf(val));
            }
        });
        return new Checkpoint(v);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value as an instant; absent if missing or not a valid ISO-8601 instant. */
    public Optional<Instant> instant(String key) {
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public Optional<Instant> through() {
        return instant(THROUGH);
    }

    public Checkpoint with(String key, String value) {
        Map<String, String> v = new TreeMap<>(values);
        if (value == null) {
            v.remove(key);
        } else {
            v.put(key, value);
        }
        return new Checkpoint(v);
    }

    /** This checkpoint with {@code other}'s keys laid over it. */
    public Checkpoint merge(Checkpoint other) {
        Map<String, String> v = new TreeMap<>(values);
        v.putAll(other.values);
        return new Checkpoint(v);
    }

    /**
     * This checkpoint moved on to {@code next}: {@code next}'s keys laid over these, except that
     * {@link #THROUGH} never goes back (a late or stale writer must not undo progress).
     */
    public Checkpoint advancedTo(Checkpoint next) {
        Checkpoint merged = merge(next);
        Optional<Instant> before = through();
        Optional<Instant> after = next.through();
        if (before.isPresent() && after.isPresent() && before.get().isAfter(after.get())) {
            return merged.with(THROUGH, before.get().toString());
        }
        return merged;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Map<String, String> values() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
