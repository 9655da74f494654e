package org.transcriptsearch.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.BitSet;
import java.util.Set;

/**
 * One snippet per hit from the highlights of every language sub-field: each analyser marks different
 * spans of the same text (Nori the Korean word, the bigram filter the Chinese pair), so the marks are
 * merged over the original text, and the result is HTML-escaped with {@code <em>} around each match,
 * safe to insert as HTML. Long texts are cut to a window around the first match. A redaction placeholder
 * ({@code [CARD]}) is marked whole or not at all: the analyzers read it as the word "card" and would mark
 * only the letters, and a placeholder the query asked for is found through {@code pii}, not the text.
 */
final class HighlightSnippet {
    static final int MAX_LENGTH = 300;
    private static final int LEAD = 60;

    private HighlightSnippet() {
    }

    /** @param highlight the hit's {@code highlight} object (field → [whole text with marks]), may be null */
    static String merge(String text, JsonObject highlight) {
        return merge(text, highlight, Set.of(), Set.of());
    }

    /**
     * @param placeholders the placeholders of the kinds the message's {@code pii} lists (see {@link RedactedText})
     * @param searched     the placeholders the query asked for: marked wherever they stand
     */
    static String merge(String text, JsonObject highlight, Set<String> placeholders, Set<String> searched) {
        if (text == null) {
            return "";
        }
        BitSet marked = new BitSet(text.length());
        if (highlight != null) {
            for (String field : highlight.fieldNames()) {
                JsonArray fragments = highlight.getJsonArray(field);
                if (fragments != null && !fragments.isEmpty()) {
                    markFrom(fragments.getString(0), text, marked);
                }
            }
        }
        for (String placeholder : placeholders) {
            for (int at = text.indexOf(placeholder); at >= 0; at = text.indexOf(placeholder, at + placeholder.length())) {
                int after = at + placeholder.length();
                int firstMarked = marked.nextSetBit(at);
                if (searched.contains(placeholder) || (firstMarked >= 0 && firstMarked < after)) {
                    marked.set(at, after);
                }
            }
        }
        int start = 0;
        int end = text.length();
        if (text.length() > MAX_LENGTH) {
            int first = Math.max(marked.nextSetBit(0), 0);
            start = Math.max(0, Math.min(first - LEAD, text.length() - MAX_LENGTH));
            end = Math.min(text.length(), start + MAX_LENGTH);
        }
        StringBuilder out = new StringBuilder(end - start + 32);
        if (start > 0) {
            out.append('…');
        }
        boolean open = false;
        for (int i = start; i < end; i++) {
            boolean m = marked.get(i);
            if (m && !open) {
                out.append("<em>");
                open = true;
            } else if (!m && open) {
                out.append("</em>");
                open = false;
            }
            escape(text.charAt(i), out);
        }
        if (open) {
            out.append("</em>");
        }
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString();
    }

    /**
     * Walks one highlighted fragment (HTML-encoded by Elasticsearch, marks as {@code <em>}) alongside the
     * original text and sets the bits of marked characters. A fragment that does not line up with the
     * text (it should always) is ignored rather than trusted.
     */
    private static void markFrom(String fragment, String text, BitSet marked) {
        BitSet local = new BitSet();
        int t = 0;
        boolean inMark = false;
        int i = 0;
        while (i < fragment.length()) {
            if (fragment.startsWith("<em>", i)) {
                inMark = true;
                i += 4;
                continue;
            }
            if (fragment.startsWith("</em>", i)) {
                inMark = false;
                i += 5;
                continue;
            }
            char c;
            if (fragment.charAt(i) == '&') {
                int semi = fragment.indexOf(';', i);
                if (semi < 0 || semi - i > 10) {
                    return;
                }
                c = decodeEntity(fragment.substring(i + 1, semi));
                i = semi + 1;
            } else {
                c = fragment.charAt(i++);
            }
            if (t >= text.length() || text.charAt(t) != c) {
                return;
            }
            if (inMark) {
                local.set(t);
            }
            t++;
        }
        marked.or(local);
    }

    private static char decodeEntity(String name) {
        return switch (name) {
            case "amp" -> '&';
            case "lt" -> '<';
            case "gt" -> '>';
            case "quot" -> '"';
            case "apos" -> '\'';
            default -> {
                try {
                    if (name.startsWith("#x") || name.startsWith("#X")) {
                        yield (char) Integer.parseInt(name.substring(2), 16);
                    }
                    if (name.startsWith("#")) {
                        yield (char) Integer.parseInt(name.substring(1));
                    }
                } catch (NumberFormatException e) {
                    yield '\uFFFF';
                }
                yield '\uFFFF';
            }
        };
    }

    private static void escape(char c, StringBuilder out) {
        switch (c) {
            case '&' -> out.append("&amp;");
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> out.append(c);
        }
    }
}
