package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * {@code /openapi.json} against the running server: every documented parameter is accepted (and used
 * with its example), an undocumented one is refused, every real response validates against its
 * schema with no undocumented field, and every documented field shows up in some real response.
 */
@ExtendWith(ElasticsearchExtension.class)
class OpenApiConformanceIT {
    private static SearchServer server;
    private static JsonObject spec;
    private static final Set<String> documented = new TreeSet<>();
    private static final Set<String> seen = new TreeSet<>();

    @BeforeAll
    static void start(TestElasticsearch es) {
        IndexNames names = es.setup("it-openapi");
        new TranscriptFixture().withRedactions().index(es, names);
        server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0));
        spec = Http.get(server.url() + "/openapi.json").json();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyParameterAndFieldMatchesTheServer() {
        JsonObject paths = spec.getJsonObject("paths");
        assertEquals(Set.of("/api/search", "/api/conversations", "/api/conversations/{source}/{conversationId}",
                "/api/intents", "/health", "/metrics", "/openapi.json"), paths.fieldNames());
        for (String path : List.of("/api/search", "/api/conversations", "/api/intents")) {
            JsonObject op = paths.getJsonObject(path).getJsonObject("get");
            String schema = responseSchema(op, "200");
            collectDocumented(schema);
            check(path + "?", op, schema);
            for (Object o : op.getJsonArray("parameters")) {
                JsonObject p = (JsonObject) o;
                String value = p.containsKey("example") ? exampleValue(p.getValue("example")) : null;
                if (value != null) {
                    check(path + "?" + p.getString("name") + "=" + Http.enc(value), op, schema);
                }
            }
            if (path.equals("/api/search")) {
                // every best hit of these is a check_balance message: the answer names the learned intent
                check(path + "?q=" + Http.enc("balance inquiry"), op, schema);
            }
            Http.Answer undocumented = Http.get(server.url() + path + "?undocumented=1");
            assertEquals(400, undocumented.status());
            validate(undocumented.json(), ref("Error"), "Error", new ArrayList<>());
        }
        // Paging: a cursor the server issued is accepted as documented.
        JsonObject page = Http.get(server.url() + "/api/search?size=2").json();
        check("/api/search?size=2&cursor=" + Http.enc(page.getString("cursor")),
                paths.getJsonObject("/api/search").getJsonObject("get"), "SearchResponse");
        check("/api/search?q=" + Http.enc("password") + "&size=100", paths.getJsonObject("/api/search").getJsonObject("get"),
                "SearchResponse");
        JsonObject conversations = paths.getJsonObject("/api/conversations").getJsonObject("get");
        JsonObject first = Http.get(server.url() + "/api/conversations?size=2&q=your").json();
        check("/api/conversations?size=2&q=your&cursor=" + Http.enc(first.getString("cursor")), conversations,
                "ConversationSearchResponse");
        check("/api/conversations?q=" + Http.enc("[CARD]"), conversations, "ConversationSearchResponse");

        JsonObject conv = paths.getJsonObject("/api/conversations/{source}/{conversationId}").getJsonObject("get");
        String convSchema = responseSchema(conv, "200");
        collectDocumented(convSchema);
        for (String c : List.of("kore-banking/k-en-1", "kore-banking/k-ko-1", "agentx-store/ax-zh-1",
                "agentx-store/ax-en-2", "agentx-store/" + TranscriptFixture.REDACTED_CONVERSATION,
                "cxone-support/" + Http.enc(TranscriptFixture.CXONE_CONVERSATION))) {
            check("/api/conversations/" + c + "?highlight=m0", conv, convSchema);
        }
        check("/api/conversations/kore-banking/k-en-many", conv, convSchema);

        JsonObject health = paths.getJsonObject("/health").getJsonObject("get");
        collectDocumented("Health");
        check("/health", health, "Health");

        Http.Answer metrics = Http.get(server.url() + "/metrics");
        assertEquals(200, metrics.status());
        assertTrue(paths.getJsonObject("/metrics").getJsonObject("get").getJsonObject("responses").getJsonObject("200")
                .getJsonObject("content").containsKey(metrics.headers().firstValue("content-type").orElse("").split(";")[0]),
                metrics.headers().toString());

        TreeSet<String> missing = new TreeSet<>(documented);
        missing.removeAll(seen);
        // "error" on Health appears only when Elasticsearch is down (ElasticsearchOutageIT covers that).
        missing.remove("Health.error");
        assertTrue(missing.isEmpty(), "documented but never seen in a real response: " + missing);
    }

    private static String exampleValue(Object example) {
        if (example instanceof JsonArray a) {
            return a.getValue(0).toString();
        }
        return example.toString();
    }

    private static void check(String pathAndQuery, JsonObject op, String schema) {
        Http.Answer a = Http.get(server.url() + pathAndQuery);
        assertEquals(200, a.status(), pathAndQuery + " -> " + a);
        assertTrue(op.getJsonObject("responses").containsKey("200"));
        List<String> problems = new ArrayList<>();
        validate(a.json(), ref(schema), schema, problems);
        if (!problems.isEmpty()) {
            fail(pathAndQuery + " does not match " + schema + ": " + problems);
        }
    }

    private static String responseSchema(JsonObject op, String status) {
        String r = op.getJsonObject("responses").getJsonObject(status).getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref");
        return r.substring(r.lastIndexOf('/') + 1);
    }

    private static JsonObject ref(String name) {
        return spec.getJsonObject("components").getJsonObject("schemas").getJsonObject(name);
    }

    private static JsonObject resolve(JsonObject schema) {
        String r = schema.getString("$ref");
        return r == null ? schema : ref(r.substring(r.lastIndexOf('/') + 1));
    }

    private static void collectDocumented(String name) {
        walk(ref(name), name, 0);
    }

    private static void walk(JsonObject schema, String at, int depth) {
        JsonObject s = resolve(schema);
        if (depth > 8) {
            return;
        }
        if ("array".equals(s.getString("type"))) {
            walk(s.getJsonObject("items"), at + "[]", depth + 1);
        }
        JsonObject props = s.getJsonObject("properties");
        if (props != null) {
            for (String p : props.fieldNames()) {
                documented.add(at + "." + p);
                walk(props.getJsonObject(p), at + "." + p, depth + 1);
            }
        }
    }

    private static void validate(Object value, JsonObject schema, String at, List<String> problems) {
        JsonObject s = resolve(schema);
        if (value == null) {
            if (!s.getBoolean("nullable", false)) {
                problems.add(at + " is null but not nullable");
            }
            return;
        }
        String type = s.getString("type");
        if (type == null) {
            return;
        }
        boolean ok = switch (type) {
            case "object" -> value instanceof JsonObject;
            case "array" -> value instanceof JsonArray;
            case "string" -> value instanceof String;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> false;
        };
        if (!ok) {
            problems.add(at + " should be " + type + " but is " + value.getClass().getSimpleName() + " " + value);
            return;
        }
        if (s.containsKey("enum") && !s.getJsonArray("enum").contains(value)) {
            problems.add(at + " = " + value + " is not one of " + s.getJsonArray("enum"));
        }
        if (value instanceof JsonArray a) {
            for (Object item : a) {
                validate(item, s.getJsonObject("items"), at + "[]", problems);
            }
        }
        if (value instanceof JsonObject o) {
            JsonObject props = s.getJsonObject("properties", new JsonObject());
            for (Object r : s.getJsonArray("required", new JsonArray())) {
                if (!o.containsKey((String) r)) {
                    problems.add(at + "." + r + " is required but absent");
                }
            }
            for (String key : o.fieldNames()) {
                if (props.containsKey(key)) {
                    seen.add(at + "." + key);
                    validate(o.getValue(key), props.getJsonObject(key), at + "." + key, problems);
                } else if (!s.getBoolean("additionalProperties", true)) {
                    problems.add(at + "." + key + " is not documented");
                }
            }
        }
    }
}
