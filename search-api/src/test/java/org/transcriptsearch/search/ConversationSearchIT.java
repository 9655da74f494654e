package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.document.ConversationDocument;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * {@code GET /api/conversations?q=} over real HTTP against a real Elasticsearch holding
 * {@link TranscriptFixture} and two Korean conversations: one whose customer asks for a refund (환불) in
 * one message and for a human agent (상담원) in another, and one that only asks about refunds.
 */
@ExtendWith(ElasticsearchExtension.class)
class ConversationSearchIT {
    private static final TranscriptFixture FIXTURE = new TranscriptFixture();
    private static final String KORE_KEY = "kore-only-key-1";
    private static final String ALL_KEY = "every-source-key-1";
    /** A message of as many distinct words as a query may hold. */
    private static final String LONG = longText();
    private static SearchServer server;

    private static String longText() {
        StringBuilder words = new StringBuilder();
        for (int i = 0; words.length() < SearchRequest.MAX_QUERY_LENGTH - 8; i++) {
            words.append("w").append(i).append(' ');
        }
        return words.toString().strip();
    }
    private static SearchServer keyed;

    @BeforeAll
    static void start(TestElasticsearch es) {
        Named bot = Named.of("st-1", "Banking Bot");
        FIXTURE.conversation("kore", "kore-banking", bot, "web", "k-ko-refund-agent", 6, List.of(
                TranscriptFixture.user("환불 받을 수 있나요?", "ko", "refund_status", 0.81f, false),
                TranscriptFixture.bot("주문 번호를 알려주세요", "ko"),
                TranscriptFixture.user("그냥 상담원 연결해 주세요", "ko", "human_agent", 0.9f, false)));
        FIXTURE.conversation("kore", "kore-banking", bot, "web", "k-ko-refund-only", 7, List.of(
                TranscriptFixture.user("환불 규정이 궁금해요", "ko", "refund_policy", 0.7f, false),
                TranscriptFixture.bot("환불은 7일 이내에 가능합니다", "ko")));
        FIXTURE.conversation("agentx", "agentx-store", Named.of("r3-218210", "Store Bot"), "web", "ax-long", 8, List.of(
                TranscriptFixture.user(LONG, "en", null, null, null), TranscriptFixture.bot("noted", "en")));
        IndexNames names = es.setup("it-convsearch");
        FIXTURE.index(es, names);
        SearchServerOptions options = SearchServerOptions.defaults().withConnection(es.connection()).withIndices(names)
                .withPort(0).withAccessLog(false);
        server = SearchServer.start(options);
        keyed = SearchServer.start(options.withApiKeys(List.of(ALL_KEY, KORE_KEY + ":kore-banking")));
    }

    @AfterAll
    static void stop() {
        for (SearchServer s : new SearchServer[] {server, keyed}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static JsonObject ok(String query) {
        Http.Answer a = Http.get(server.url() + "/api/conversations?" + query);
        assertEquals(200, a.status(), query + " -> " + a);
        return a.json();
    }

    private static List<String> ids(JsonObject answer) {
        List<String> out = new ArrayList<>();
        answer.getJsonArray("hits").forEach(h -> out.add(((JsonObject) h).getString("source") + "/"
                + ((JsonObject) h).getString("conversationId")));
        return out;
    }

    private static long count(Predicate<ConversationDocument> p) {
        return FIXTURE.conversations.stream().filter(p).count();
    }

    @Test
    void termsInDifferentMessagesFindTheirConversationWithEachMatchHighlighted() {
        String q = "q=" + Http.enc("환불 상담원");
        assertEquals(0, Http.get(server.url() + "/api/search?" + q).json().getLong("total"),
                "no single message holds both words");
        JsonObject r = ok(q);
        assertEquals(List.of("kore-banking/k-ko-refund-agent"), ids(r));
        assertEquals(1, r.getLong("total"));
        JsonObject hit = r.getJsonArray("hits").getJsonObject(0);
        assertEquals("kore", hit.getString("vendor"));
        assertEquals("2025-03-16T09:00:00Z", hit.getString("startedAt"));
        assertEquals(3, hit.getJsonObject("messages").getLong("total"));
        Map<String, String> highlights = new TreeMap<>();
        hit.getJsonArray("matches").forEach(m -> highlights.put(((JsonObject) m).getString("messageId"),
                ((JsonObject) m).getString("highlight")));
        assertEquals(Set.of("m0", "m2"), highlights.keySet(), "the two messages that hold a term, not the bot's: " + hit);
        assertTrue(highlights.get("m0").contains("<em>환불</em>"), highlights.toString());
        assertTrue(highlights.get("m2").contains("<em>상담원</em>"), highlights.toString());
        JsonObject first = hit.getJsonArray("matches").getJsonObject(0);
        assertEquals("user", first.getString("role"));
        assertNotNull(first.getString("timestamp"));
        assertNotNull(first.getString("id"));

        assertEquals(List.of("kore-banking/k-en-1"), ids(ok("q=" + Http.enc("password stolen"))));
        assertEquals(List.of("agentx-store/ax-zh-1"), ids(ok("q=" + Http.enc("密码 退货"))));
    }

    @Test
    void synonymsFindConversationsToo() {
        // 환급 (refund) and 상담사 (agent) are not in the conversation: its 환불 and 상담원 are their synonyms
        JsonObject r = ok("q=" + Http.enc("환급 상담사"));
        assertEquals(List.of("kore-banking/k-ko-refund-agent"), ids(r));
        assertEquals(2, r.getJsonArray("hits").getJsonObject(0).getJsonArray("matches").size(),
                "the matches are found through the synonyms as well");
        assertEquals(0, ok("expand=false&q=" + Http.enc("환급 상담사")).getLong("total"));
    }

    @Test
    void aConversationMissingOneOfTheTermsIsNotFound() {
        assertEquals(Set.of("kore-banking/k-ko-refund-agent", "kore-banking/k-ko-refund-only"),
                new HashSet<>(ids(ok("q=" + Http.enc("환불")))));
        assertEquals(0, ok("q=" + Http.enc("환불 비밀번호")).getLong("total"), "no conversation holds both");
        assertEquals(0, ok("q=" + Http.enc("password dinosaur")).getLong("total"));
        // A phrase stays inside one message: "...password." then "Sure, ..." is no phrase.
        assertEquals(0, ok("q=" + Http.enc("\"password sure\"")).getLong("total"));
        assertEquals(List.of("kore-banking/k-en-1"), ids(ok("q=" + Http.enc("\"reset your password\""))));
        // Excluding a term excludes the conversations where any message holds it.
        assertEquals(List.of("kore-banking/k-ko-refund-only"), ids(ok("q=" + Http.enc("환불 -상담원"))));
    }

    @Test
    void filtersReadTheConversationsFields() {
        assertEquals(FIXTURE.conversations.size(), ok("size=100").getLong("total"));
        assertEquals(count(c -> c.vendor().equals("kore")), ok("vendor=kore").getLong("total"));
        assertEquals(count(c -> c.messages().agent() > 0), ok("role=agent").getLong("total"));
        assertEquals(count(c -> c.languages().contains("ja")), ok("language=ja").getLong("total"));
        assertEquals(count(c -> c.intents() != null && c.intents().contains("reset_password")),
                ok("intent=reset_password").getLong("total"));
        assertEquals(count(c -> c.fallback().count() > 0), ok("fallback=true").getLong("total"));
        assertEquals(count(c -> c.fallback().count() == 0), ok("fallback=false").getLong("total"));
        assertEquals(count(c -> c.confidence() != null && c.confidence().min() <= 0.2f),
                ok("maxConfidence=0.2").getLong("total"));
        assertEquals(count(c -> "Store Bot".equals(c.bot().name())), ok("bot=" + Http.enc("Store Bot")).getLong("total"));
        assertEquals(count(c -> c.channel() != null && c.channel().name().equals("web")), ok("channel=web").getLong("total"));
        assertEquals(count(c -> !c.timestamp().isBefore(java.time.Instant.parse("2025-03-12T00:00:00Z"))),
                ok("from=2025-03-12").getLong("total"));
        assertEquals(List.of("kore-banking/k-ko-refund-agent"),
                ids(ok("q=" + Http.enc("환불") + "&intent=human_agent")));
    }

    @Test
    void facetsCountConversationsAndIgnoreTheirOwnFilter() {
        JsonObject facets = ok("vendor=kore").getJsonObject("facets");
        assertEquals(count(c -> true, ConversationDocument::vendor), values(facets, "vendor"));
        JsonObject kore = ok("vendor=kore").getJsonObject("facets");
        assertEquals(count(c -> c.vendor().equals("kore"), ConversationDocument::source), values(kore, "source"));
        Map<String, Long> roles = new HashMap<>();
        for (String role : List.of("user", "bot", "agent")) {
            Function<ConversationDocument, Integer> n = switch (role) {
                case "user" -> c -> c.messages().user();
                case "bot" -> c -> c.messages().bot();
                default -> c -> c.messages().agent();
            };
            roles.put(role, count(c -> c.vendor().equals("kore") && n.apply(c) > 0));
        }
        roles.values().removeIf(v -> v == 0);
        assertEquals(roles, values(kore, "role"));
        Map<String, Long> languages = new HashMap<>();
        FIXTURE.conversations.stream().filter(c -> c.vendor().equals("kore"))
                .forEach(c -> c.languages().forEach(l -> languages.merge(l, 1L, Long::sum)));
        assertEquals(languages, values(kore, "language"));
        assertEquals(Set.of("vendor", "source", "bot", "intent", "role", "channel", "language", "pii"), facets.fieldNames());
    }

    private static Map<String, Long> count(Predicate<ConversationDocument> p, Function<ConversationDocument, String> key) {
        return FIXTURE.conversations.stream().filter(p).collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    private static Map<String, Long> values(JsonObject facets, String name) {
        Map<String, Long> out = new HashMap<>();
        facets.getJsonArray(name).forEach(v -> out.put(((JsonObject) v).getString("value"), ((JsonObject) v).getLong("count")));
        return out;
    }

    @Test
    void cursorPagingServesEveryConversationExactlyOnce() {
        for (String query : List.of("size=2", "size=1&q=your", "size=1&sort=time&vendor=kore,agentx")) {
            long total = ok(query).getLong("total");
            assertTrue(total >= 3, query + " pages over several pages");
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonObject r = ok(query + (cursor == null ? "" : "&cursor=" + Http.enc(cursor)));
                assertEquals(total, r.getLong("total"));
                seen.addAll(ids(r));
                cursor = r.getString("cursor");
                pages++;
            } while (cursor != null && pages < 50);
            assertEquals(total, seen.size(), query + ": " + seen);
            assertEquals(total, new HashSet<>(seen).size(), query + " served a conversation twice: " + seen);
            assertTrue(pages > 1, query);
        }
        JsonObject all = ok("size=100");
        assertNull(all.getString("cursor"), "everything fits on one page");
        assertEquals(FIXTURE.conversations.stream().map(c -> c.source() + "/" + c.conversation().id()).collect(Collectors.toSet()),
                new HashSet<>(ids(all)));
    }

    @Test
    void aScopedKeyFindsOnlyItsSourcesConversations() {
        Http.Answer kore = Http.get(keyed.url() + "/api/conversations?size=100", KORE_KEY);
        assertEquals(200, kore.status(), kore.toString());
        assertEquals(count(c -> c.source().equals("kore-banking")), kore.json().getLong("total"));
        assertTrue(ids(kore.json()).stream().allMatch(id -> id.startsWith("kore-banking/")), kore.toString());
        assertEquals(Map.of("kore-banking", count(c -> c.source().equals("kore-banking"))),
                values(kore.json().getJsonObject("facets"), "source"));
        Http.Answer password = Http.get(keyed.url() + "/api/conversations?q=password", KORE_KEY);
        assertEquals(List.of("kore-banking/k-en-1"), ids(password.json()));
        assertFalse(password.body().contains("cxone-support") || password.body().contains("agentx"), password.body());
        assertEquals(0, Http.get(keyed.url() + "/api/conversations?q=" + Http.enc("密码"), KORE_KEY).json().getLong("total"));
        assertEquals(0, Http.get(keyed.url() + "/api/conversations?source=agentx-store", KORE_KEY).json().getLong("total"));
        assertEquals(FIXTURE.conversations.size(),
                Http.get(keyed.url() + "/api/conversations?size=100", ALL_KEY).json().getLong("total"));
        assertEquals(401, Http.get(keyed.url() + "/api/conversations").status());
    }

    @Test
    void badParametersAreJson400sNamingThem() {
        for (String[] bad : new String[][] {{"size=0", "size"}, {"size=101", "size"}, {"vendor=zendesk", "vendor"},
                {"role=customer", "role"}, {"from=yesterday", "from"}, {"minConfidence=2", "minConfidence"},
                {"undocumented=1", "undocumented"}, {"cursor=abc", "cursor"}, {"sort=best", "sort"}}) {
            Http.Answer a = Http.get(server.url() + "/api/conversations?" + bad[0]);
            assertEquals(400, a.status(), bad[0] + " -> " + a);
            assertEquals(bad[1], a.json().getString("parameter"), a.toString());
            assertTrue(a.json().getString("error").contains(bad[1]), a.toString());
        }
        Http.Answer many = Http.get(server.url() + "/api/conversations?q=" + Http.enc(LONG));
        assertEquals(200, many.status(), "a query as long as allowed, of many words: " + many);
        assertEquals(List.of("agentx-store/ax-long"), ids(many.json()));
        assertEquals(1, many.json().getJsonArray("hits").getJsonObject(0).getJsonArray("matches").size());
        // A cursor of /api/search is not one of /api/conversations, even for the same parameters.
        String messageCursor = Http.get(server.url() + "/api/search?size=1").json().getString("cursor");
        Http.Answer replay = Http.get(server.url() + "/api/conversations?size=1&cursor=" + Http.enc(messageCursor));
        assertEquals(400, replay.status(), replay.toString());
        assertEquals("cursor", replay.json().getString("parameter"));
    }

    @Test
    void theConversationViewStillAnswersBesideTheSearch() {
        Http.Answer view = Http.get(server.url() + "/api/conversations/kore-banking/k-ko-refund-agent?highlight=m2");
        assertEquals(200, view.status(), view.toString());
        JsonArray messages = view.json().getJsonArray("messages");
        assertEquals(3, messages.size());
        assertTrue(view.json().getJsonObject("conversation").containsKey("messages"), view.toString());
        assertFalse(view.json().getJsonObject("conversation").containsKey("text"), "the messages are there already");
    }
}
