package org.transcriptsearch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumSet;
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
