package org.transcriptsearch.relevance;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The judged multilingual set under {@code src/test/resources/relevance/}: chatbot messages in
 * ko/ja/zh/en and queries with the ids of the messages a person judged relevant (same language, about
 * what the query asks, whatever words the message uses).
 */
record RelevanceSet(List<Message> messages, List<JudgedQuery> queries) {
    static final List<String> LANGUAGES = List.of("ko", "ja", "zh", "en");
    /** What a query tests: the way its words differ from those of the messages that answer it. */
    static final List<String> KINDS = List.of("keyword", "inflected", "colloquial", "synonym", "multiword", "phrase",
            "script", "typo");

    /** @param intent what a bot's NLU would have labelled it (null: not recognised) */
    record Message(String id, String language, String text, String intent) {
    }

    record JudgedQuery(String id, String language, String query, String kind, String tests, Set<String> relevant) {
    }

    private record MessageFile(List<Message> messages) {
    }

    private record QueryFile(List<JudgedQuery> queries) {
    }

    static RelevanceSet load() {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return new RelevanceSet(read(json, "messages.json", MessageFile.class).messages(),
                read(json, "queries.json", QueryFile.class).queries());
    }

    private static <T> T read(ObjectMapper json, String file, Class<T> type) {
        try (InputStream in = RelevanceSet.class.getResourceAsStream("/relevance/" + file)) {
            if (in == null) {
                throw new IllegalStateException("relevance/" + file + " is missing from the test classpath");
            }
            return json.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("relevance/" + file + " is not valid", e);
        }
    }
}
