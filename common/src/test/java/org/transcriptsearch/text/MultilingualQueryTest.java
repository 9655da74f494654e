package org.transcriptsearch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.SimpleQueryStringFlag;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultilingualQueryTest {
    @Test
    void searchesTheAnalyzersThatCanReadTheQuery() {
        assertEquals(List.of("text.ko", "text.cjk"), MultilingualQuery.fieldsFor("비밀번호 재설정"));
        assertEquals(List.of("text.ja", "text.cjk"), MultilingualQuery.fieldsFor("パスワードをリセットしたい"));
        assertEquals(List.of("text.zh", "text.cjk"), MultilingualQuery.fieldsFor("重置密码"));
        // Kanji alone could be Japanese: the bigrams find 住所変更 in Japanese messages too.
        assertEquals(List.of("text.zh", "text.cjk"), MultilingualQuery.fieldsFor("住所変更"));
        assertEquals(List.of("text.ko", "text.ja", "text.zh", "text.en"), MultilingualQuery.fieldsFor("cancel order"));
        assertEquals(List.of("text.ko", "text.ja", "text.zh", "text.en", "text.cjk"), MultilingualQuery.fieldsFor("OTP 번호"));
        assertEquals(List.of("text", "text.en"), MultilingualQuery.fieldsFor("10293"));
    }

    @Test
    void everySearchedFieldIsHighlighted() {
        for (String q : List.of("비밀번호", "パスワード", "密码", "password", "OTP 번호", "42")) {
            assertTrue(MultilingualQuery.highlightFields().containsAll(MultilingualQuery.fieldsFor(q)), q);
        }
    }

    @Test
    void everyWordMustMatchAndOnlyDocumentedSyntaxIsOn() {
        Query q = MultilingualQuery.forText("\"cancel order\" -refund");
        var s = q.simpleQueryString();
        assertEquals(Operator.And, s.defaultOperator());
        assertEquals("\"cancel order\" -refund", s.query());
        assertTrue(s.lenient());
        assertEquals(List.of(SimpleQueryStringFlag.Phrase, SimpleQueryStringFlag.Prefix, SimpleQueryStringFlag.Not,
                SimpleQueryStringFlag.Whitespace), s.flags());
    }

    @Test
    void aPlaceholderSearchesTheKindsOfPersonalDataNotTheWord() {
        SearchTerms terms = SearchTerms.read("[CARD] [member_id] -[EMAIL]", Thesaurus.EMPTY, true);
        String messages = MultilingualQuery.forTerms(terms, MultilingualQuery.Match.ALL).toString();
        assertTrue(messages.contains("\"term\":{\"pii\":{\"value\":\"card\",\"case_insensitive\":true}}"), messages);
        // a built-in kind never as the word card; another name may also be text a customer typed
        assertFalse(messages.contains("\"query\":\"[CARD]\""), messages);
        assertTrue(messages.contains("\"value\":\"member_id\"") && messages.contains("\"query\":\"[MEMBER_ID]\""), messages);
        assertTrue(messages.contains("\"must_not\":[{\"term\":{\"pii\":{\"value\":\"email\""), messages);
    }
}
