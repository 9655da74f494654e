package org.transcriptsearch.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.transcriptsearch.config.ConfigException;

/**
 * The keys {@code SEARCH_API_KEYS} allows, each with what it may read: an entry is {@code KEY} (every
 * source) or {@code KEY:SOURCE+SOURCE...} (only those sources). Keys are compared as SHA-256 digests
 * with {@link MessageDigest#isEqual} against every key, so neither the time taken nor an early exit
 * tells an attacker how much of a guess was right or which key came close.
 */
final class ApiKeys {
    /** What the indexer's configuration allows as a source name. */
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private record Entry(byte[] digest, SourceScope scope) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = entries;
    }

    /**
     * @param configured the entries of {@code SEARCH_API_KEYS}, blank ones already dropped
     * @throws ConfigException naming every malformed entry by its position (never echoing a key)
     */
    static ApiKeys parse(List<String> configured) {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String entry = configured.get(i).trim();
            String where = "SEARCH_API_KEYS entry " + (i + 1) + " of " + configured.size();
            String key = keyOf(entry);
            if (key.isEmpty()) {
                problems.add(where + " has no key before ':' (write KEY or KEY:SOURCE+SOURCE)");
                continue;
            }
            SourceScope scope = SourceScope.ALL;
            if (entry.length() > key.length()) {
                Set<String> sources = new LinkedHashSet<>();
                String list = entry.substring(entry.indexOf(':') + 1).trim();
                if (list.isEmpty()) {
                    problems.add(where + " names no source after ':' (write KEY alone for every source, or "
                            + "KEY:SOURCE+SOURCE for only those)");
                    continue;
                }
                for (String source : list.split("\\+", -1)) {
                    String name = source.trim();
                    if (name.isEmpty()) {
                        problems.add(where + " has an empty source name in its list (sources are joined by a "
                                + "single '+', e.g. KEY:kore-banking+cxone-support)");
                    } else if (!SOURCE_NAME.matcher(name).matches()) {
                        problems.add(where + ": '" + name + "' is not a source name (lowercase letters, digits, "
                                + "'-' and '_', as in the indexer's sources[].name)");
                    } else {
                        sources.add(name);
                    }
                }
                scope = new SourceScope(sources);
            }
            byte[] digest = digest(key);
            for (int j = 0; j < entries.size(); j++) {
                if (MessageDigest.isEqual(entries.get(j).digest(), digest)) {
                    problems.add(where + " repeats the key of an earlier entry: give each key once, with "
                            + "every source it may read");
                }
            }
            entries.add(new Entry(digest, scope));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("; ", problems));
        }
        return new ApiKeys(List.copyOf(entries));
    }

    /** The key of an entry, without its sources: what a client sends as {@code Bearer KEY}. */
    static String keyOf(String entry) {
        int colon = entry.indexOf(':');
        return (colon < 0 ? entry : entry.substring(0, colon)).trim();
    }

    boolean required() {
        return !entries.isEmpty();
    }

    /**
     * What the presented key may read; empty when it is no key of ours.
     *
     * @param authorization the Authorization header, may be null
     */
    Optional<SourceScope> scopeOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] given = digest(authorization.substring(7).trim());
        SourceScope found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(e.digest(), given)) {
                found = e.scope();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
