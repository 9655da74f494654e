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

    static List<String> list(Collection<String> l) {
        if (l == null) {
            return null;
        }
        List<String> out = l.stream().filter(Objects::nonNull).filter(s -> !s.isBlank()).toList();
        return out.isEmpty() ? null : out;
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null || m.isEmpty() ? null : m;
    }
}
