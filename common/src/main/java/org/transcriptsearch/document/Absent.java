package org.transcriptsearch.document;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Normalises "the vendor gave nothing" to null, so it is left out of the document instead of stored as empty. */
final class Absent {
    private Absent() {
    }

    static String text(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /**
     * Without null and blank entries, unmodifiable; null if nothing is left. A list already so (documents
     * are rebuilt with one field changed, again and again) is returned as it is, not copied.
     */
    static List<String> list(Collection<String> l) {
        if (l == null || l.isEmpty()) {
            return null;
        }
        for (String s : l) {
            if (s == null || s.isBlank()) {
                List<String> out = l.stream().filter(Objects::nonNull).filter(x -> !x.isBlank()).toList();
                return out.isEmpty() ? null : out;
            }
        }
        return List.copyOf(l);
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null || m.isEmpty() ? null : m;
    }
}
