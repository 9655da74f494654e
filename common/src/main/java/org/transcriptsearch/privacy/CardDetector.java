package org.transcriptsearch.privacy;

import java.util.List;

/**
 * Payment card numbers: 13 to 19 digits starting with 2 to 6 (Mastercard, Visa, Amex, Diners, JCB,
 * Discover, UnionPay), written whole or in groups of four (Amex 4-6-5) with spaces or dashes, that pass
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

    static boolean isCard(DigitRun run) {
        String d = run.digits();
        if (run.plus() || d.length() < 13 || d.length() > 19 || d.charAt(0) < '2' || d.charAt(0) > '6') {
            return false;
        }
        return wellGrouped(run) && luhn(d);
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
