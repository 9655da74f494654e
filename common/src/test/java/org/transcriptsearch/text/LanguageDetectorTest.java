package org.transcriptsearch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.text.LanguageDetector.Script;

class LanguageDetectorTest {
    @Test
    void tellsTheLanguageFromTheScript() {
        assertEquals("ko", LanguageDetector.detect("비밀번호를 재설정하고 싶어요"));
        assertEquals("ja", LanguageDetector.detect("パスワードをリセットしたい"));
        assertEquals("zh", LanguageDetector.detect("我想重置密码"));
        assertEquals("zh", LanguageDetector.detect("密碼重置郵件沒有收到"));
        assertEquals("en", LanguageDetector.detect("My order's tracking number"));
        assertEquals("en", LanguageDetector.detect("café hours"));
    }

    @Test
    void theCjkScriptWinsOverLatinInMixedMessages() {
        assertEquals("ko", LanguageDetector.detect("OTP 번호가 안 와요"));
        assertEquals("ja", LanguageDetector.detect("iPhoneの設定"));
        assertEquals("zh", LanguageDetector.detect("iPhone上怎么设置通知"));
        // Kana next to kanji makes it Japanese, not Chinese.
        assertEquals("ja", LanguageDetector.detect("注文をキャンセルしたい"));
    }

    @Test
    void japaneseInKanjiAloneIsJapaneseWhenACharacterOnlyJapaneseWrites() {
        assertEquals("ja", LanguageDetector.detect("住所変更"));
        assertEquals("ja", LanguageDetector.detect("営業時間"));
        assertEquals("ja", LanguageDetector.detect("解約手続"));
        assertEquals("ja", LanguageDetector.detect("支払方法"));
        assertEquals("ja", LanguageDetector.detect("領収書発行"));
        assertEquals("ja", LanguageDetector.detect("4,980円"));
        // The same meaning in Simplified and Traditional Chinese stays Chinese.
        assertEquals("zh", LanguageDetector.detect("地址变更"));
        assertEquals("zh", LanguageDetector.detect("地址變更"));
        assertEquals("zh", LanguageDetector.detect("营业时间"));
        assertEquals("zh", LanguageDetector.detect("營業時間"));
        assertEquals("zh", LanguageDetector.detect("支付方式"));
        assertEquals("zh", LanguageDetector.detect("4,980日元"));
        // Kanji that Chinese writes the same way cannot tell: Chinese, as before.
        assertEquals("zh", LanguageDetector.detect("注文確認"));
    }

    /** The relevance set's messages (over 1,000), each labelled by a person: the detector agrees with every label. */
    @Test
    void agreesWithEveryLabelOfTheRelevanceSet() throws Exception {
        JsonNode set = new ObjectMapper().readTree(Path.of("../search-api/src/test/resources/relevance/messages.json").toFile());
        List<String> wrong = new ArrayList<>();
        for (JsonNode m : set.path("messages")) {
            String said = LanguageDetector.detect(m.path("text").asText());
            if (!said.equals(m.path("language").asText())) {
                wrong.add(m.path("id").asText() + " " + said + ": " + m.path("text").asText());
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(set.path("messages").size() >= 1000, set.path("messages").size() + " messages");
    }

    @Test
    void noLettersIsUndeterminedAndNullStaysNull() {
        assertEquals("und", LanguageDetector.detect("12345 !!"));
        assertEquals("und", LanguageDetector.detect(""));
        assertNull(LanguageDetector.detect(null));
    }

    @Test
    void listsEveryScriptInAText() {
        assertEquals(EnumSet.of(Script.LATIN, Script.HANGUL), LanguageDetector.scripts("OTP 번호"));
        assertEquals(EnumSet.of(Script.LATIN, Script.KANA, Script.HAN), LanguageDetector.scripts("iPhoneの設定"));
        assertEquals(EnumSet.of(Script.HAN), LanguageDetector.scripts("住所変更"));
        assertEquals(EnumSet.noneOf(Script.class), LanguageDetector.scripts("42"));
        assertEquals(EnumSet.noneOf(Script.class), LanguageDetector.scripts(null));
    }
}
