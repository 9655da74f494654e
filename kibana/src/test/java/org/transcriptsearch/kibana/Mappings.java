package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import org.transcriptsearch.elastic.IndexTemplates;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Field name → mapping type for each data view, read from mappings/*.json (the single source of truth). */
final class Mappings {
    private static final Map<String, String> FILE_OF_DATA_VIEW = Map.of(
            "transcripts-messages", "messages.json",
            "transcripts-conversations", "conversations.json",
            "transcripts-runs", "runs.json");

    private Mappings() {
    }

    /** Every field of the data view's template, sub-fields included, e.g. {@code intent.confidence → float}. */
    static Map<String, String> fields(String dataView) {
        String file = FILE_OF_DATA_VIEW.get(dataView);
        if (file == null) {
            throw new AssertionError("no mappings file for data view " + dataView + "; known: " + FILE_OF_DATA_VIEW.keySet());
        }
        Map<String, String> out = new TreeMap<>();
        flatten("", IndexTemplates.load(file).path("template").path("mappings").path("properties"), out);
        return out;
    }

    static Optional<String> type(String dataView, String field) {
        return Optional.ofNullable(fields(dataView).get(field));
    }

    private static void flatten(String prefix, JsonNode properties, Map<String, String> out) {
        properties.fields().forEachRemaining(e -> {
            String name = prefix + e.getKey();
            JsonNode def = e.getValue();
            if (def.has("properties")) {
                flatten(name + ".", def.path("properties"), out);
            } else {
                out.put(name, def.path("type").asText("object"));
            }
            def.path("fields").fields().forEachRemaining(sub -> out.put(name + "." + sub.getKey(), sub.getValue().path("type").asText()));
        });
    }

    static boolean numeric(String type) {
        return switch (type) {
            case "long", "integer", "short", "byte", "double", "float", "half_float", "scaled_float", "unsigned_long" -> true;
            default -> false;
        };
    }
}
