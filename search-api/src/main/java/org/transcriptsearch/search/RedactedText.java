package org.transcriptsearch.search;

import io.vertx.core.json.JsonArray;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.transcriptsearch.text.RedactedKind;
import org.transcriptsearch.text.SearchTerms;

/**
 * The redaction placeholders of a message ({@code [CARD]}, {@code [MEMBER_ID]}): only those of the kinds its
 * {@code pii} lists are placeholders; the same characters in a message without that kind are what the
 * customer typed.
 */
final class RedactedText {
    private RedactedText() {
    }

    /** The placeholders of the kinds {@code pii} lists (a list, one name, or null). */
    static Set<String> placeholders(Object pii) {
        Set<String> out = new LinkedHashSet<>();
        if (pii instanceof JsonArray list) {
            list.forEach(kind -> out.add(placeholder(String.valueOf(kind))));
        } else if (pii instanceof String kind) {
            out.add(placeholder(kind));
        }
        return out;
    }

    /** The placeholders the query searched for ({@code [CARD]} typed as a term). */
    static Set<String> searched(SearchTerms terms) {
        Set<String> out = new LinkedHashSet<>();
        terms.terms().forEach(t -> t.redacted().map(RedactedKind::placeholder).ifPresent(out::add));
        return out;
    }

    private static String placeholder(String kind) {
        return "[" + kind.toUpperCase(Locale.ROOT) + "]";
    }
}
