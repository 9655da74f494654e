package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.document.ConversationDocument;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Keys scoped to sources, over real HTTP. The oracle for each scoped key is a second server, without
 * keys, over indices that hold only that key's sources: every endpoint must answer the scoped key
 * exactly as it answers there (status and body; relevance-ordered hits as a set, since scores depend on
 * what else an index holds), and no answer may carry another source's name, conversation or words.
 */
@ExtendWith(ElasticsearchExtension.class)
class ScopedKeysIT {
    private static final String EVERY_SOURCE_KEY = "every-source-key-1";
    private static final String KORE_KEY = "kore-team-key-22";
    private static final String CX_AX_KEY = "cx-and-ax-team-key-333";
    private static final Map<String, Set<String>> SCOPES = Map.of(
            KORE_KEY, Set.of("kore-banking"),
            CX_AX_KEY, Set.of("cxone-support", "agentx-store"));
    private static final String CURSOR_SECRET = "the-same-cursor-secret-for-both";
    private static final TranscriptFixture FIXTURE = new TranscriptFixture();

    private static SearchServer server;
    private static final Map<String, SearchServer> oracles = new LinkedHashMap<>();

    @BeforeAll
    static void start(TestElasticsearch es) {
        IndexNames all = es.setup("it-scope");
        FIXTURE.index(es, all);
        server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection()).withIndices(all)
                .withPort(0).withCursorSecret(CURSOR_SECRET).withAccessLog(false).withApiKeys(List.of(
                        EVERY_SOURCE_KEY, KORE_KEY + ":kore-banking", " " + CX_AX_KEY + ":cxone-support+agentx-store ")));
        int n = 0;
        for (var scope : SCOPES.entrySet()) {
            IndexNames only = es.setup("it-scope-only-" + n++);
            new TranscriptFixture().retainSources(scope.getValue()).index(es, only);
            oracles.put(scope.getKey(), SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                    .withIndices(only).withPort(0).withCursorSecret(CURSOR_SECRET).withAccessLog(false)));
        }
    }

    @AfterAll
    static void stop() {
        oracles.values().forEach(SearchServer::close);
        if (server != null) {
            server.close();
        }
    }

    private static final List<String> SEARCHES = List.of(
            "", "size=100", "q=password", "q=password&sort=time", "q=" + Http.enc("密码"), "q=" + Http.enc("비밀번호"),
            "q=" + Http.enc("パスワード"), "q=refund", "q=balance&size=100", "vendor=kore", "vendor=agentx",
            "vendor=kore,cxone", "source=kore-banking", "source=agentx-store", "source=kore-banking,agentx-store",
            "source=no-such-source", "intent=reset_password", "intent=nlu_fallback", "from=2025-03-10&to=2025-03-16",
            "from=2025-03-12", "to=2025-03-11", "language=zh&fallback=true", "fallback=false",
            "role=user&maxConfidence=0.5", "minConfidence=0.9", "bot=" + Http.enc("Store Bot"), "channel=web");
    private static final List<String> CONVERSATION_SEARCHES = List.of(
            "", "size=100", "q=password", "q=" + Http.enc("password stolen"), "q=your&sort=time", "q=" + Http.enc("密码 退货"),
            "q=balance", "vendor=kore", "source=kore-banking,agentx-store", "source=no-such-source", "role=agent",
            "intent=reset_password", "language=zh&fallback=true", "maxConfidence=0.3", "from=2025-03-12");
    private static final List<String> INTENTS = List.of(
            "", "threshold=0.8", "q=password", "source=cxone-support", "source=kore-banking",
            "language=ja&language=zh", "vendor=agentx&threshold=0.3", "fallback=true");

    @Test
    void everyEndpointAnswersAScopedKeyAsAnIndexOfOnlyItsSourcesWould() {
        for (String key : SCOPES.keySet()) {
            for (String query : SEARCHES) {
                assertSameAnswer(key, "/api/search?" + query, !query.contains("q=") || query.contains("sort=time"));
            }
            for (String query : INTENTS) {
                assertSameAnswer(key, "/api/intents?" + query, true);
            }
            for (String query : CONVERSATION_SEARCHES) {
                assertSameAnswer(key, "/api/conversations?" + query, !query.contains("q=") || query.contains("sort=time"));
            }
            for (ConversationDocument c : FIXTURE.conversations) {
                String path = "/api/conversations/" + c.source() + "/" + Http.enc(c.conversation().id());
                assertSameAnswer(key, path, true);
                assertSameAnswer(key, path + "?highlight=m0", true);
                assertSameAnswer(key, path + "?highlight=nope", true);
            }
            assertSameAnswer(key, "/api/conversations/kore-banking/no-such-conversation", true);
            assertSameAnswer(key, "/api/conversations/no-such-source/k-en-1", true);
            assertSameAnswer(key, "/health", true);
        }
    }

    @Test
    void aConversationOfAnotherSourceIsExactlyAMissingOne() {
        Http.Answer other = Http.get(server.url() + "/api/conversations/agentx-store/ax-zh-1", KORE_KEY);
        Http.Answer missing = Http.get(server.url() + "/api/conversations/agentx-store/ax-zh-404", KORE_KEY);
        assertEquals(404, other.status(), other.toString());
        assertEquals(missing.status(), other.status());
        assertEquals(missing.json().getString("error").replace("ax-zh-404", "ax-zh-1"), other.json().getString("error"));
        assertEquals(missing.json().getString("parameter"), other.json().getString("parameter"));
        assertEquals(200, Http.get(server.url() + "/api/conversations/agentx-store/ax-zh-1", CX_AX_KEY).status());
        assertEquals(200, Http.get(server.url() + "/api/conversations/agentx-store/ax-zh-1", EVERY_SOURCE_KEY).status());
    }

    @Test
    void pagingThroughAScopedSearchServesItsSourcesOnly() {
        for (String key : SCOPES.keySet()) {
            for (String query : List.of("search?size=3", "search?size=4&sort=time&q=balance", "search?size=2&vendor=agentx",
                    "conversations?size=1", "conversations?size=1&sort=time&q=your")) {
                String scopedCursor = null;
                String oracleCursor = null;
                int pages = 0;
                do {
                    String path = "/api/" + query;
                    Http.Answer a = Http.get(server.url() + path + cursor(scopedCursor), key);
                    Http.Answer b = Http.get(oracles.get(key).url() + path + cursor(oracleCursor));
                    assertEquals(b.status(), a.status(), key + " " + path);
                    assertEquals(b.json(), a.json(), key + " " + path + " page " + pages);
                    scopedCursor = a.json().getString("cursor");
                    oracleCursor = b.json().getString("cursor");
                    pages++;
                } while (scopedCursor != null && pages < 50);
            }
        }
    }

    @Test
    void anUnscopedKeyReadsEverySource() {
        JsonObject all = Http.get(server.url() + "/api/search?size=1", EVERY_SOURCE_KEY).json();
        assertEquals(FIXTURE.messages.size(), all.getLong("total"));
        assertEquals(FIXTURE.countBy(MessageDocument::source, m -> true).size(),
                all.getJsonObject("facets").getJsonArray("source").size());
        JsonObject health = Http.get(server.url() + "/health", EVERY_SOURCE_KEY).json();
        assertEquals(FIXTURE.messages.size(), health.getJsonObject("elasticsearch").getLong("messages"));
        JsonObject kore = Http.get(server.url() + "/health", KORE_KEY).json();
        assertEquals(FIXTURE.count(m -> m.source().equals("kore-banking")),
                kore.getJsonObject("elasticsearch").getLong("messages"), "a scoped key counts its sources only");
    }

    private static String cursor(String cursor) {
        return cursor == null ? "" : "&cursor=" + Http.enc(cursor);
    }

    private static void assertSameAnswer(String key, String path, boolean ordered) {
        Http.Answer scoped = Http.get(server.url() + path, key);
        Http.Answer oracle = Http.get(oracles.get(key).url() + path);
        assertEquals(oracle.status(), scoped.status(), key + " " + path + " -> " + scoped);
        assertNotNull(scoped.json(), key + " " + path + " -> " + scoped);
        assertEquals(comparable(oracle.json(), ordered), comparable(scoped.json(), ordered),
                key + " " + path + "\nscoped: " + scoped + "\noracle: " + oracle);
        assertRevealsNothingElse(key, path, scoped.body());
    }

    /** Hits ordered by relevance compare as a set (scores depend on the whole index); a cursor by presence. */
    private static JsonObject comparable(JsonObject answer, boolean ordered) {
        if (ordered || !answer.containsKey("hits")) {
            return answer;
        }
        JsonObject copy = answer.copy();
        List<JsonObject> hits = new ArrayList<>();
        copy.getJsonArray("hits").forEach(h -> hits.add((JsonObject) h));
        // Message hits by id; conversation hits by source and id, with their matches by id.
        hits.sort(Comparator.comparing(h -> h.getString("id", h.getString("source") + "/" + h.getString("conversationId"))));
        for (JsonObject h : hits) {
            if (h.getJsonArray("matches") != null) {
                List<JsonObject> matches = new ArrayList<>();
                h.getJsonArray("matches").forEach(m -> matches.add((JsonObject) m));
                matches.sort(Comparator.comparing(m -> m.getString("id")));
                h.put("matches", new JsonArray(new ArrayList<>(matches)));
            }
        }
        copy.put("hits", new JsonArray(new ArrayList<>(hits)));
        copy.put("cursor", copy.getValue("cursor") != null);
        return copy;
    }

    /** No source, vendor, conversation id or message text outside the key's scope, unless the request named it. */
    private static void assertRevealsNothingElse(String key, String path, String body) {
        Set<String> scope = SCOPES.get(key);
        Set<String> forbidden = new TreeSet<>();
        Set<String> ownVendors = new TreeSet<>();
        FIXTURE.messages.stream().filter(m -> scope.contains(m.source())).forEach(m -> ownVendors.add(m.vendor()));
        for (MessageDocument m : FIXTURE.messages) {
            if (!scope.contains(m.source())) {
                forbidden.add(m.text());
                forbidden.add(m.source());
                forbidden.add(m.conversation().id());
                if (!ownVendors.contains(m.vendor())) {
                    forbidden.add("\"" + m.vendor() + "\"");
                }
            }
        }
        for (String word : forbidden) {
            String unquoted = word.replace("\"", "");
            boolean named = path.contains(unquoted) || path.contains(Http.enc(unquoted));
            assertFalse(!named && body.contains(word), key + " " + path + " reveals '" + word + "': " + body);
        }
    }
}
