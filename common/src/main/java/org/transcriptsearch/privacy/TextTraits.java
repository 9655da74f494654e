package org.transcriptsearch.privacy;

import java.util.regex.Pattern;

/**
 * What one cheap pass over a matching text tells about it, so that a detector that cannot match is not run
 * (most strings of a vendor record are times, ids and words). Each test is a necessary condition of its
 * kind, never a guess: an e-mail address holds an {@code @}; an IBAN starts with two capitals and two
 * digits; an IPv4 address has three dots and an IPv6 one two colons; a phone, card or id number is a chain
 * of at least {@link #FEWEST_DIGITS} digits joined by the separators {@link DigitRun} allows. A text that is
 * wholly an ISO 8601 date or date-time is a time, not personal data.
 */
record TextTraits(boolean at, boolean ibanStart, int dots, int colons, int longestDigitChain, boolean timestamp) {
    /** The shortest number a digit-chain detector takes: a Hong Kong phone number. */
    static final int FEWEST_DIGITS = 8;
    /** The longest run of separators {@link DigitRun} takes between two groups of digits ({@code " - "}). */
    private static final int LONGEST_LINK = 3;
    private static final Pattern ISO_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?");

    static TextTraits of(String s) {
        boolean at = false;
        boolean iban = false;
        int dots = 0;
        int colons = 0;
        int longest = 0;
        int chain = 0;
        int link = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                chain = link > LONGEST_LINK ? 1 : chain + 1;
                link = 0;
                longest = Math.max(longest, chain);
                continue;
            }
            if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
                link++;
            } else {
                chain = 0;
                link = 0;
            }
            if (c == '@') {
                at = true;
            } else if (c == '.') {
                dots++;
            } else if (c == ':') {
                colons++;
            } else if (!iban && c >= 'A' && c <= 'Z' && i + 3 < n && isUpper(s.charAt(i + 1))
                    && isDigit(s.charAt(i + 2)) && isDigit(s.charAt(i + 3))) {
                iban = true;
            }
        }
        boolean timestamp = n >= 10 && n <= 35 && s.charAt(4) == '-' && ISO_TIME.matcher(s).matches();
        return new TextTraits(at, iban, dots, colons, longest, timestamp);
    }

    /** Whether a detector of {@code kind} may find something here. */
    boolean mayHold(PiiKind kind) {
        if (timestamp) {
            return false;
        }
        return switch (kind) {
            case EMAIL -> at;
            case IBAN -> ibanStart;
            case IP -> dots >= 3 || colons >= 2;
            case PHONE, CARD, NATIONAL_ID -> longestDigitChain >= FEWEST_DIGITS;
        };
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
