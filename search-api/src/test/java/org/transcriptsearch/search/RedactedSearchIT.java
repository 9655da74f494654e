package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Redacted messages through the search API: {@code pii} on hits, matches and the conversation view, the
 * {@code pii} filter and facet, placeholders searched for and highlighted whole, over {@link TranscriptFixture}
 * with its redacted conversation (documents as a harvest with redaction on stores them).
 */
@ExtendWith(ElasticsearchExtension.class)
class RedactedSearchIT {
    private static final TranscriptFixture FIXTURE = new TranscriptFixture().withRedactions();
    private static TestElasticsearch elasticsearch;
    private static IndexNames names;
    private static SearchServer server;
    private static String base;

    @BeforeAll
    static void start(TestElasticsearch es) {
        elasticsearch = es;
        names = es.setup("it-redacted");
        FIXTURE.index(es, names);
        server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0));
        base = server.url();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonObject ok(String pathAndQuery) {
        Http.Answer a = Http.get(base + pathAndQuery);
        assertEquals(200, a.status(), pathAndQuery + " -> " + a);
        return a.json();
    }

    private static List<JsonObject> hits(String query) {
        JsonObject answer = ok("/api/search?size=100&" + query);
        List<JsonObject> hits = new ArrayList<>();
        answer.getJsonArray("hits").forEach(h -> hits.add((JsonObject) h));
        assertEquals(answer.getLong("total"), hits.size(), query);
        return hits;
    }

    private static Set<String> texts(List<JsonObject> hits) {
        return hits.stream().map(h -> h.getString("text")).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> expected(Predicate<MessageDocument> p) {
        return FIXTURE.messages.stream().filter(p).map(MessageDocument::text).collect(Collectors.toCollection(TreeSet::new));
    }

    private static boolean holds(MessageDocument m, String kind) {
        return m.pii() != null && m.pii().contains(kind);
    }

    @Test
    void theAnalyzersReadAPlaceholderAsTheWord() {
        // Why [CARD] needs pii to be found precisely: every analyzer keeps only the word, as for "card".
        for (String field : List.of("text", "text.en", "text.ko", "text.ja", "text.zh", "text.cjk")) {
            JsonObject tokens = new JsonObject(elasticsearch.request("POST", "/" + names.messages() + "/_analyze",
                    new JsonObject().put("field", field).put("text", "[CARD]").encode()));
            List<String> words = tokens.getJsonArray("tokens").stream().map(t -> ((JsonObject) t).getString("token")).toList();
            assertEquals(List.of("card"), words, field);
            assertEquals(1, ((JsonObject) tokens.getJsonArray("tokens").getValue(0)).getInteger("start_offset"), field);
        }
    }

    @Test
    void hitsCarryTheKindsRedacted() {
        JsonObject hit = hits("q=" + Http.enc("charged twice")).get(0);
        assertEquals(new JsonArray().add("card").add("email"), hit.getJsonArray("pii"));
        assertFalse(hits("q=declined").get(0).containsKey("pii"), "a message without personal data has no pii");
    }

    @Test
    void thePiiFilterTakesKindsAnyAndNone() {
        assertEquals(expected(m -> holds(m, "card")), texts(hits("pii=card")));
        assertEquals(2, texts(hits("pii=card")).size());
        assertEquals(expected(m -> holds(m, "card") || holds(m, "phone")), texts(hits("pii=card&pii=phone")));
        assertEquals(expected(m -> holds(m, "card") || holds(m, "phone")), texts(hits("pii=card,phone")));
        assertEquals(expected(m -> m.pii() != null), texts(hits("pii=any")));
        assertEquals(FIXTURE.messages.size() - expected(m -> m.pii() != null).size(), ok("/api/search?pii=none").getLong("total"));
        // a pattern of the user's own, in any case
        assertEquals(expected(m -> holds(m, "member_id")), texts(hits("pii=MEMBER_ID")));
        // with the other filters and text
        assertEquals(expected(m -> holds(m, "email") && m.role().equals("bot")), texts(hits("pii=email&role=bot")));
        assertEquals(Set.of(), texts(hits("pii=iban")));
    }

    @Test
    void aMalformedPiiValueIsA400NamingIt() {
        for (String bad : List.of("card!", "[CARD]", "e-mail", "card;drop")) {
            Http.Answer a = Http.get(base + "/api/search?pii=" + Http.enc(bad));
            assertEquals(400, a.status(), bad + " -> " + a);
            assertEquals("pii", a.json().getString("parameter"), a.toString());
            assertTrue(a.json().getString("error").contains("national_id"), a.toString());
            assertEquals(400, Http.get(base + "/api/conversations?pii=" + Http.enc(bad)).status());
            assertEquals(400, Http.get(base + "/api/intents?pii=" + Http.enc(bad)).status());
        }
    }

    @Test
    void theFacetCountsEachKind() {
        JsonArray facet = ok("/api/search").getJsonObject("facets").getJsonArray("pii");
        Map<String, Long> counts = new TreeMap<>();
        facet.forEach(v -> counts.put(((JsonObject) v).getString("value"), ((JsonObject) v).getLong("count")));
        Map<String, Long> expected = FIXTURE.messages.stream().filter(m -> m.pii() != null)
                .flatMap(m -> m.pii().stream()).collect(Collectors.groupingBy(k -> k, TreeMap::new, Collectors.counting()));
        assertEquals(expected, counts);
        // the facet shows the other kinds while one is chosen, like every facet
        JsonArray chosen = ok("/api/search?pii=card").getJsonObject("facets").getJsonArray("pii");
        assertEquals(expected.size(), chosen.size());
    }

    @Test
    void aPlaceholderFindsTheMessagesThatHeldThatKindOnly() {
        assertEquals(expected(m -> holds(m, "card")), texts(hits("q=" + Http.enc("[CARD]"))));
        assertEquals(expected(m -> holds(m, "card")), texts(hits("q=" + Http.enc("[card]"))));
        assertEquals(expected(m -> holds(m, "phone")), texts(hits("q=" + Http.enc("[PHONE]"))));
        // a name that is not a built-in kind: a pattern of the user's own, or text a customer typed
        assertEquals(expected(m -> holds(m, "member_id")), texts(hits("q=" + Http.enc("[MEMBER_ID]"))));
        Set<String> ok = texts(hits("q=" + Http.enc("[OK]")));
        assertTrue(ok.contains("I typed [OK] and [CARD] myself") && ok.contains("Your refund & return <ok> is on its way"),
                "read as the word ok: " + ok);
        // with words; and excluded
        assertEquals(expected(m -> holds(m, "card") && m.text().contains("charged")),
                texts(hits("match=all&q=" + Http.enc("[CARD] charged"))));
        Set<String> card = texts(hits("q=card"));
        assertTrue(card.containsAll(expected(m -> holds(m, "card"))), "the word finds the placeholders too: " + card);
        assertTrue(card.contains("my card was declined") && card.contains("my card was stolen yesterday"), card.toString());
        Set<String> notRedacted = texts(hits("q=" + Http.enc("card -[CARD]")));
        assertTrue(notRedacted.contains("my card was declined"), notRedacted.toString());
        assertTrue(notRedacted.stream().noneMatch(expected(m -> holds(m, "card"))::contains), notRedacted.toString());
    }

    @Test
    void highlightsKeepAPlaceholderWhole() {
        for (JsonObject hit : hits("q=" + Http.enc("[CARD]"))) {
            assertTrue(hit.getString("highlight").contains("<em>[CARD]</em>"), hit.encode());
        }
        for (JsonObject hit : hits("q=card")) {
            String h = hit.getString("highlight");
            if (hit.getJsonArray("pii", new JsonArray()).contains("card")) {
                assertTrue(h.contains("<em>[CARD]</em>") && !h.contains("[<em>"), h);
            }
        }
        // not a placeholder where the customer typed it: the word is marked as any word
        JsonObject typed = hits("q=card").stream().filter(h -> h.getString("text").startsWith("I typed")).findFirst().orElseThrow();
        assertTrue(typed.getString("highlight").contains("[<em>CARD</em>]"), typed.encode());
        // markup typed around a placeholder stays escaped text
        JsonObject hostile = hits("q=" + Http.enc("[CARD]")).stream()
                .filter(h -> h.getString("text").equals(TranscriptFixture.HOSTILE + " is my card")).findFirst().orElseThrow();
        assertEquals("&lt;img src=x onerror=&quot;document.body.dataset.pwned=1&quot;&gt;<em>[CARD]</em>&lt;/b&gt;&amp;amp; is my card",
                hostile.getString("highlight"));
    }

    @Test
    void conversationsCarryPiiInMatchesAndTheView() {
        JsonObject found = ok("/api/conversations?pii=card");
        assertEquals(1, found.getLong("total"));
        JsonObject hit = found.getJsonArray("hits").getJsonObject(0);
        assertEquals(TranscriptFixture.REDACTED_CONVERSATION, hit.getString("conversationId"));
        JsonArray kinds = ok("/api/conversations?size=100").getJsonObject("facets").getJsonArray("pii");
        assertTrue(kinds.contains(new JsonObject().put("value", "card").put("count", 1)), "conversations per kind: " + kinds);
        assertFalse(found.getBoolean("partial"));
        Set<String> all = FIXTURE.conversations.stream().map(c -> c.conversation().id()).collect(Collectors.toSet());
        Set<String> clean = new HashSet<>(all);
        clean.remove(TranscriptFixture.REDACTED_CONVERSATION);
        assertEquals(clean, ids(ok("/api/conversations?size=100&pii=none")));
        assertEquals(all, ids(ok("/api/conversations?size=100&pii=none,any")));
        assertEquals(Set.of(TranscriptFixture.REDACTED_CONVERSATION), ids(ok("/api/conversations?size=100&pii=MEMBER_ID")));
        assertEquals(Set.of(), ids(ok("/api/conversations?size=100&pii=iban")));
        assertEquals(Set.of(), ids(ok("/api/conversations?size=100&pii=card&vendor=kore")));

        // a placeholder searches the conversations' pii, not the word "card" other conversations hold
        assertEquals(Set.of(TranscriptFixture.REDACTED_CONVERSATION), ids(ok("/api/conversations?size=100&q=" + Http.enc("[CARD]"))));
        assertTrue(ids(ok("/api/conversations?size=100&q=card")).size() > 1, "the word card is in other conversations");
        JsonObject matched = ok("/api/conversations?size=100&q=" + Http.enc("[CARD]") + "&pii=card");
        JsonArray matches = matched.getJsonArray("hits").getJsonObject(0).getJsonArray("matches");
        assertFalse(matches.isEmpty());
        for (Object o : matches) {
            JsonObject m = (JsonObject) o;
            if (m.getJsonArray("pii", new JsonArray()).contains("card")) {
                assertTrue(m.getString("highlight").contains("<em>[CARD]</em>"), m.encode());
            }
        }
        assertTrue(matches.stream().anyMatch(o -> ((JsonObject) o).containsKey("pii")), matches.encode());

        JsonArray messages = ok("/api/conversations/agentx-store/" + TranscriptFixture.REDACTED_CONVERSATION)
                .getJsonArray("messages");
        assertEquals(new JsonArray().add("card").add("email"), messages.getJsonObject(0).getJsonArray("pii"));
        assertEquals(new JsonArray().add("Yes, [EMAIL]").add("No"), messages.getJsonObject(1).getJsonArray("options"));
        assertFalse(messages.getJsonObject(3).containsKey("pii"));
    }

    @Test
    void intentStatisticsTakeThePiiFilter() {
        JsonObject stats = ok("/api/intents?pii=card");
        long counted = stats.getJsonArray("intents").stream().mapToLong(i -> ((JsonObject) i).getLong("count")).sum();
        assertEquals(FIXTURE.count(m -> holds(m, "card") && m.intent() != null), counted, stats.encode());
    }

    private static Set<String> ids(JsonObject answer) {
        return answer.getJsonArray("hits").stream().map(h -> ((JsonObject) h).getString("conversationId"))
                .collect(Collectors.toSet());
    }
}
