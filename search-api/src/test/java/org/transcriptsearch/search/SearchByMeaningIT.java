package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Synonyms, misspellings and relaxed matching through the search API over HTTP, against a real node:
 * the built-in thesaurus, then a synonym folder edited while the server runs.
 */
@ExtendWith(ElasticsearchExtension.class)
class SearchByMeaningIT {
    private static final List<String[]> MESSAGES = List.of(
            new String[] {"ko-1", "ko", "비번을 잊어버렸어요"},
            new String[] {"ko-2", "ko", "비밀번호 변경은 어디서 하나요"},
            new String[] {"ko-3", "ko", "폰트가 너무 작아요"},
            new String[] {"en-1", "en", "I'd like to end my membership", "cancel_subscription"},
            new String[] {"en-2", "en", "how do I unsubscribe", "cancel_subscription"},
            new String[] {"en-9", "en", "please cancel subscription today", "cancel_subscription"},
            new String[] {"en-10", "en", "stop charging me every month", "cancel_subscription"},
            new String[] {"ko-4", "ko", "매달 돈 나가는 거 멈춰 주세요", "cancel_subscription"},
            new String[] {"en-3", "en", "my subscription renewal failed"},
            new String[] {"en-4", "en", "please cancel my order"},
            new String[] {"en-5", "en", "my refund is late and I want a real person"},
            new String[] {"en-6", "en", "refund still not here, the delivery is late too, get me a human agent"},
            new String[] {"en-7", "en", "the zorblax screen is blank"},
            new String[] {"en-8", "en", "I forgot my password"},
            new String[] {"ja-1", "ja", "サブスクを解約したい"},
            new String[] {"zh-1", "zh", "我的帳號被鎖了"},
            new String[] {"zh-2", "zh", "账号怎么注销"});

    private static SearchServer builtIn;
    private static SearchServer edited;
    @TempDir
    static Path synonyms;

    @BeforeAll
    static void start(TestElasticsearch es) throws IOException {
        IndexNames names = es.setup("it-meaning");
        StringBuilder bulk = new StringBuilder();
        int n = 0;
        for (String[] m : MESSAGES) {
            bulk.append("{\"index\":{\"_id\":\"").append(m[0]).append("\"}}\n").append(new JsonObject()
                    .put("@timestamp", Instant.parse("2026-11-01T10:00:00Z").plusSeconds(n++).toString())
                    .put("vendor", "kore").put("source", "kore-test")
                    .put("conversation", new JsonObject().put("id", "c-" + m[0]))
                    .put("message", new JsonObject().put("id", m[0]).put("seq", 1))
                    .put("role", "user").put("language", m[1]).put("text", m[2])
                    .put("intent", m.length > 3 ? new JsonObject().put("name", m[3]) : null).encode()).append('\n');
        }
        es.request("POST", "/" + names.messages() + "/_bulk?refresh=true", bulk.toString());
        Files.writeString(synonyms.resolve("en.txt"), "zorblax, password\n", StandardCharsets.UTF_8);
        builtIn = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0));
        edited = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0).withSynonyms(synonyms));
    }

    @AfterAll
    static void stop() {
        for (SearchServer s : new SearchServer[] {builtIn, edited}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static JsonObject search(SearchServer server, String query) {
        Http.Answer a = Http.get(server.url() + "/api/search?size=100&" + query);
        assertEquals(200, a.status(), query + " -> " + a);
        return a.json();
    }

    private static List<String> ids(JsonObject answer) {
        List<String> ids = new ArrayList<>();
        answer.getJsonArray("hits").forEach(h -> ids.add(((JsonObject) h).getString("id")));
        return ids;
    }

    @Test
    void colloquialFormsSynonymsAndScriptVariantsFindWhatWasMeant() {
        JsonObject r = search(builtIn, "q=" + Http.enc("비밀번호"));
        assertEquals(List.of("ko-2", "ko-1"), ids(r), "as typed first, then the colloquial 비번");
        JsonObject term = r.getJsonObject("query").getJsonArray("terms").getJsonObject(0);
        assertEquals("비밀번호", term.getString("text"));
        assertTrue(term.getJsonArray("synonyms").contains("비번"), "the response says what was searched: " + term);
        assertEquals(List.of("ko-1", "ko-2"), ids(search(builtIn, "q=" + Http.enc("비번"))).stream().sorted().toList());
        assertFalse(ids(search(builtIn, "q=" + Http.enc("폰"))).contains("ko-3"), "폰 (phone) is not in 폰트 (font)");

        assertEquals(List.of("en-1", "en-2", "en-9"), ids(search(builtIn, "expand=true&match=all&q="
                + Http.enc("cancel subscription"))).stream().sorted().toList());
        assertEquals(List.of("zh-1", "zh-2"), ids(search(builtIn, "q=" + Http.enc("账号"))).stream().sorted().toList(),
                "帳號 is how Taiwan writes 账号");
        assertEquals(List.of("ja-1"), ids(search(builtIn, "q=" + Http.enc("さぶすく"))), "hiragana finds katakana");
    }

    @Test
    void messagesOfTheIntentTheBestHitsShareAreFoundAfterThem() {
        JsonObject r = search(builtIn, "q=" + Http.enc("cancel subscription"));
        List<String> ids = ids(r);
        assertEquals(List.of("en-1", "en-2", "en-9"), ids.subList(0, 3).stream().sorted().toList(), "the terms first");
        assertEquals(List.of("en-1", "en-10", "en-2", "en-9"), ids.stream().sorted().toList(),
                "then the message of their intent that says it in other words, in their language only (not ko-4)");
        assertEquals(new JsonObject().put("name", "cancel_subscription").put("language", "en"),
                r.getJsonObject("query").getJsonObject("intent"));
        assertFalse(search(builtIn, "expand=false&q=" + Http.enc("cancel subscription")).getJsonObject("query")
                .containsKey("intent"));
    }

    @Test
    void expandFalseSearchesOnlyTheWordsAsTyped() {
        assertEquals(List.of("ko-2"), ids(search(builtIn, "expand=false&q=" + Http.enc("비밀번호"))));
        assertEquals(List.of(), ids(search(builtIn, "expand=false&q=" + Http.enc("subscripton"))));
    }

    @Test
    void aMisspeltLatinWordStillFindsItsMessages() {
        JsonObject r = search(builtIn, "q=subscripton");
        assertEquals(List.of("en-1", "en-3", "en-9"), ids(r).stream().sorted().toList(),
                "subscription, and through it its synonyms (membership)");
        assertEquals("subscription", r.getJsonObject("query").getJsonArray("terms").getJsonObject(0)
                .getJsonArray("synonyms").getString(0), "the word it was read as comes first");
        assertTrue(r.getJsonObject("query").getJsonArray("terms").getJsonObject(0).getBoolean("typos"));
        assertEquals(List.of(), ids(search(builtIn, "q=" + Http.enc("비빌번호"))), "Hangul is never matched loosely");
    }

    @Test
    void messagesHoldingEveryTermComeFirstThenThoseHoldingMost() {
        JsonObject r = search(builtIn, "q=" + Http.enc("refund late delivery human agent"));
        JsonObject query = r.getJsonObject("query");
        assertEquals(2, query.getInteger("required"), "3 terms: refund, late delivery, human agent");
        assertEquals(List.of("en-6", "en-5"), ids(r));
        assertEquals(1, query.getLong("allTerms"));
        assertEquals(2, r.getLong("total"));
        JsonObject strict = search(builtIn, "match=all&q=" + Http.enc("refund late delivery human agent"));
        assertEquals(List.of("en-6"), ids(strict));
        assertEquals(1, strict.getLong("total"));
        long facetTotal = 0;
        for (Object v : r.getJsonObject("facets").getJsonArray("language")) {
            facetTotal += ((JsonObject) v).getLong("count");
        }
        assertEquals(r.getLong("total"), facetTotal, "facets count the same set as total");
    }

    @Test
    void anEditedSynonymFileTakesEffectWithoutARestartAndABrokenOneIsNotUsed() throws Exception {
        assertEquals(List.of("en-7", "en-8"), ids(search(edited, "q=zorblax")).stream().sorted().toList());
        Path en = synonyms.resolve("en.txt");
        Files.writeString(en, "zorblax, refund\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(en, FileTime.from(Instant.now().plusSeconds(5)));
        List<String> found = waitFor(() -> ids(search(edited, "q=zorblax")), ids -> ids.contains("en-5"));
        assertFalse(found.contains("en-8"), "the old rule is gone: " + found);

        Files.writeString(en, "zorblax,, password\n", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(en, FileTime.from(Instant.now().plusSeconds(10)));
        Thread.sleep(SynonymFiles.CHECK_EVERY.toMillis() * 3);
        assertTrue(ids(search(edited, "q=zorblax")).contains("en-5"), "a broken file leaves the rules in use");
        // the languages without a file in the folder keep the built-in synonyms
        assertTrue(ids(search(edited, "q=" + Http.enc("비밀번호"))).contains("ko-1"));
    }

    @Test
    void badTextOptionsAreA400NamingTheParameter() {
        for (var e : Map.of("match=some", "match", "expand=maybe", "expand").entrySet()) {
            for (String path : List.of("/api/search?q=x&", "/api/intents?q=x&")) {
                Http.Answer a = Http.get(builtIn.url() + path + e.getKey());
                assertEquals(400, a.status(), path + e.getKey());
                assertTrue(a.json().getString("error").contains(e.getValue()), a.toString());
            }
        }
    }

    @Test
    void aSynonymFolderThatIsNotThereStopsTheStartWithItsName(@TempDir Path dir) {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.transcriptsearch.config.ConfigException.class,
                () -> SynonymFiles.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("SEARCH_SYNONYMS"), e.getMessage());
    }

    private static <T> T waitFor(java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done)
            throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        T last = probe.get();
        while (!done.test(last) && System.nanoTime() < end) {
            Thread.sleep(200);
            last = probe.get();
        }
        assertTrue(done.test(last), "still " + last);
        return last;
    }
}
