package org.transcriptsearch.text;

import java.util.EnumSet;
import java.util.Set;

/**
 * Tells the language of a message from its scripts: Hangul is Korean, kana is Japanese, Han without
 * kana is Chinese, Latin letters are English. Chatbot messages are short and often mix scripts
 * ("OTP 번호", "iPhone の設定"): the CJK script wins over Latin when present. A message in kanji alone
 * ("住所変更", "営業時間") is Japanese when it holds a character only Japanese writes: a post-war
 * simplified form that neither Simplified nor Traditional Chinese uses (変, not 变 or 變), or a character
 * made in Japan (込, 働). Kanji alone without one ("注文確認") reads as Chinese: nothing in the
 * characters tells them apart.
 */
public final class LanguageDetector {
    public static final String KOREAN = "ko";
    public static final String JAPANESE = "ja";
    public static final String CHINESE = "zh";
    public static final String ENGLISH = "en";
    public static final String UNKNOWN = "und";

    /**
     * Characters written in Japanese and in neither Chinese script: shinjitai whose Simplified and
     * Traditional forms differ from them (変 变 變, 続 续 續, 駅 驿 驛, 円 圆 圓 ...) and kokuji (込, 働, 枠).
     * Shinjitai that Simplified Chinese shares (会, 国, 学, 号, 当, 届) are left out.
     */
    private static final String ONLY_JAPANESE = "変続駅済売読円図険検証発気価単対応帰楽様関歳営労転辺広鉄経総継緑択訳拡県権"
            + "悪仏伝働込払戻帯説両満隠浜頼処歩渉捜挿焼覧観顔鶏亜圧囲栄塩桜穏絵拝駆恵掲剣験効黒砕雑歯児湿釈従渋粛縄嬢譲"
            + "醸粋専銭繊荘巣騒増蔵臓滝沢団弾遅鋳庁聴逓稲闘徳弐悩脳廃髪抜晩併塀舗豊毎黙薬揺謡竜猟涙塁霊齢暦歴録収枠畑峠匂";

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
        int onlyJapanese = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            Script script = scriptOf(cp);
            if (script != null) {
                switch (script) {
                    case HANGUL -> hangul++;
                    case KANA -> kana++;
                    case HAN -> {
                        han++;
                        onlyJapanese += ONLY_JAPANESE.indexOf(cp) >= 0 ? 1 : 0;
                    }
                    case LATIN -> latin++;
                }
            }
        }
        if (hangul > 0 && hangul >= kana) {
            return KOREAN;
        }
        if (kana > 0 || onlyJapanese > 0) {
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
