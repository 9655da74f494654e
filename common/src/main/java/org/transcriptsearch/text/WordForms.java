package org.transcriptsearch.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a typed word is looked up in a {@link Thesaurus}: without the endings the analyzers ignore anyway
 * (English plurals and tenses, Korean particles and 하다 endings, Japanese particles), and, for a word
 * written without spaces, as the entries it is made of. Only the lookup uses these forms; the word
 * itself is still searched as typed.
 */
final class WordForms {
    /** Korean particles and verb endings after a noun, longest first when matched. */
    private static final List<String> KOREAN_ENDINGS = byLengthDescending(List.of(
            "을", "를", "이", "가", "은", "는", "도", "만", "에", "의", "와", "과", "로", "으로", "에서", "에게", "한테",
            "까지", "부터", "처럼", "보다", "랑", "이랑", "하고", "좀", "요", "이요",
            "하다", "해", "해요", "했어요", "했는데", "했어", "할", "할게요", "하려고", "하려면", "하는", "하기", "하고싶어요",
            "해주세요", "해줘", "해줘요", "해주실", "해야", "해도", "하면", "하나요", "할까요", "함",
            "되다", "돼", "돼요", "됐어요", "되었어요", "되나요", "되요", "된", "되는", "안돼요", "이에요", "예요",
            "인데", "인데요", "이랑요", "문의", "관련"));
    /** Japanese particles and light verb endings after a noun. */
    private static final List<String> JAPANESE_ENDINGS = byLengthDescending(List.of(
            "を", "が", "は", "の", "に", "で", "も", "と", "へ", "から", "まで", "って",
            "する", "したい", "して", "します", "しました", "したいです", "できない", "できません", "について", "です"));
    private static final List<String> ENGLISH_SUFFIXES = List.of("'s", "ies", "es", "s", "ed", "d", "ing");
    /** Shortest entry found inside a longer word: a single character inside a word is too often something else. */
    private static final int MIN_INNER_ENTRY = 2;
    private static final int MAX_COMBINATIONS = 256;

    private WordForms() {
    }

    /** The thesaurus entry these words form, in one of their looked-up forms; null if none. */
    static String entryOf(List<String> words, Thesaurus thesaurus) {
        List<List<String>> forms = new ArrayList<>();
        long combinations = 1;
        for (String w : words) {
            List<String> f = lookupForms(w);
            forms.add(f);
            combinations *= f.size();
        }
        if (combinations > MAX_COMBINATIONS) {
            String plain = String.join(" ", words.stream().map(w -> lookupForms(w).get(0)).toList());
            return thesaurus.contains(plain) ? plain : null;
        }
        String found = firstEntry(forms, 0, new ArrayList<>(), thesaurus);
        if (found == null && words.size() > 1
                && words.stream().noneMatch(w -> LanguageDetector.scripts(w).equals(Set.of(LanguageDetector.Script.LATIN)))) {
            // カード 拒否 typed for the entry カード拒否: Chinese and Japanese write it without the space
            for (String joined : lookupForms(String.join("", words))) {
                if (thesaurus.contains(joined)) {
                    return joined;
                }
            }
        }
        return found;
    }

    private static String firstEntry(List<List<String>> forms, int i, List<String> chosen, Thesaurus thesaurus) {
        if (i == forms.size()) {
            String entry = String.join(" ", chosen);
            return thesaurus.contains(entry) ? entry : null;
        }
        for (String f : forms.get(i)) {
            chosen.add(f);
            String found = firstEntry(forms, i + 1, chosen, thesaurus);
            chosen.remove(chosen.size() - 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * The thesaurus word a misspelt Latin word stands for: the one closest to it (a letter missing, added,
     * changed, or two swapped: 1 edit up to 7 letters, 2 from 8), when there is exactly one; else the word
     * itself. Words of the thesaurus, short words and words that are a form of a thesaurus word stay.
     */
    static String corrected(String word, Thesaurus thesaurus) {
        String w = stripPunctuation(Thesaurus.normalize(word));
        if (w.length() < SearchTerms.TYPO_MIN_LENGTH || !w.chars().allMatch(c -> c >= 'a' && c <= 'z')
                || lookupForms(w).stream().anyMatch(thesaurus.vocabulary()::contains)) {
            return word;
        }
        int allowed = w.length() >= 8 ? 2 : 1;
        String best = null;
        int bestDistance = allowed + 1;
        boolean tie = false;
        for (String v : thesaurus.vocabulary()) {
            if (Math.abs(v.length() - w.length()) > allowed || v.charAt(0) != w.charAt(0)) {
                continue;
            }
            int d = editDistance(w, v, allowed);
            if (d < bestDistance) {
                best = v;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance) {
                tie = true;
            }
        }
        return best != null && !tie ? best : word;
    }

    /** Optimal string alignment distance (insert, delete, change, swap two neighbours), capped at limit + 1. */
    static int editDistance(String a, String b, int limit) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowMin = Math.min(rowMin, d[i][j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
        }
        return d[a.length()][b.length()];
    }

    /** The word normalized and stripped of punctuation, then without its endings; the plain form first. */
    static List<String> lookupForms(String word) {
        String w = stripPunctuation(Thesaurus.normalize(word));
        Set<String> forms = new LinkedHashSet<>();
        forms.add(w);
        var scripts = LanguageDetector.scripts(w);
        if (scripts.equals(Set.of(LanguageDetector.Script.LATIN))) {
            for (String suffix : ENGLISH_SUFFIXES) {
                if (w.endsWith(suffix) && w.length() - suffix.length() >= 3) {
                    String stem = w.substring(0, w.length() - suffix.length());
                    forms.add(stem);
                    if (suffix.equals("ies")) {
                        forms.add(stem + "y");
                    }
                    if ((suffix.equals("ed") || suffix.equals("ing")) && stem.length() >= 4
                            && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)) {
                        forms.add(stem.substring(0, stem.length() - 1));
                    }
                    if (suffix.equals("ing")) {
                        forms.add(stem + "e");
                    }
                }
            }
        } else if (scripts.contains(LanguageDetector.Script.HANGUL)) {
            addWithoutEnding(w, KOREAN_ENDINGS, forms);
        } else if (scripts.contains(LanguageDetector.Script.KANA) || scripts.contains(LanguageDetector.Script.HAN)) {
            addWithoutEnding(w, JAPANESE_ENDINGS, forms);
        }
        return List.copyOf(forms);
    }

    private static void addWithoutEnding(String w, List<String> endings, Set<String> forms) {
        for (String e : endings) {
            if (w.endsWith(e) && w.length() > e.length()) {
                forms.add(w.substring(0, w.length() - e.length()));
            }
        }
    }

    /** A piece of a word written without spaces: an entry of the thesaurus ({@code key} its form there) or not. */
    record Piece(String text, String key, boolean entry) {
    }

    /**
     * The word as the entries it is made of and the pieces between them; one piece (not an entry) when no
     * entry is inside. Korean entries must start the word or follow another entry, and end it or be
     * followed by another entry or an ending (dropped: the analyzer drops it too), so 폰 is not found in
     * 폰트; Chinese and Japanese entries may stand anywhere, as those languages write words without spaces.
     */
    static List<Piece> pieces(String word, Thesaurus thesaurus) {
        String w = stripPunctuation(Thesaurus.normalize(word));
        if (w.isEmpty() || w.contains(" ") || LanguageDetector.scripts(w).equals(Set.of(LanguageDetector.Script.LATIN))) {
            return List.of(new Piece(word, null, false));
        }
        boolean korean = LanguageDetector.scripts(w).contains(LanguageDetector.Script.HANGUL);
        List<int[]> spans = korean ? koreanSpans(w, thesaurus) : anywhereSpans(w, thesaurus);
        if (spans.isEmpty()) {
            return List.of(new Piece(word, null, false));
        }
        List<Piece> out = new ArrayList<>();
        int pos = 0;
        for (int[] span : spans) {
            if (span[0] > pos) {
                out.add(new Piece(w.substring(pos, span[0]), null, false));
            }
            String entry = w.substring(span[0], span[1]);
            out.add(new Piece(entry, entry, true));
            pos = span[1];
        }
        if (pos < w.length() && !korean) {
            out.add(new Piece(w.substring(pos), null, false));
        }
        return out;
    }

    private static List<int[]> anywhereSpans(String w, Thesaurus thesaurus) {
        List<int[]> spans = new ArrayList<>();
        int p = 0;
        while (p < w.length()) {
            int end = longestEntryAt(w, p, thesaurus);
            if (end > 0) {
                spans.add(new int[] {p, end});
                p = end;
            } else {
                p++;
            }
        }
        return spans;
    }

    private static List<int[]> koreanSpans(String w, Thesaurus thesaurus) {
        List<int[]> spans = new ArrayList<>();
        return koreanFrom(w, 0, thesaurus, spans) ? spans : List.of();
    }

    private static boolean koreanFrom(String w, int p, Thesaurus thesaurus, List<int[]> spans) {
        if (p == w.length() || (p > 0 && KOREAN_ENDINGS.contains(w.substring(p)))) {
            return p > 0;
        }
        for (int end = w.length(); end >= p + MIN_INNER_ENTRY; end--) {
            if (thesaurus.contains(w.substring(p, end))) {
                spans.add(new int[] {p, end});
                if (koreanFrom(w, end, thesaurus, spans)) {
                    return true;
                }
                spans.remove(spans.size() - 1);
            }
        }
        return false;
    }

    private static int longestEntryAt(String w, int p, Thesaurus thesaurus) {
        for (int end = w.length(); end >= p + MIN_INNER_ENTRY; end--) {
            if (thesaurus.contains(w.substring(p, end))) {
                return end;
            }
        }
        return -1;
    }

    /** The same kana word in the other kana script (パスワード ↔ ぱすわーど); null if not all kana. */
    static String otherKana(String word) {
        String w = Thesaurus.normalize(word);
        if (w.codePointCount(0, w.length()) < 2) {
            return null;
        }
        boolean hiragana = false;
        boolean katakana = false;
        StringBuilder out = new StringBuilder();
        for (char c : w.toCharArray()) {
            if (c >= '\u3041' && c <= '\u3096') {
                hiragana = true;
                out.append((char) (c + 0x60));
            } else if (c >= '\u30A1' && c <= '\u30F6') {
                katakana = true;
                out.append((char) (c - 0x60));
            } else if (c == 'ー') {
                out.append(c);
            } else {
                return null;
            }
        }
        return hiragana == katakana ? null : out.toString();
    }

    private static String stripPunctuation(String w) {
        int start = 0;
        int end = w.length();
        while (start < end && !Character.isLetterOrDigit(w.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(w.charAt(end - 1))) {
            end--;
        }
        return w.substring(start, end);
    }

    private static List<String> byLengthDescending(List<String> endings) {
        return endings.stream().sorted((a, b) -> b.length() - a.length()).toList();
    }
}
