package org.transcriptsearch.text;

/**
 * Tells the language of a message from its scripts: Hangul is Korean, kana is Japanese, Han without
 * kana is Chinese, Latin letters are English. Chatbot messages are short and often mix scripts
 * ("OTP 번호", "iPhone の設定"): the CJK script wins over Latin when present.
 */
public final class LanguageDetector {
    public static final String KOREAN = "ko";
    public static final String JAPANESE = "ja";
    public static final String CHINESE = "zh";
    public static final String ENGLISH = "en";
    public static final String UNKNOWN = "und";

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
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            switch (script) {
                case HANGUL -> hangul++;
                case HIRAGANA, KATAKANA -> kana++;
                case HAN -> han++;
                case LATIN -> latin++;
                default -> { }
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
}
