package org.transcriptsearch.privacy;

import java.text.Normalizer;

/**
 * The copy of a text that detectors match against: full-width digits, letters, {@code ＠} and dots, the
 * ideographic space and the dashes people type between digits become their ASCII forms (NFKC, code point by
 * code point), while every character of the copy remembers the span of the original it came from, so the
 * placeholder replaces exactly what the user wrote.
 */
final class MatchingText {
    private final String original;
    private final String normalized;
    /** For each char of {@code normalized}: where its original code point starts and ends; null when identical. */
    private final int[] originStart;
    private final int[] originEnd;
    private TextTraits traits;

    private MatchingText(String original, String normalized, int[] originStart, int[] originEnd) {
        this.original = original;
        this.normalized = normalized;
        this.originStart = originStart;
        this.originEnd = originEnd;
    }

    static MatchingText of(String original) {
        boolean ascii = true;
        for (int i = 0; i < original.length() && ascii; i++) {
            ascii = original.charAt(i) < 0x80;
        }
        if (ascii) {
            return new MatchingText(original, original, null, null);
        }
        StringBuilder sb = new StringBuilder(original.length());
        int[] starts = new int[original.length() * 2 + 8];
        int[] ends = new int[starts.length];
        int n = 0;
        for (int i = 0; i < original.length(); ) {
            int cp = original.codePointAt(i);
            int next = i + Character.charCount(cp);
            String form = matchingForm(cp, original, i, next);
            for (int k = 0; k < form.length(); k++) {
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                    ends = java.util.Arrays.copyOf(ends, n * 2);
                }
                starts[n] = i;
                ends[n] = next;
                n++;
            }
            sb.append(form);
            i = next;
        }
        return new MatchingText(original, sb.toString(), starts, ends);
    }

    private static String matchingForm(int cp, String original, int from, int to) {
        if (cp < 0x80) {
            return original.substring(from, to);
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) {
            return String.valueOf((char) (cp - 0xFEE0));  // full-width ASCII, the common case, without NFKC's cost
        }
        if (cp == 0x3000) {
            return " ";
        }
        if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3041 && cp <= 0x3096)
                || (cp >= 0x30A1 && cp <= 0x30FA)) {
            return original.substring(from, to); // Hangul syllables, CJK ideographs, kana: their own NFKC form
        }
        switch (cp) {
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x30FC, 0xFF70, 0xFE63:
                return "-";
            case 0x3002, 0xFF61:
                return ".";
            default:
                String form = Normalizer.normalize(original.substring(from, to), Normalizer.Form.NFKC);
                return form.isEmpty() ? " " : form;
        }
    }

    String text() {
        return normalized;
    }

    /** The copy's traits, found once (every detector asks). */
    TextTraits traits() {
        if (traits == null) {
            traits = TextTraits.of(normalized);
        }
        return traits;
    }

    String original() {
        return original;
    }

    /** The start in the original of the copy's char at {@code index}. */
    int originalStart(int index) {
        return originStart == null ? index : originStart[index];
    }

    /** The end in the original of a span of the copy ending (exclusively) at {@code index}. */
    int originalEnd(int index) {
        return originEnd == null ? index : originEnd[index - 1];
    }

    PiiMatch match(int start, int end, PiiKind kind, int rank) {
        return new PiiMatch(originalStart(start), originalEnd(end), kind.configName(), kind.placeholder(), rank);
    }
}
