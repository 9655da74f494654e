package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HighlightSnippetTest {

    @Test
    void mergesMarksOfEverySubFieldOverTheOriginalText() {
        // Elasticsearch's html encoder writes non-ASCII as numeric entities; each analyser marks its own spans.
        String text = "我想重置密码";
        JsonObject highlight = new JsonObject()
                .put("text", new JsonArray().add("我想重置<em>&#23494;</em><em>&#30721;</em>"))
                .put("text.zh", new JsonArray().add("&#25105;&#24819;<em>&#37325;&#32622;</em>&#23494;&#30721;"));
        assertEquals("我想<em>重置密码</em>", HighlightSnippet.merge(text, highlight));
    }

    @Test
    void escapesTheTextSoTheSnippetIsSafeHtml() {
        String text = "Your refund & return <script>x</script>";
        JsonObject highlight = new JsonObject().put("text.en", new JsonArray()
                .add("Your <em>refund</em> &amp; return &lt;script&gt;x&lt;&#x2F;script&gt;"));
        assertEquals("Your <em>refund</em> &amp; return &lt;script&gt;x&lt;/script&gt;", HighlightSnippet.merge(text, highlight));
        assertEquals("a &lt;b&gt; &quot;c&quot;", HighlightSnippet.merge("a <b> \"c\"", null));
    }

    @Test
    void aFragmentThatDoesNotLineUpIsIgnored() {
        JsonObject highlight = new JsonObject().put("text", new JsonArray().add("something <em>else</em>"));
        assertEquals("original words", HighlightSnippet.merge("original words", highlight));
    }

    @Test
    void longTextsAreCutAroundTheFirstMatch() {
        String text = "x".repeat(1000) + " password " + "y".repeat(1000);
        JsonObject highlight = new JsonObject().put("text", new JsonArray()
                .add("x".repeat(1000) + " <em>password</em> " + "y".repeat(1000)));
        String snippet = HighlightSnippet.merge(text, highlight);
        assertTrue(snippet.startsWith("…") && snippet.endsWith("…"), snippet);
        assertTrue(snippet.contains("<em>password</em>"));
        assertTrue(snippet.length() < HighlightSnippet.MAX_LENGTH + 20);
    }

    @Test
    void aPlaceholderOfTheMessagesKindsIsMarkedWholeOrNotAtAll() {
        String text = "card [CARD] <b>[CARD]</b> and [OK]";
        JsonObject highlight = new JsonObject().put("text.en", new JsonArray()
                .add("<em>card</em> [<em>CARD</em>] &lt;b&gt;[CARD]&lt;/b&gt; and [OK]"));
        java.util.Set<String> card = java.util.Set.of("[CARD]");
        assertEquals("<em>card</em> <em>[CARD]</em> &lt;b&gt;[CARD]&lt;/b&gt; and [OK]",
                HighlightSnippet.merge(text, highlight, card, java.util.Set.of()));
        // searched for as a placeholder ([CARD] in q, found through pii): marked wherever it stands
        assertEquals("card <em>[CARD]</em> &lt;b&gt;<em>[CARD]</em>&lt;/b&gt; and [OK]",
                HighlightSnippet.merge(text, null, card, card));
        // a message without that kind: [CARD] is what the customer typed, a word like any other
        assertEquals("<em>card</em> [<em>CARD</em>] &lt;b&gt;[CARD]&lt;/b&gt; and [OK]",
                HighlightSnippet.merge(text, highlight, java.util.Set.of(), card));
    }
}
