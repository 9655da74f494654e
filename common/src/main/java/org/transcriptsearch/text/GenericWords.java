package org.transcriptsearch.text;

import java.util.Set;

/**
 * Words that say what kind of request a query is rather than what it is about: "how", "request",
 * 신청, 문의, したい, 問い合わせ, 问题, 怎么. Analysts type them ("반품 신청", "返品 したい", "流量 查询"),
 * customers mostly do not write them ("반품하고 싶어요"), so a message is found without them and ranks
 * higher with them. A query of such words alone searches them as usual.
 */
final class GenericWords {
    private static final Set<String> WORDS = Set.copyOf(java.util.List.of(
            // English
            "how", "what", "when", "why", "where", "can", "could", "i", "my", "me", "to", "the", "a", "an", "is",
            "want", "need", "please", "help", "request", "requests", "issue", "issues", "problem", "problems",
            "question", "questions", "inquiry", "enquiry", "item", "items", "thing", "about", "with", "for", "of",
            // Korean
            "신청", "문의", "확인", "방법", "요청", "관련", "안내", "부탁", "가능", "문제", "질문", "하고", "싶어요",
            "하고싶어요", "해주세요", "어떻게", "언제", "왜", "좀", "하려면", "하는법", "절차", "처리",
            // Japanese
            "したい", "したいです", "問い合わせ", "お問い合わせ", "確認", "方法", "依頼", "申請", "手続き", "いつ",
            "どう", "どうすれば", "お願い", "について", "教えて", "可能", "問題", "できますか", "やり方", "質問",
            // Chinese
            "查询", "查詢", "申请", "申請", "怎么", "怎麼", "如何", "办理", "辦理", "问题", "問題", "咨询", "諮詢",
            "请问", "請問", "想要", "我想", "我要", "可以", "帮我", "幫我", "什么时候", "什麼時候", "多久", "一下",
            "找", "想", "请", "請", "吗", "嗎", "了", "呢", "的", "时间", "時間"));

    private GenericWords() {
    }

    static boolean isGeneric(String word) {
        return WORDS.contains(Thesaurus.normalize(word));
    }
}
