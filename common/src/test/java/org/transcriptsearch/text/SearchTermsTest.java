package org.transcriptsearch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchTermsTest {
    private static Thesaurus thesaurus(String rules) throws Exception {
        return Thesaurus.parse("test.txt", new StringReader(rules));
    }

    private static final String RULES = """
            # a comment
            cancel subscription, unsubscribe, end membership
            password, pw
            delayed delivery, late delivery
            pw reset => reset password
            비밀번호, 비번, 패스워드
            초기화, 재설정
            폰, 휴대폰
            手机号, 电话号码
            更换, 变更
            """;

    @Test
    void wordsThatFormOneEntryAreOneTermWithTheEntrysSynonyms() throws Exception {
        SearchTerms t = SearchTerms.read("cancel subscription", thesaurus(RULES), true);
        assertEquals(1, t.terms().size());
        assertEquals(List.of("unsubscribe", "end membership"), t.terms().get(0).synonyms());
    }

    @Test
    void inflectedEnglishFindsItsEntry() throws Exception {
        SearchTerms t = SearchTerms.read("delayed deliveries", thesaurus(RULES), true);
        assertEquals(1, t.terms().size());
        assertEquals(List.of("late delivery"), t.terms().get(0).synonyms());
    }

    @Test
    void oneWayRulesAndCaseAndWidthFolding() throws Exception {
        Thesaurus th = thesaurus(RULES);
        assertEquals(List.of("reset password"), List.copyOf(th.alternativesOf("pw reset")));
        assertFalse(th.alternativesOf("reset password").contains("pw reset"));
        assertEquals(List.of("password"), SearchTerms.read("ＰＷ", th, true).terms().get(0).synonyms());
    }

    @Test
    void koreanParticlesAndCompoundsFindTheirEntries() throws Exception {
        Thesaurus th = thesaurus(RULES);
        assertEquals(List.of("비밀번호", "패스워드"), SearchTerms.read("비번을", th, true).terms().get(0).synonyms());
        SearchTerms compound = SearchTerms.read("비번초기화를", th, true);
        assertEquals(List.of("비번", "초기화"), compound.terms().stream().map(SearchTerms.Term::text).toList());
        assertEquals(List.of("재설정"), compound.terms().get(1).synonyms());
        // 폰 inside 폰트 (font) is not the entry 폰 (phone)
        assertEquals(List.of(), SearchTerms.read("폰트", th, true).terms().get(0).synonyms());
        assertEquals(List.of("휴대폰"), SearchTerms.read("폰이", th, true).terms().get(0).synonyms());
    }

    @Test
    void aChineseWordIsReadAsTheEntriesItIsMadeOfAndTheRequestWordsAroundThem() throws Exception {
        SearchTerms t = SearchTerms.read("我想更换手机号", thesaurus(RULES), true);
        assertEquals(List.of("我想", "更换", "手机号"), t.terms().stream().map(SearchTerms.Term::text).toList());
        assertEquals(List.of(true, false, false), t.terms().stream().map(SearchTerms.Term::optional).toList());
        assertEquals(List.of("电话号码"), t.terms().get(2).synonyms());
    }

    @Test
    void wordsTypedWithASpaceFindAnEntryWrittenWithout() throws Exception {
        SearchTerms t = SearchTerms.read("手机 号", thesaurus(RULES), true);
        assertEquals(1, t.terms().size());
        assertEquals(List.of("电话号码"), t.terms().get(0).synonyms());
    }

    @Test
    void wordsTypedApartFindAnEntryWrittenWithoutSpacesInAThesaurusOfSingleWordEntries() throws Exception {
        // a Japanese thesaurus has no entry of several words: the joined form must be tried all the same
        SearchTerms t = SearchTerms.read("予約 変更", thesaurus("予約変更, 日程変更\n"), true);
        assertEquals(List.of("予約 変更"), t.terms().stream().map(SearchTerms.Term::text).toList());
        assertEquals(List.of("日程変更"), t.terms().get(0).synonyms());
    }

    @Test
    void aKanjiAloneQueryUsesTheRulesOfItsBestHitsLanguage() throws Exception {
        Thesauri all = new Thesauri(Map.of(
                "ja", thesaurus("有人対応, オペレーター"),
                "zh", thesaurus("人工客服, 真人客服")));
        assertEquals(List.of(), SearchTerms.read("有人対応", all.forQuery("有人対応"), true).terms().get(0).synonyms(),
                "unknown language: no kana form for what may be a Chinese query");
        SearchTerms ja = SearchTerms.read("有人対応", all.forQuery("有人対応", "ja"), true, "ja");
        assertEquals(List.of("オペレーター"), ja.terms().get(0).synonyms());
        assertEquals(List.of("ja"), ja.languages());
        assertEquals(List.of("zh", "ja"), SearchTerms.read("有人対応", all.forQuery("有人対応"), true).languages());
        assertEquals(List.of("ko"), SearchTerms.read("상담원", Thesaurus.EMPTY, true, "ja").languages(),
                "the hint only settles Chinese characters alone");
    }

    @Test
    void requestWordsAreOptionalUnlessTheyAreAllThereIs() throws Exception {
        SearchTerms t = SearchTerms.read("반품 신청", Thesaurus.EMPTY, true);
        assertEquals(List.of(false, true), t.terms().stream().map(SearchTerms.Term::optional).toList());
        assertEquals(List.of(false), SearchTerms.read("신청", Thesaurus.EMPTY, true).terms().stream()
                .map(SearchTerms.Term::optional).toList());
    }

    @Test
    void kanaIsAlsoSearchedInTheOtherKana() {
        assertEquals(List.of("ぱすわーど"), SearchTerms.read("パスワード", Thesaurus.EMPTY, true).terms().get(0).synonyms());
        assertEquals(List.of("サブスク"), SearchTerms.read("さぶすく", Thesaurus.EMPTY, true).terms().get(0).synonyms());
        assertEquals(List.of(), SearchTerms.read("解約する", Thesaurus.EMPTY, true).terms().get(0).synonyms());
    }

    @Test
    void misspellingsOnlyForLongerLatinWordsTheThesaurusDoesNotKnow() throws Exception {
        Thesaurus th = thesaurus(RULES);
        assertTrue(SearchTerms.read("subscripton", th, true).terms().get(0).typos());
        assertFalse(SearchTerms.read("card", th, true).terms().get(0).typos());
        assertFalse(SearchTerms.read("password", th, true).terms().get(0).typos());
        assertFalse(SearchTerms.read("비밀번호를", th, true).terms().get(0).typos());
        assertFalse(SearchTerms.read("subscripton", th, false).terms().get(0).typos());
        assertFalse(SearchTerms.read("12345678", th, true).terms().get(0).typos());
    }

    @Test
    void aMisspeltWordIsLookedUpAsTheThesaurusWordItIsClosestTo() throws Exception {
        Thesaurus th = thesaurus(RULES + "order tracking, track my order\n");
        SearchTerms t = SearchTerms.read("cancel subscripton", th, true);
        assertEquals(1, t.terms().size());
        assertEquals(List.of("cancel subscription", "unsubscribe", "end membership"), t.terms().get(0).synonyms());
        assertEquals(List.of("order tracking", "track my order"), SearchTerms.read("order trakcing", th, true).terms()
                .get(0).synonyms(), "two letters swapped");
        assertEquals(List.of(), SearchTerms.read("cancel subscripton", th, false).terms().get(1).synonyms());
        assertEquals("delivery", WordForms.corrected("delivry", th));
        assertEquals("deliveries", WordForms.corrected("deliveries", th), "a form of a thesaurus word stays");
        assertEquals("quantum", WordForms.corrected("quantum", th), "nothing close");
    }

    @Test
    void aQuotedPhraseThatIsAnEntryAlsoFindsItsSynonyms() throws Exception {
        SearchTerms t = SearchTerms.read("\"late delivery\"", thesaurus(RULES), true);
        assertEquals(SearchTerms.Kind.PHRASE, t.terms().get(0).kind());
        assertEquals(List.of("delayed delivery"), t.terms().get(0).synonyms());
        assertEquals(List.of(), SearchTerms.read("\"late delivery\"", Thesaurus.EMPTY, false).terms().get(0).synonyms());
    }

    @Test
    void phrasesPrefixesAndExclusionsKeepTheirSyntax() throws Exception {
        SearchTerms t = SearchTerms.read("\"reset link\" pass* -refund password", thesaurus(RULES), true);
        assertEquals(List.of("\"reset link\"", "pass*", "password"), t.terms().stream().map(SearchTerms.Term::text).toList());
        assertEquals(List.of(SearchTerms.Kind.PHRASE, SearchTerms.Kind.PREFIX, SearchTerms.Kind.WORDS),
                t.terms().stream().map(SearchTerms.Term::kind).toList());
        assertEquals(List.of("refund"), t.excluded());
        assertEquals(List.of("\"open"), SearchTerms.tokens("\"open").stream().map(s -> s.substring(0, 5)).toList());
    }

    @Test
    void aQueryUsesOnlyTheRulesOfItsLanguage() throws Exception {
        Thesauri all = new Thesauri(Map.of(
                "ja", thesaurus("解約, 退会, サブスク解約\nキャンセル, 取消"),
                "zh", thesaurus("取消订阅, 退订"),
                "en", thesaurus("cancel, cancellation")));
        assertTrue(all.forQuery("取消订阅").contains("取消订阅"));
        // a Chinese query may use the Japanese rules written in kanji alone, never their kana forms
        assertEquals(List.of("退会"), List.copyOf(all.forQuery("解約").alternativesOf("解約")));
        assertFalse(all.forQuery("取消").contains("キャンセル"));
        assertEquals(List.of("退会", "サブスク解約"), List.copyOf(all.forQuery("解約する").alternativesOf("解約")));
        assertFalse(all.forQuery("cancel").contains("取消"));
    }

    @Test
    void aPastedParagraphIsSearchedAsTyped() throws Exception {
        String paragraph = String.join(" ", java.util.Collections.nCopies(SearchTerms.MAX_EXPANDED_WORDS + 1, "password"));
        assertTrue(SearchTerms.read(paragraph, thesaurus(RULES), true).terms().stream().allMatch(t -> t.synonyms().isEmpty()));
        assertFalse(SearchTerms.read("password", thesaurus(RULES), true).terms().get(0).synonyms().isEmpty());
    }

    @Test
    void brokenLinesAreNamedWithFileAndLine() {
        Thesaurus.SyntaxError e = assertThrows(Thesaurus.SyntaxError.class, () -> thesaurus("a, b\nc,, d"));
        assertEquals("test.txt:2: an empty entry (two commas in a row, or a comma at an end)", e.getMessage());
        assertThrows(Thesaurus.SyntaxError.class, () -> thesaurus("lonely"));
        assertThrows(Thesaurus.SyntaxError.class, () -> thesaurus("a => b => c"));
    }

    @Test
    void relaxedMatchingNeedsMostTerms() {
        assertEquals(List.of(0, 1, 2, 2, 3, 4, 5, 5), java.util.stream.IntStream.range(0, 8)
                .map(MultilingualQuery::required).boxed().toList());
    }

    @Test
    void aRedactionPlaceholderIsOneTermWithoutSynonymsOrMisspellings() throws Exception {
        Thesaurus th = thesaurus(RULES + "card, credit card\n");
        SearchTerms t = SearchTerms.read("[CARD] stolen", th, true);
        SearchTerms.Term card = t.terms().get(0);
        assertEquals("[CARD]", card.text());
        assertEquals(SearchTerms.Kind.PLACEHOLDER, card.kind());
        assertTrue(card.synonyms().isEmpty() && !card.typos() && !card.optional());
        assertEquals(new RedactedKind("card", true), card.redacted().orElseThrow());
        assertEquals(new RedactedKind("member_id", false), SearchTerms.read("[member_id]", th, true).terms().get(0)
                .redacted().orElseThrow());
        assertEquals(List.of("[CARD]"), SearchTerms.read("refund -[CARD]", th, true).excluded());
        // only a whole bracketed name: "[CARD]," or "card" are words
        assertEquals(SearchTerms.Kind.WORDS, SearchTerms.read("card", th, true).terms().get(0).kind());
        assertTrue(SearchTerms.read("card", th, true).terms().get(0).redacted().isEmpty());
        assertTrue(RedactedKind.of("[CARD],").isEmpty() && RedactedKind.of("[]").isEmpty() && RedactedKind.of("[a b]").isEmpty());
    }
}
