package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/** The search API over real HTTP against a real Elasticsearch holding {@link TranscriptFixture}. */
@ExtendWith(ElasticsearchExtension.class)
class SearchApiIT {
    private static final TranscriptFixture FIXTURE = new TranscriptFixture();
    private static SearchServer server;
    private static String base;

    @BeforeAll
    static void start(TestElasticsearch es) {
        IndexNames names = es.setup("it-search");
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

    private static long total(String query) {
        return ok("/api/search?" + query).getLong("total");
    }

    private static boolean conf(MessageDocument m, Predicate<Float> p) {
        return m.intent() != null && m.intent().confidence() != null && p.test(m.intent().confidence());
    }

    private static boolean fallback(MessageDocument m) {
        return m.intent() != null && Boolean.TRUE.equals(m.intent().fallback());
    }

    @Test
    void emptyQueryFindsEveryMessageNewestFirst() {
        JsonObject r = ok("/api/search?size=100");
        assertEquals(FIXTURE.messages.size(), r.getLong("total"));
        JsonArray hits = r.getJsonArray("hits");
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(Instant.parse(hits.getJsonObject(i - 1).getString("timestamp"))
                    .compareTo(Instant.parse(hits.getJsonObject(i).getString("timestamp"))) >= 0);
        }
        assertNull(r.getString("cursor"), "everything fits on one page");
    }

    @Test
    void everyFilterNarrowsToWhatItNames() {
        assertEquals(FIXTURE.count(m -> m.vendor().equals("kore")), total("vendor=kore"));
        assertEquals(FIXTURE.count(m -> !m.vendor().equals("agentx")), total("vendor=kore&vendor=cxone"));
        assertEquals(FIXTURE.count(m -> !m.vendor().equals("agentx")), total("vendor=kore,cxone"));
        assertEquals(FIXTURE.count(m -> m.source().equals("agentx-store")), total("source=agentx-store"));
        assertEquals(FIXTURE.count(m -> "Banking Bot".equals(m.bot().name())), total("bot=" + Http.enc("Banking Bot")));
        assertEquals(FIXTURE.count(m -> "r3-218210".equals(m.bot().id())), total("bot=r3-218210"));
        assertEquals(FIXTURE.count(m -> m.intent() != null && m.intent().name().equals("reset_password")),
                total("intent=reset_password"));
        assertEquals(FIXTURE.count(m -> m.role().equals("agent")), total("role=agent"));
        assertEquals(FIXTURE.count(m -> m.channel() != null && m.channel().name().equals("web")), total("channel=web"));
        assertEquals(FIXTURE.count(m -> m.language().equals("ja")), total("language=ja"));
        Instant from = Instant.parse("2025-03-11T00:00:00Z");
        Instant to = Instant.parse("2025-03-12T23:59:59.999Z");
        assertEquals(FIXTURE.count(m -> !m.timestamp().isBefore(from) && !m.timestamp().isAfter(to)),
                total("from=2025-03-11&to=2025-03-12"));
        assertEquals(FIXTURE.count(m -> !m.timestamp().isBefore(Instant.parse("2025-03-10T09:00:30Z"))),
                total("from=" + Http.enc("2025-03-10T18:00:30+09:00")));
        assertEquals(FIXTURE.count(m -> conf(m, c -> c >= 0.5f)), total("minConfidence=0.5"));
        assertEquals(FIXTURE.count(m -> conf(m, c -> c <= 0.4f)), total("maxConfidence=0.4"));
        assertEquals(FIXTURE.count(m -> conf(m, c -> c >= 0.3f && c <= 0.8f)), total("minConfidence=0.3&maxConfidence=0.8"));
        assertEquals(FIXTURE.count(SearchApiIT::fallback), total("fallback=true"));
        assertEquals(FIXTURE.count(m -> !fallback(m)), total("fallback=false"));
        assertEquals(FIXTURE.count(m -> m.vendor().equals("kore") && m.role().equals("user") && conf(m, c -> c < 0.5f)),
                total("vendor=kore&role=user&maxConfidence=0.49999"));
        assertEquals(FIXTURE.messages.size(), total("q=&vendor=&source=&bot=&intent=&role=&channel=&language=&from=&to="
                + "&minConfidence=&maxConfidence=&fallback=&size=&cursor="), "empty values are absent values");
    }

    @Test
    void facetsCountEveryValueAndIgnoreTheirOwnFilter() {
        JsonObject all = ok("/api/search").getJsonObject("facets");
        assertEquals(FIXTURE.countBy(MessageDocument::vendor, m -> true), facet(all, "vendor"));
        assertEquals(FIXTURE.countBy(MessageDocument::source, m -> true), facet(all, "source"));
        assertEquals(FIXTURE.countBy(m -> m.bot().name(), m -> true), facet(all, "bot"));
        assertEquals(FIXTURE.countBy(m -> m.intent() == null ? null : m.intent().name(), m -> true), facet(all, "intent"));
        assertEquals(FIXTURE.countBy(MessageDocument::role, m -> true), facet(all, "role"));
        assertEquals(FIXTURE.countBy(m -> m.channel() == null ? null : m.channel().name(), m -> true), facet(all, "channel"));
        assertEquals(FIXTURE.countBy(MessageDocument::language, m -> true), facet(all, "language"));

        JsonObject r = ok("/api/search?vendor=kore&role=user");
        assertEquals(FIXTURE.count(m -> m.vendor().equals("kore") && m.role().equals("user")), r.getLong("total"));
        JsonObject f = r.getJsonObject("facets");
        // The vendor facet keeps every vendor (under the role filter), the role facet every role (under vendor).
        assertEquals(FIXTURE.countBy(MessageDocument::vendor, m -> m.role().equals("user")), facet(f, "vendor"));
        assertEquals(FIXTURE.countBy(MessageDocument::role, m -> m.vendor().equals("kore")), facet(f, "role"));
        // Other facets get both filters.
        assertEquals(FIXTURE.countBy(MessageDocument::language, m -> m.vendor().equals("kore") && m.role().equals("user")),
                facet(f, "language"));

        JsonObject ranged = ok("/api/search?language=zh&fallback=false").getJsonObject("facets");
        assertEquals(FIXTURE.countBy(MessageDocument::language, m -> !fallback(m)), facet(ranged, "language"),
                "range and flag filters narrow every facet, including language");
    }

    private static Map<String, Long> facet(JsonObject facets, String name) {
        Map<String, Long> counts = new HashMap<>();
        for (Object o : facets.getJsonArray(name)) {
            JsonObject v = (JsonObject) o;
            counts.put(v.getString("value"), v.getLong("count"));
        }
        return counts;
    }

    @Test
    void highlightsInKoreanJapaneseChineseAndEnglish() {
        assertHighlight("비밀번호", "<em>비밀번호</em>를 재설정하고 싶어요");
        assertHighlight("パスワード", "<em>パスワード</em>をリセットしたい");
        assertHighlight("密码", "我想重置<em>密码</em>");
        assertHighlight("password", "I want to reset my <em>password</em>");
        assertHighlight("refund", "Your <em>refund</em> &amp; return &lt;ok&gt; is on its way");
    }

    private static void assertHighlight(String q, String expected) {
        JsonObject r = ok("/api/search?q=" + Http.enc(q));
        List<String> snippets = new ArrayList<>();
        r.getJsonArray("hits").forEach(h -> snippets.add(((JsonObject) h).getString("highlight")));
        assertTrue(snippets.contains(expected), q + ": " + snippets);
        assertTrue(snippets.stream().allMatch(s -> s.contains("<em>")), q + ": every hit is marked: " + snippets);
    }

    @Test
    void fullTextFindsOnlyMatchingMessagesAndHonoursExclusion() {
        JsonObject r = ok("/api/search?q=balance&size=100");
        assertEquals(FIXTURE.count(m -> m.text().contains("balance")), r.getLong("total"));
        assertEquals(FIXTURE.count(m -> m.text().contains("balance") && !m.text().contains("dollars")),
                total("q=" + Http.enc("balance -dollars")));
        assertEquals(1, total("q=" + Http.enc("\"reset my password\"")));
        assertEquals(0, total("q=" + Http.enc("/regex.*/ OR {\"script\":1}") + "&size=1"));
    }

    @Test
    void cursorPagingServesEveryHitExactlyOnce() {
        for (String query : List.of("size=7", "size=3&sort=time&vendor=kore", "q=balance&size=4", "q=balance&size=5&sort=time")) {
            long total = total(query);
            Set<String> seen = new HashSet<>();
            int pages = 0;
            String cursor = null;
            do {
                JsonObject r = ok("/api/search?" + query + (cursor == null ? "" : "&cursor=" + Http.enc(cursor)));
                for (Object h : r.getJsonArray("hits")) {
                    assertTrue(seen.add(((JsonObject) h).getString("id")), query + ": served twice");
                }
                assertEquals(total, r.getLong("total"));
                cursor = r.getString("cursor");
                pages++;
            } while (cursor != null && pages < 100);
            assertEquals(total, seen.size(), query);
            assertTrue(pages > 1, query + " spans several pages");
        }
    }

    @Test
    void histogramFitsTheRangeAndCountsEveryHit() {
        JsonObject week = ok("/api/search?from=2025-03-10&to=2025-03-16");
        assertEquals("3h", week.getString("interval"));
        assertEquals(week.getLong("total"), sum(week.getJsonArray("histogram")));
        assertTrue(week.getJsonArray("histogram").size() >= 50, "empty buckets over the whole range are shown");
        JsonObject open = ok("/api/search?vendor=agentx");
        assertNotNull(open.getString("interval"));
        assertEquals(open.getLong("total"), sum(open.getJsonArray("histogram")));
        JsonObject day = ok("/api/search?from=2025-03-10T09:00:00Z&to=2025-03-10T10:00:00Z");
        assertEquals("1m", day.getString("interval"));
    }

    private static long sum(JsonArray histogram) {
        return histogram.stream().mapToLong(b -> ((JsonObject) b).getLong("count")).sum();
    }

    @Test
    void conversationInOrderWithTheHighlightedMessage() {
        String path = "/api/conversations/cxone-support/" + Http.enc(TranscriptFixture.CXONE_CONVERSATION);
        JsonObject r = ok(path + "?highlight=m1");
        assertEquals(TranscriptFixture.CXONE_CONVERSATION, r.getString("conversationId"));
        assertEquals(TranscriptFixture.CXONE_CONVERSATION, r.getJsonObject("conversation")
                .getJsonObject("conversation").getString("id"));
        assertFalse(r.getJsonObject("conversation").containsKey("raw"));
        JsonArray messages = r.getJsonArray("messages");
        List<MessageDocument> expected = FIXTURE.conversation("cxone-support", TranscriptFixture.CXONE_CONVERSATION);
        assertEquals(expected.size(), messages.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonObject m = messages.getJsonObject(i);
            assertEquals(expected.get(i).message().id(), m.getString("messageId"));
            assertEquals(expected.get(i).text(), m.getString("text"));
            assertEquals(i == 1, m.getBoolean("highlighted"));
        }

        JsonObject many = ok("/api/conversations/kore-banking/k-en-many");
        JsonArray list = many.getJsonArray("messages");
        assertEquals(30, list.size());
        for (int i = 0; i < 30; i++) {
            assertEquals(i, list.getJsonObject(i).getInteger("seq"), "ordered by seq despite equal timestamps");
        }

        Http.Answer missing = Http.get(base + "/api/conversations/cxone-support/contact%3B4711");
        assertEquals(404, missing.status(), missing.toString());
        assertEquals("conversationId", missing.json().getString("parameter"));
        Http.Answer badHighlight = Http.get(base + path + "?highlight=nope");
        assertEquals(404, badHighlight.status());
        assertEquals("highlight", badHighlight.json().getString("parameter"));
        Http.Answer unknown = Http.get(base + path + "?foo=1");
        assertEquals(400, unknown.status());
        assertEquals("foo", unknown.json().getString("parameter"));
    }

    @Test
    void intentStatisticsMatchCountsComputedHere() {
        checkIntents("", m -> true, 0.5);
        checkIntents("threshold=0.8&vendor=kore", m -> m.vendor().equals("kore"), 0.8);
        checkIntents("language=ja&language=zh", m -> m.language().equals("ja") || m.language().equals("zh"), 0.5);
    }

    private static void checkIntents(String query, Predicate<MessageDocument> filter, double threshold) {
        JsonObject r = ok("/api/intents?" + query);
        List<MessageDocument> withIntent = FIXTURE.messages.stream().filter(filter)
                .filter(m -> m.intent() != null).toList();
        assertEquals(withIntent.size(), r.getLong("total"));
        assertEquals(threshold, r.getDouble("threshold"));
        Map<String, List<MessageDocument>> byIntent = new HashMap<>();
        withIntent.forEach(m -> byIntent.computeIfAbsent(m.intent().name(), k -> new ArrayList<>()).add(m));
        JsonArray intents = r.getJsonArray("intents");
        assertEquals(byIntent.size(), intents.size());
        long previous = Long.MAX_VALUE;
        for (Object o : intents) {
            JsonObject i = (JsonObject) o;
            List<MessageDocument> ms = byIntent.get(i.getString("name"));
            assertNotNull(ms, i.getString("name"));
            assertEquals(ms.size(), i.getLong("count"));
            assertTrue(i.getLong("count") <= previous, "sorted by count");
            previous = i.getLong("count");
            double avg = ms.stream().mapToDouble(m -> m.intent().confidence()).average().orElseThrow();
            assertEquals(avg, i.getDouble("avgConfidence"), 1e-6);
            long below = ms.stream().filter(m -> m.intent().confidence() < threshold).count();
            assertEquals(below, i.getLong("belowThreshold"));
            assertEquals((double) below / ms.size(), i.getDouble("belowThresholdShare"), 1e-9);
            long fb = ms.stream().filter(SearchApiIT::fallback).count();
            assertEquals((double) fb / ms.size(), i.getDouble("fallbackShare"), 1e-9);
        }
    }

    @Test
    void badInputIsA400NamingTheParameter() {
        JsonObject first = ok("/api/search?size=2");
        String cursor = first.getString("cursor");
        int mid = cursor.length() - 5;
        String tampered = cursor.substring(0, mid) + (cursor.charAt(mid) == 'A' ? 'B' : 'A') + cursor.substring(mid + 1);
        char last = cursor.charAt(cursor.length() - 1);
        String spareBits = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');
        String payloadTampered = (cursor.charAt(0) == 'e' ? 'f' : 'e') + cursor.substring(1);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("/api/search?colour=red", "colour");
        cases.put("/api/search?size=abc", "size");
        cases.put("/api/search?size=101", "size");
        cases.put("/api/search?size=0", "size");
        cases.put("/api/search?from=yesterday", "from");
        cases.put("/api/search?to=2025-13-01", "to");
        cases.put("/api/search?from=2025-03-12&to=2025-03-11", "from");
        cases.put("/api/search?size=2&cursor=" + Http.enc(tampered), "cursor");
        cases.put("/api/search?size=2&cursor=" + Http.enc(payloadTampered), "cursor");
        cases.put("/api/search?size=2&cursor=" + Http.enc(spareBits), "cursor");
        cases.put("/api/search?size=2&cursor=garbage", "cursor");
        cases.put("/api/search?size=2&vendor=kore&cursor=" + Http.enc(cursor), "cursor");
        cases.put("/api/search?q=" + "a".repeat(1001), "q");
        cases.put("/api/search?q=" + "a".repeat(5000), "q");
        cases.put("/api/search?q=" + Http.enc("비".repeat(1001)), "q");
        cases.put("/api/search?from=-999999999-01-01&to=%2B999999999-12-31", "from");
        cases.put("/api/search?from=%2B999999999-01-01", "from");
        cases.put("/api/search?to=%2B999999999-12-31", "to");
        cases.put("/api/search?to=%2B10000-01-01T00:00:00Z", "to");
        cases.put("/api/search?from=1899-12-31T23:59:59Z", "from");
        cases.put("/api/intents?from=0001-01-01", "from");
        cases.put("/api/search?minConfidence=2", "minConfidence");
        cases.put("/api/search?maxConfidence=high", "maxConfidence");
        cases.put("/api/search?minConfidence=0.9&maxConfidence=0.1", "minConfidence");
        cases.put("/api/search?fallback=maybe", "fallback");
        cases.put("/api/search?vendor=zendesk", "vendor");
        cases.put("/api/search?role=customer", "role");
        cases.put("/api/search?sort=random", "sort");
        cases.put("/api/search?q=a&q=b", "q");
        cases.put("/api/intents?threshold=1.5", "threshold");
        cases.put("/api/intents?cursor=x", "cursor");
        cases.put("/api/intents?size=-1", "size");
        for (var c : cases.entrySet()) {
            Http.Answer a = Http.get(base + c.getKey());
            assertEquals(400, a.status(), c.getKey() + " -> " + a);
            assertEquals(c.getValue(), a.json().getString("parameter"), c.getKey() + " -> " + a);
            assertFalse(a.json().getString("error").isBlank());
            assertFalse(a.body().contains("Exception"), a.body());
        }
        assertEquals(200, Http.get(base + "/api/search?size=2&cursor=" + Http.enc(cursor)).status());
        Http.Answer q1000 = Http.get(base + "/api/search?q=" + "a".repeat(1000));
        assertEquals(200, q1000.status());
        Http.Answer korean1000 = Http.get(base + "/api/search?q=" + Http.enc("비".repeat(1000)) + "&vendor=kore");
        assertEquals(200, korean1000.status(), "the longest q fits in a URL once percent-encoded");
        assertEquals(200, Http.get(base + "/api/search?from=1900-01-01&to=9999-12-31").status());
        assertEquals(400, Http.rawStatus(base, "/api/search?q=%E0%A4%A"));
        Http.Answer nowhere = Http.get(base + "/api/nowhere");
        assertEquals(404, nowhere.status());
        assertNotNull(nowhere.json().getString("error"));
    }

    @Test
    void overLongUrlsAndHeadersAreJsonErrorsToo() {
        Http.Answer url = Http.get(base + "/api/search?vendor=" + "kore,".repeat(4000));
        assertEquals(414, url.status(), url.toString());
        assertTrue(url.json().getString("error").contains("URL is longer than"), url.toString());
        Http.Answer header = Http.get(base + "/api/search", "k".repeat(9000));
        assertEquals(431, header.status(), header.toString());
        assertTrue(header.json().getString("error").contains("headers"), header.toString());
        Http.Raw broken = Http.raw(base, "GET /api/search?q=a b c HTTP/1.1 extra\r\nHost: x\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(400, broken.status(), broken.toString());
        assertTrue(new JsonObject(broken.body()).containsKey("error"), broken.toString());
        assertEquals(200, Http.get(base + "/api/search?size=1").status(), "the server still answers");
    }

    @Test
    void healthOpenApiAndTheExplorerPage() {
        JsonObject health = ok("/health");
        assertEquals("ok", health.getString("status"));
        assertEquals(FIXTURE.messages.size(), health.getJsonObject("elasticsearch").getLong("messages"));
        assertEquals("3.0.3", ok("/openapi.json").getString("openapi"));
        Http.Answer page = Http.get(base + "/");
        assertEquals(200, page.status());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("Transcript explorer"));
    }
}
