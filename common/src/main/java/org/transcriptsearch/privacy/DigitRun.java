package org.transcriptsearch.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A candidate number in the matching text: consecutive groups of digits joined by the separators people
 * type inside phone, card and id numbers ({@code 010-1234-5678}, {@code +1 (415) 555-0123},
 * {@code 4111 1111 1111 1111}). Detectors look at every part of a chain that begins and ends at a space
 * or at the chain's own ends, and that starts at the chain's start, right after an earlier match, or is
 * written with dashes or dots throughout: so {@code 010-1234-5678 010-9876-5432} and {@code #42 010-1234-5678}
 * yield their phone numbers, while {@code ORD-2025-0310-1234} and the tail of a tracking number
 * {@code 9400 1707 2483 0271 9387} yield nothing.
 */
record DigitRun(int start, int end, boolean plus, String digits, int[] groups, List<String> links) {
    /** The longest part tried from one start: a phone has at most 5 groups after its country code. */
    static final int MAX_GROUPS = 6;

    private static final Set<String> LINKS = Set.of(" ", "-", ".", "(", ")", " (", ") ", ")-", "-(", " - ");

    boolean groupsAre(int... sizes) {
        return java.util.Arrays.equals(groups, sizes);
    }

    boolean linkedOnlyBy(String... allowed) {
        return links.stream().allMatch(l -> List.of(allowed).contains(l));
    }

    /** Calls {@code visitor} with every candidate part of every chain, longest first from each start. */
    static void scan(String text, Visitor visitor) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            List<int[]> groups = new ArrayList<>();
            List<String> links = new ArrayList<>();
            int gs = i;
            int ge = digitsEnd(text, gs);
            groups.add(new int[] {gs, ge});
            while (true) {
                int next = linkEnd(text, ge);
                if (next < 0) {
                    break;
                }
                links.add(text.substring(ge, next));
                gs = next;
                ge = digitsEnd(text, gs);
                groups.add(new int[] {gs, ge});
            }
            visitChain(text, groups, links, visitor);
            i = ge;
        }
    }

    private static void visitChain(String text, List<int[]> groups, List<String> links, Visitor visitor) {
        int chainStart = groups.get(0)[0];
        // "(02) 2345-6789" keeps its area code's parenthesis; "(010-1234-5678)" leaves its own.
        boolean open = chainStart > 0 && text.charAt(chainStart - 1) == '(' && !links.isEmpty() && links.get(0).startsWith(")");
        boolean plus = !open && chainStart > 0 && text.charAt(chainStart - 1) == '+';
        int first = chainStart - (open || plus ? 1 : 0);
        boolean startsClean = boundaryBefore(text, first);
        int last = groups.size() - 1;
        boolean endsClean = boundaryAfter(text, groups.get(last)[1]);
        int i = 0;
        boolean afterMatch = false;
        while (i <= last) {
            boolean matched = false;
            boolean mayStart = i == 0 ? startsClean : links.get(i - 1).equals(" ")
                    && (afterMatch || (i < last && !links.get(i).contains(" ")));
            if (mayStart) {
                for (int j = Math.min(last, i + MAX_GROUPS - 1); j >= i && !matched; j--) {
                    if (j == last ? !endsClean : !links.get(j).equals(" ")) {
                        continue;
                    }
                    if (i > 0 && !afterMatch && !formatted(links.subList(i, j))) {
                        continue;
                    }
                    int start = i == 0 ? first : groups.get(i)[0];
                    StringBuilder digits = new StringBuilder();
                    int[] sizes = new int[j - i + 1];
                    for (int k = i; k <= j; k++) {
                        digits.append(text, groups.get(k)[0], groups.get(k)[1]);
                        sizes[k - i] = groups.get(k)[1] - groups.get(k)[0];
                    }
                    DigitRun run = new DigitRun(start, groups.get(j)[1], i == 0 && plus, digits.toString(), sizes,
                            List.copyOf(links.subList(i, j)));
                    if (visitor.visit(run)) {
                        matched = true;
                        i = j + 1;
                    }
                }
            }
            afterMatch = matched;
            if (!matched) {
                i++;
            }
        }
    }

    /** Written with dashes, dots or parentheses between all its groups, a number stands out from its neighbours. */
    private static boolean formatted(List<String> links) {
        return !links.isEmpty() && links.stream().noneMatch(l -> l.contains(" "));
    }

    /** True when the candidate was taken; the scan then goes on after it. */
    interface Visitor {
        boolean visit(DigitRun run);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Where the next group starts if a separator joins it to the group ending at {@code from}, else -1. */
    private static int linkEnd(String text, int from) {
        for (int len = 1; len <= 3 && from + len < text.length(); len++) {
            if (isDigit(text.charAt(from + len)) && LINKS.contains(text.substring(from, from + len))) {
                return from + len;
            }
            if (isDigit(text.charAt(from + len))) {
                return -1;
            }
        }
        return -1;
    }

    /** Letters, digits and code punctuation before a number make it part of a code, not a phone or a card. */
    static boolean boundaryBefore(String text, int start) {
        if (start == 0) {
            return true;
        }
        char c = text.charAt(start - 1);
        if (isWordChar(c) || "-/#+@$€£¥₩".indexOf(c) >= 0) {
            return false;
        }
        return !(".,:".indexOf(c) >= 0 && start > 1 && isDigit(text.charAt(start - 2)));
    }

    static boolean boundaryAfter(String text, int end) {
        if (end == text.length()) {
            return true;
        }
        char c = text.charAt(end);
        if (isWordChar(c) || "@%/#-".indexOf(c) >= 0) {
            return false;
        }
        return !(".,:".indexOf(c) >= 0 && end + 1 < text.length() && isDigit(text.charAt(end + 1)));
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }
}
