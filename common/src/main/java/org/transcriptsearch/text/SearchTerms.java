package org.transcriptsearch.text;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.transcriptsearch.text.LanguageDetector.Script;

/**
 * What a user typed, read as terms: each word, quoted phrase or prefix is one term a message should
 * hold, with what else it may be written as (its synonyms from a {@link Thesaurus}, its other kana
 * script, a misspelling of a Latin word); {@code -word} excludes. Consecutive words that form one
 * thesaurus entry ("cancel subscription", "human agent") are one term. A word written without spaces
 * (비번초기화, 更换手机号) is searched whole, as the analyzers read it, and also with each entry inside it
 * replaced by its synonyms (비밀번호초기화, 更换电话号码).
 *
 * @param terms     what a message should hold, in the order typed
 * @param excluded  what a message must not hold (each as typed, without its {@code -})
 * @param languages the languages a message found through a synonym or a misspelling may be in: the query's
 *                  own (both Chinese and Japanese for Chinese characters alone; empty = any), so that
 *                  "otp" as a synonym of 인증번호 does not bring English messages to a Korean query
 */
public record SearchTerms(List<Term> terms, List<String> excluded, List<String> languages) {
    /** At most this many synonym forms per term: a long list costs time and dilutes the ranking. */
    static final int MAX_ALTERNATIVES = 16;

    /** {@code PLACEHOLDER}: a redaction placeholder ({@code [CARD]}), see {@link RedactedKind}. */
    public enum Kind { WORDS, PHRASE, PREFIX, PLACEHOLDER }

    /**
     * @param text      as typed (a phrase with its quotes, a prefix with its {@code *}); the query syntax of
     *                  {@link MultilingualQuery} applies to it
     * @param synonyms  other ways to write it
     * @param typos     whether a misspelling of it is also searched (Latin words the thesaurus does not know)
     * @param optional  a word that says what kind of request it is rather than what about ("how", 신청, 问题,
     *                  したい): a message holding it ranks higher, one without it is still found
     */
    public record Term(String text, Kind kind, List<String> synonyms, boolean typos, boolean optional) {
        static Term literal(String text, Kind kind) {
            return new Term(text, kind, List.of(), false, false);
        }

        /** The kind of personal data a placeholder term stands for; empty for any other term. */
        public Optional<RedactedKind> redacted() {
            return kind == Kind.PLACEHOLDER ? RedactedKind.of(text) : Optional.empty();
        }
    }

    /** Longer queries are searched as typed, without synonyms or misspellings. */
    static final int MAX_EXPANDED_WORDS = 24;

    /** How many words typed apart are tried as one entry written without spaces. */
    static final int CJK_JOINED = 3;

    /** The shortest Latin word whose misspellings are searched: shorter ones have too many neighbours. */
    static final int TYPO_MIN_LENGTH = 5;

    /** Reads {@code userText} (never null) with {@code thesaurus} (EMPTY: no synonyms). */
    public static SearchTerms read(String userText, Thesaurus thesaurus, boolean typos) {
        return read(userText, thesaurus, typos, null);
    }

    /**
     * As {@link #read(String, Thesaurus, boolean)}, for a query in Chinese characters alone whose best hits
     * are in {@code hint} ("ja" or "zh"; null: not known): its synonyms then find messages of that language.
     */
    public static SearchTerms read(String userText, Thesaurus thesaurus, boolean typos, String hint) {
        if (tokens(userText).size() > MAX_EXPANDED_WORDS) {
            // a pasted paragraph: its words as typed (each with a dozen forms would make a query of thousands)
            thesaurus = Thesaurus.EMPTY;
            typos = false;
        }
        List<Term> terms = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> words = new ArrayList<>();
        for (String token : tokens(userText)) {
            if (token.length() > 1 && token.startsWith("-")) {
                excluded.add(token.substring(1));
            } else if (token.startsWith("\"")) {
                flush(words, terms, thesaurus, typos);
                terms.add(phrase(token, thesaurus));
            } else if (token.length() > 1 && token.endsWith("*")) {
                flush(words, terms, thesaurus, typos);
                terms.add(Term.literal(token, Kind.PREFIX));
            } else if (RedactedKind.of(token).isPresent()) {
                // no synonyms or misspellings: [CARD] is not the word card
                flush(words, terms, thesaurus, typos);
                terms.add(Term.literal(token, Kind.PLACEHOLDER));
            } else {
                words.add(token);
            }
        }
        flush(words, terms, thesaurus, typos);
        return new SearchTerms(List.copyOf(terms), List.copyOf(excluded), languagesOf(userText, hint));
    }

    /** Whether the text's letters are all Chinese characters (Chinese, or Japanese in kanji alone). */
    public static boolean hanOnly(String text) {
        return LanguageDetector.scripts(text).equals(Set.of(Script.HAN));
    }

    static List<String> languagesOf(String userText, String hint) {
        if (hanOnly(userText) && (LanguageDetector.JAPANESE.equals(hint) || LanguageDetector.CHINESE.equals(hint))) {
            return List.of(hint);
        }
        return switch (LanguageDetector.detect(userText)) {
            case LanguageDetector.KOREAN -> List.of(LanguageDetector.KOREAN);
            case LanguageDetector.JAPANESE -> hanOnly(userText) ? List.of(LanguageDetector.CHINESE, LanguageDetector.JAPANESE)
                    : List.of(LanguageDetector.JAPANESE);
            case LanguageDetector.CHINESE -> List.of(LanguageDetector.CHINESE, LanguageDetector.JAPANESE);
            case LanguageDetector.ENGLISH -> List.of(LanguageDetector.ENGLISH);
            default -> List.of();
        };
    }

    /** Splits on white space, keeping a quoted phrase (unclosed: to the end) as one token with its quotes. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                current.append(c);
                quoted = !quoted;
                if (!quoted) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else if (!quoted && Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    out.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            out.add(quoted ? current + "\"" : current.toString());
        }
        return out;
    }

    /**
     * A quoted phrase keeps its words together; when the phrase is a thesaurus entry ("주소 변경"), its
     * synonyms are searched too, as for the same words unquoted.
     */
    private static Term phrase(String token, Thesaurus thesaurus) {
        String inside = token.substring(1, token.length() - (token.length() > 1 && token.endsWith("\"") ? 1 : 0));
        List<String> words = List.of(inside.strip().split("\\s+"));
        String entry = inside.isBlank() ? null : WordForms.entryOf(words, thesaurus);
        return entry == null ? Term.literal(token, Kind.PHRASE)
                : new Term(token, Kind.PHRASE, limit(thesaurus.alternativesOf(entry)), false, false);
    }

    /** Turns a run of plain words into terms, longest thesaurus entry first. */
    private static void flush(List<String> typed, List<Term> terms, Thesaurus thesaurus, boolean typos) {
        // misspelt words are looked up as the thesaurus word they are closest to ("subscripton")
        List<String> words = typed.stream().map(w -> typos ? WordForms.corrected(w, thesaurus) : w).toList();
        int i = 0;
        while (i < words.size()) {
            int taken = 0;
            // CJK_JOINED: words typed apart may form an entry written without spaces (予約 変更 → 予約変更)
            for (int k = Math.min(Math.max(thesaurus.longestEntryWords(), CJK_JOINED), words.size() - i); k >= 2 && taken == 0; k--) {
                String entry = WordForms.entryOf(words.subList(i, i + k), thesaurus);
                if (entry != null) {
                    Set<String> synonyms = new LinkedHashSet<>();
                    if (!typed.subList(i, i + k).equals(words.subList(i, i + k))) {
                        synonyms.add(entry);
                    }
                    synonyms.addAll(thesaurus.alternativesOf(entry));
                    terms.add(new Term(String.join(" ", typed.subList(i, i + k)), Kind.WORDS, limit(synonyms),
                            false, false));
                    taken = k;
                }
            }
            if (taken == 0) {
                terms.addAll(word(typed.get(i), words.get(i), thesaurus, typos));
                taken = 1;
            }
            i += taken;
        }
        typed.clear();
        if (terms.stream().allMatch(Term::optional)) {
            // nothing but request words ("문의", "how"): they are what is asked for
            terms.replaceAll(t -> new Term(t.text(), t.kind(), t.synonyms(), t.typos(), false));
        }
    }

    /**
     * One typed word as terms: itself (with its synonyms when it is an entry), or, written without spaces
     * and made of entries (비번초기화, 找真人), each entry and each piece between them.
     */
    private static List<Term> word(String word, String lookup, Thesaurus thesaurus, boolean typos) {
        String entry = WordForms.entryOf(List.of(lookup), thesaurus);
        if (entry == null && thesaurus.size() > 0) {
            List<WordForms.Piece> pieces = WordForms.pieces(word, thesaurus);
            if (pieces.stream().anyMatch(WordForms.Piece::entry)) {
                List<Term> out = new ArrayList<>();
                for (WordForms.Piece p : pieces) {
                    if (p.entry()) {
                        out.add(new Term(p.text(), Kind.WORDS, limit(thesaurus.alternativesOf(p.key())),
                                false, false));
                    } else {
                        out.add(new Term(p.text(), Kind.WORDS, List.of(), false,
                                GenericWords.isGeneric(p.text()) || p.text().codePointCount(0, p.text().length()) == 1));
                    }
                }
                return out;
            }
        }
        Set<String> synonyms = new LinkedHashSet<>();
        if (!lookup.equals(word)) {
            synonyms.add(entry != null ? entry : lookup);
        }
        if (entry != null) {
            synonyms.addAll(thesaurus.alternativesOf(entry));
        }
        String otherKana = WordForms.otherKana(word);
        if (otherKana != null) {
            synonyms.add(otherKana);
        }
        Set<Script> scripts = LanguageDetector.scripts(word);
        boolean latin = scripts.equals(Set.of(Script.LATIN));
        boolean misspelt = typos && latin && (entry == null || !lookup.equals(word)) && word.codePointCount(0, word.length()) >= TYPO_MIN_LENGTH
                && word.chars().allMatch(Character::isLetter);
        return List.of(new Term(word, Kind.WORDS, limit(synonyms), misspelt, entry == null && GenericWords.isGeneric(word)));
    }

    private static List<String> limit(java.util.Collection<String> synonyms) {
        return synonyms.stream().limit(MAX_ALTERNATIVES).toList();
    }
}
