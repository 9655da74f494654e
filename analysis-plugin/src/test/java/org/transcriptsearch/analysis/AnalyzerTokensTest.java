package org.transcriptsearch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.junit.jupiter.api.Test;

/** The tokens each analyzer makes of typical chatbot phrasing: pure Lucene, no Elasticsearch. */
class AnalyzerTokensTest {
    private static final Analyzer KOREAN = new KoreanAnalyzerFactory().create();
    private static final Analyzer JAPANESE = new JapaneseAnalyzerFactory().create();
    private static final Analyzer CHINESE = new ChineseAnalyzerFactory().create();
    private static final Analyzer ENGLISH = new EnglishAnalyzerFactory().create();
    private static final Analyzer CJK = new CjkBigramAnalyzerFactory().create();

    @Test
    void koreanDropsParticlesAndSplitsCompounds() {
        // The prefix 재 (re-) is a stop tag: 재설정 and 설정 meet, which the AND of 비밀번호 keeps precise.
        assertEquals(List.of("비밀", "번호", "설정", "싶"), tokens(KOREAN, "비밀번호를 재설정하고 싶어요"));
        assertEquals(tokens(KOREAN, "비밀번호 재설정"), tokens(KOREAN, "비밀번호재설정"));
        assertEquals(tokens(KOREAN, "비밀번호가"), tokens(KOREAN, "비밀번호를"));
        assertEquals(List.of("상담", "원", "연결"), tokens(KOREAN, "상담원연결"));
    }

    @Test
    void koreanSplitsLatinOffHangul() {
        assertEquals(List.of("otp", "번호", "입력"), tokens(KOREAN, "OTP번호를 입력"));
    }

    @Test
    void japaneseReducesInflectionsToTheBaseForm() {
        assertEquals(List.of("パスワード", "リセット"), tokens(JAPANESE, "パスワードをリセットしたい"));
        assertEquals(List.of("パスワード", "リセット"), tokens(JAPANESE, "パスワードのリセットができません"));
        assertEquals(List.of("iphone", "設定"), tokens(JAPANESE, "iPhoneの設定"));
    }

    @Test
    void chineseFoldsTraditionalToSimplifiedAndSegmentsWords() {
        assertEquals(tokens(CHINESE, "我想重置密码"), tokens(CHINESE, "我想重置密碼"));
        // SmartCN does not know 重置 and leaves 重 置 apart: the CJK bigram field is what finds 重置 as a word.
        assertEquals(List.of("我", "想", "重", "置", "密码"), tokens(CHINESE, "我想重置密碼"));
        assertEquals(List.of("取消", "订单"), tokens(CHINESE, "取消訂單"));
        assertTrue(tokens(CHINESE, "iPhone上怎么设置通知").contains("iphone"));
    }

    @Test
    void prefixQueriesAreFoldedLikeIndexedText() {
        assertEquals("密码", CHINESE.normalize("text", "密碼").utf8ToString());
        assertEquals("密码", CJK.normalize("text", "密碼").utf8ToString());
        assertEquals("cafe", ENGLISH.normalize("text", "Café").utf8ToString());
    }

    @Test
    void chineseOffsetsStayOnTheOriginalText() {
        // Highlighting marks the stored (Traditional) text with these offsets.
        assertEquals(List.of("0-2", "2-3", "3-4"), offsets(CHINESE, "密碼重置"));
    }

    @Test
    void cjkBigramsFoldTraditionalAndCoverEveryScript() {
        assertEquals(List.of("我想", "想重", "重置", "置密", "密码"), tokens(CJK, "我想重置密碼"));
        assertEquals(List.of("비밀", "밀번", "번호", "호를"), tokens(CJK, "비밀번호를"));
        assertEquals(List.of("パス", "スワ", "ワー", "ード"), tokens(CJK, "ﾊﾟｽﾜｰﾄﾞ"));
    }

    @Test
    void englishHandlesPossessivesPluralsAndAccents() {
        assertEquals(tokens(ENGLISH, "order"), tokens(ENGLISH, "order's"));
        assertEquals(tokens(ENGLISH, "order"), tokens(ENGLISH, "Orders"));
        assertEquals(tokens(ENGLISH, "refund"), tokens(ENGLISH, "refunded"));
        assertEquals(List.of("cafe", "hour"), tokens(ENGLISH, "Café hours"));
        assertEquals(List.of("i", "cancel", "my", "order"), tokens(ENGLISH, "I cancelled my orders"));
    }

    private static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> offsets(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(offset.startOffset() + "-" + offset.endOffset());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
