package org.transcriptsearch.text;

import java.util.Map;
import java.util.Set;
import org.transcriptsearch.text.LanguageDetector.Script;

/**
 * One {@link Thesaurus} per language, and the one a query uses: the language of the query decides, so a
 * Korean query is expanded only into Korean, an English one into English. A query in Chinese characters
 * alone may be Chinese or Japanese: it uses the Chinese rules and the Japanese rules written in kanji
 * alone (退会, 解約), never a Japanese form in kana that would bring Japanese messages to a Chinese query.
 */
public final class Thesauri {
    public static final Thesauri NONE = new Thesauri(Map.of());

    private final Map<String, Thesaurus> byLanguage;
    private final Thesaurus hanQueries;

    /** {@code byLanguage}: "ko", "ja", "zh", "en" (any may be missing). */
    public Thesauri(Map<String, Thesaurus> byLanguage) {
        this.byLanguage = Map.copyOf(byLanguage);
        this.hanQueries = get(LanguageDetector.CHINESE).with(get(LanguageDetector.JAPANESE),
                entry -> LanguageDetector.scripts(entry).equals(Set.of(Script.HAN)));
    }

    /**
     * The rules for a query in Chinese characters alone once the language of its best hits is known
     * ({@code hint}: "ja" or "zh"; anything else: as {@link #forQuery(String)}).
     */
    public Thesaurus forQuery(String userText, String hint) {
        if (SearchTerms.hanOnly(userText) && (LanguageDetector.JAPANESE.equals(hint) || LanguageDetector.CHINESE.equals(hint))) {
            return get(hint);
        }
        return forQuery(userText);
    }

    /** The rules for a query written as {@code userText}. */
    public Thesaurus forQuery(String userText) {
        return switch (LanguageDetector.detect(userText)) {
            case LanguageDetector.KOREAN -> get(LanguageDetector.KOREAN);
            case LanguageDetector.JAPANESE -> LanguageDetector.scripts(userText).contains(Script.KANA)
                    ? get(LanguageDetector.JAPANESE) : hanQueries;
            case LanguageDetector.CHINESE -> hanQueries;
            case LanguageDetector.ENGLISH -> get(LanguageDetector.ENGLISH);
            default -> Thesaurus.EMPTY;
        };
    }

    public Thesaurus get(String language) {
        return byLanguage.getOrDefault(language, Thesaurus.EMPTY);
    }

    /** Entries per language, for a log line or a health answer. */
    public Map<String, Integer> sizes() {
        java.util.Map<String, Integer> out = new java.util.TreeMap<>();
        byLanguage.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }
}
