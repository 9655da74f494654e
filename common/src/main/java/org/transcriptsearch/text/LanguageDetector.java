package org.transcriptsearch.text;

import java.util.EnumSet;
import java.util.Set;

/**
 * Tells the language of a message from its scripts: Hangul is Korean, kana is Japanese, Han without
 * kana is Chinese, Latin letters are English. Chatbot messages are short and often mix scripts
 * ("OTP 번호", "iPhone の設定"): the CJK script wins over Latin when present. A Japanese message
 * written in kanji alone ("住所変更") reads as Chinese: scripts cannot tell them apart.
 */
public final class LanguageDetector {
    public static final String KOREAN = "ko";
    public static final String JAPANESE = "ja";
    public static final String CHINESE = "zh";
    public static final String ENGLISH = "en";
    public static final String UNKNOWN = "und";

    /** The scripts that decide which analyzers can read a text. */
    public enum Script { HANGUL, KANA, HAN, LATIN }

    private LanguageDetector() {
    }

    /** "ko", "ja", "zh", "en", or "und" when the text has no letters to go by (null for null text). */
    public static String detect(String text) {
        if (text == null) {
            return null;
        }
        int hangul = 0;
        int kana = 0;
        int han = 0;
        int latin = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Script script = scriptOf(cp);
            if (script != null) {
                switch (script) {
                    case HANGUL -> hangul++;
                    case KANA -> kana++;
                    case HAN -> han++;
                    case LATIN -> latin++;
                }
            }
        }
        if (hangul > 0 && hangul >= kana) {
            return KOREAN;
        }
        if (kana > 0) {
            return JAPANESE;
        }
        if (han > 0) {
            return CHINESE;
        }
        return latin > 0 ? ENGLISH : UNKNOWN;
    }

    /** Every script that occurs in the text (empty for null text or text without letters). */
    public static Set<Script> scripts(String text) {
        Set<Script> found = EnumSet.noneOf(Script.class);
        if (text != null) {
            text.codePoints().forEach(cp -> {
                Script s = scriptOf(cp);
                if (s != null) {
                    found.add(s);
                }
            });
        }
        return found;
    }

    private static Script scriptOf(int codePoint) {
        return switch (Character.UnicodeScript.of(codePoint)) {
            case HANGUL -> Script.HANGUL;
            case HIRAGANA, KATAKANA -> Script.KANA;
            case HAN -> Script.HAN;
            case LATIN -> Script.LATIN;
            default -> null;
        };
    }
}
