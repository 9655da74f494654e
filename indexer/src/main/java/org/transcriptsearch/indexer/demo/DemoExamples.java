package org.transcriptsearch.indexer.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The searches the demo suggests, each tried against the running search API first so that what is
 * printed really returns hits (the sandbox's phrasebook says what its customers talk about).
 */
final class DemoExamples {
    /** One suggested search: its parameters, how many messages it found, and its first hit. */
    record Example(String label, Map<String, String> params, long total, Hit first) {
        String curl(String baseUrl) {
            StringBuilder sb = new StringBuilder("curl -sG " + baseUrl + "/api/search");
            params.forEach((k, v) -> sb.append(" --data-urlencode '").append(k).append('=').append(v).append('\''));
            return sb.toString();
        }

        String explorerLink(String baseUrl) {
            return baseUrl + "/?" + query(params);
        }
    }

    /** A hit, enough to open its conversation. */
    record Hit(String source, String conversationId, String messageId) {
        String conversationUrl(String baseUrl) {
            return baseUrl + "/api/conversations/" + encode(source) + "/" + encode(conversationId)
                    + "?highlight=" + encode(messageId);
        }
    }

    /** A conversation search: words the demo's conversations say in different messages. */
    record ConversationExample(String q, long total) {
        String curl(String baseUrl) {
            return "curl -sG " + baseUrl + "/api/conversations --data-urlencode 'q=" + q + "'";
        }

        String explorerLink(String baseUrl) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("mode", "conversations");
            params.put("q", q);
            return baseUrl + "/?" + query(params);
        }
    }

    /** A refund asked for, then a hand-over to a human: said in different messages. */
    private static final List<String> CONVERSATION_WORDS = List.of("환불 상담원", "返金 オペレーター", "refund agent");
    private static final List<String> KOREAN = List.of("비밀번호", "환불", "주문", "배송");
    private static final List<String> JAPANESE = List.of("パスワード", "返金", "注文", "配送");
    private static final List<String> ENGLISH = List.of("refund", "password", "order");

    private final String baseUrl;
    private final Optional<String> apiKey;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    DemoExamples(String baseUrl, Optional<String> apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Korean, Japanese, then English narrowed by role, language and vendor; only searches that find something. */
    List<Example> find() throws IOException, InterruptedException {
        List<Example> found = new ArrayList<>();
        first("Korean", KOREAN, Map.of()).ifPresent(found::add);
        first("Japanese", JAPANESE, Map.of()).ifPresent(found::add);
        for (String word : ENGLISH) {
            Map<String, String> filters = new LinkedHashMap<>();
            filters.put("language", "en");
            filters.put("role", "user");
            JsonNode result = search(with(word, filters));
            JsonNode vendors = result.path("facets").path("vendor");
            if (total(result) > 0 && vendors.size() > 0) {
                filters.put("vendor", vendors.get(0).path("value").asText());
                Map<String, String> params = with(word, filters);
                JsonNode narrowed = search(params);
                if (total(narrowed) > 0) {
                    found.add(new Example("English, filtered by language, role and vendor", params, total(narrowed),
                            firstHit(narrowed)));
                    break;
                }
            }
        }
        return found;
    }

    /** The first of {@link #CONVERSATION_WORDS} that finds whole conversations. */
    Optional<ConversationExample> conversations() throws IOException, InterruptedException {
        for (String q : CONVERSATION_WORDS) {
            JsonNode result = get("/api/conversations", Map.of("q", q));
            if (total(result) > 0) {
                return Optional.of(new ConversationExample(q, total(result)));
            }
        }
        return Optional.empty();
    }

    private Optional<Example> first(String label, List<String> words, Map<String, String> filters)
            throws IOException, InterruptedException {
        for (String word : words) {
            Map<String, String> params = with(word, filters);
            JsonNode result = search(params);
            if (total(result) > 0) {
                return Optional.of(new Example(label, params, total(result), firstHit(result)));
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> with(String q, Map<String, String> filters) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.putAll(filters);
        return params;
    }

    JsonNode search(Map<String, String> params) throws IOException, InterruptedException {
        return get("/api/search", params);
    }

    private JsonNode get(String endpoint, Map<String, String> params) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + endpoint + "?" + query(params)))
                .timeout(Duration.ofSeconds(30));
        apiKey.ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the search API answered " + response.statusCode() + " to " + params + ": "
                    + response.body());
        }
        return json.readTree(response.body());
    }

    private static long total(JsonNode result) {
        JsonNode t = result.path("total");
        return t.isObject() ? t.path("value").asLong() : t.asLong();
    }

    private static Hit firstHit(JsonNode result) {
        JsonNode h = result.path("hits").path(0);
        String messageId = h.hasNonNull("messageId") ? h.path("messageId").asText() : h.path("id").asText();
        return new Hit(h.path("source").asText(), h.path("conversationId").asText(), messageId);
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
