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

    /**
     * What a query tests: a single word, an inflected form, an informal form, a different word for the
     * same thing, a few words typed the way an analyst types, a quoted phrase, another script or
     * spelling (帳號/账号, パスワード/ぱすわーど, canceled/cancelled), a Latin-script misspelling.
     */
    static final List<String> KINDS =
            List.of("keyword", "inflected", "colloquial", "synonym", "multiword", "phrase", "script", "typo");

    /**
     * One customer message. {@code intent} is what a bot's NLU would have labelled it (snake_case, the
     * same names in every language), null where the bot did not recognise it; some are wrong, as real
     * bots' are.
     */
    record Message(String id, String language, String text, String intent) {
    }

    /** A query with its kind (one of {@link #KINDS}), a note on what it tests, and its relevant ids. */
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
