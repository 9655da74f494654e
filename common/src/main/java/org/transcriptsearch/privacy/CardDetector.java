package org.transcriptsearch.privacy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13 to 19 digits in the ranges and lengths of Visa, Mastercard, Amex, Diners, JCB,
 * Discover and UnionPay, written whole or in groups of four (Amex 4-6-5) with spaces or dashes, that pass
 * the Luhn check. A number failing Luhn is left as it is.
 */
final class CardDetector implements PiiDetector {
    static final int RANK = 3;

    @Override
    public void find(MatchingText text, List<PiiMatch> found) {
        DigitRun.scan(text.text(), run -> {
            if (isCard(run)) {
                found.add(text.match(run.start(), run.end(), PiiKind.CARD, RANK));
                return true;
            }
            return false;
        });
    }

    /** The card networks' number ranges (IIN prefixes) with their lengths. */
    private static final Pattern BRANDS = Pattern.compile(String.join("|",
            "4\\d{15}(?:\\d{3})?",                                             // Visa: 16, 19 (13 is no longer issued)
            "5[1-5]\\d{14}|2(?:22[1-9]|2[3-9]\\d|[3-6]\\d\\d|7[01]\\d|720)\\d{12}",      // Mastercard
            "3[47]\\d{13}",                                                   // American Express
            "3(?:0[0-5]|[68]\\d)\\d{11,16}",                                  // Diners Club
            "35(?:2[89]|[3-8]\\d)\\d{12,15}",                                  // JCB
            "6(?:011|4[4-9]\\d|5\\d\\d)\\d{12,15}",                             // Discover
            "62\\d{14,17}"));                                                 // UnionPay

    static boolean isCard(DigitRun run) {
        return !run.plus() && BRANDS.matcher(run.digits()).matches() && wellGrouped(run) && luhn(run.digits());
    }

    private static boolean wellGrouped(DigitRun run) {
        int[] g = run.groups();
        if (g.length == 1) {
            return true;
        }
        if (!run.linkedOnlyBy(" ", "-")) {
            return false;
        }
        if (run.groupsAre(4, 6, 5) || run.groupsAre(4, 6, 4)) {
            return true;
        }
        for (int i = 0; i < g.length - 1; i++) {
            if (g[i] != 4) {
                return false;
            }
        }
        return g[g.length - 1] <= 4;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int v = digits.charAt(i) - '0';
            if (twice) {
                v *= 2;
                if (v > 9) {
                    v -= 9;
                }
            }
            sum += v;
            twice = !twice;
        }
        return sum % 10 == 0;
    }
}
