package org.transcriptsearch.sandbox.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What generated customers and bots say, loaded from {@code corpus/phrasebook.json}. Loading checks that
 * every line exists in every language, so a gap fails at start-up rather than as a missing message.
 */
public final class Phrasebook {
    private static final String RESOURCE = "/corpus/phrasebook.json";
    static final List<String> SMALL_TALK = List.of(
            "greeting", "welcome", "menu", "thanks", "goodbye", "wait", "anythingElse", "fallback", "affirm",
            "handover", "more");
    static final List<String> TOPIC_LINES = List.of(
            "problem", "detail", "followup", "ask", "answer", "answerFollowup", "options");

    private final Map<String, Map<Language, List<String>>> smallTalk;
    private final List<Topic> topics;
    private final Map<Language, Locale> locales;
    private final List<String> products;

    /** One subject customers ask about, with its intent name and lines per language. */
    public record Topic(String intent, Map<Language, String> label, Map<String, Map<Language, List<String>>> lines) {
        public List<String> lines(String key, Language language) {
            return lines.get(key).get(language);
        }
    }

    /** Per-language fillers: how to say yes and no, customer names, amounts, cities. */
    public record Locale(List<String> yes, List<String> no, List<String> names, List<String> amounts,
                         List<String> cities) {
    }

    private Phrasebook(Map<String, Map<Language, List<String>>> smallTalk, List<Topic> topics,
                       Map<Language, Locale> locales, List<String> products) {
        this.smallTalk = smallTalk;
        this.topics = topics;
        this.locales = locales;
        this.products = products;
    }

    public static Phrasebook load() {
        try (InputStream in = Phrasebook.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("phrasebook resource missing: " + RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static Phrasebook parse(JsonNode root) {
        Map<Language, Locale> locales = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            JsonNode node = required(root.path("languages"), language.code(), "languages");
            String where = "languages." + language.code();
            locales.put(language, new Locale(strings(node, "yes", where), strings(node, "no", where),
                    strings(node, "names", where), strings(node, "amounts", where), strings(node, "cities", where)));
        }
        Map<String, Map<Language, List<String>>> smallTalk = new java.util.HashMap<>();
        for (String key : SMALL_TALK) {
            smallTalk.put(key, perLanguage(required(root.path("smallTalk"), key, "smallTalk"), "smallTalk." + key));
        }
        List<Topic> topics = new ArrayList<>();
        for (JsonNode node : root.path("topics")) {
            String intent = required(node, "intent", "topics[]").asText();
            Map<Language, String> label = new EnumMap<>(Language.class);
            for (Language language : Language.values()) {
                label.put(language, required(node.path("label"), language.code(), intent + ".label").asText());
            }
            Map<String, Map<Language, List<String>>> lines = new java.util.HashMap<>();
            for (String key : TOPIC_LINES) {
                lines.put(key, perLanguage(required(node, key, intent), intent + "." + key));
            }
            topics.add(new Topic(intent, Map.copyOf(label), Map.copyOf(lines)));
        }
        if (topics.size() < 4) {
            throw new IllegalStateException("the phrasebook needs at least 4 topics, has " + topics.size());
        }
        return new Phrasebook(Map.copyOf(smallTalk), List.copyOf(topics), Map.copyOf(locales),
                strings(root, "products", "phrasebook"));
    }

    public List<String> smallTalk(String key, Language language) {
        Map<Language, List<String>> lines = smallTalk.get(key);
        if (lines == null) {
            throw new IllegalArgumentException("no small-talk line '" + key + "' in the phrasebook");
        }
        return lines.get(language);
    }

    public List<Topic> topics() {
        return topics;
    }

    public Locale locale(Language language) {
        return locales.get(language);
    }

    public List<String> products() {
        return products;
    }

    private static Map<Language, List<String>> perLanguage(JsonNode node, String where) {
        Map<Language, List<String>> out = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            out.put(language, strings(node, language.code(), where));
        }
        return Map.copyOf(out);
    }

    private static List<String> strings(JsonNode parent, String key, String where) {
        JsonNode node = required(parent, key, where);
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalStateException("phrasebook: " + where + "." + key + " must be a non-empty list");
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static JsonNode required(JsonNode parent, String key, String where) {
        JsonNode node = parent.get(key);
        if (node == null || node.isNull()) {
            throw new IllegalStateException("phrasebook: " + where + " has no '" + key + "'");
        }
        return node;
    }
}
