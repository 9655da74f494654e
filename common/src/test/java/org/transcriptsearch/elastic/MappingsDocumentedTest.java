package org.transcriptsearch.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every mapped field is described in mappings/README.md, and every mapping is strict and versioned. */
class MappingsDocumentedTest {
    private static final Path README = Path.of("..", "mappings", "README.md");

    @Test
    void everyFieldIsDescribed() throws IOException {
        String readme = Files.readString(README);
        List<String> missing = new ArrayList<>();
        for (IndexNames.Kind kind : IndexNames.Kind.values()) {
            JsonNode mappings = IndexTemplates.load(kind.suffix + ".json").path("template").path("mappings");
            for (String field : fields(mappings.path("properties"), "")) {
                if (!readme.contains("| `" + field + "` |")) {
                    missing.add(kind.suffix + ": " + field);
                }
            }
        }
        assertEquals(List.of(), missing, "fields mapped but not described in mappings/README.md");
    }

    @Test
    void everyMappingIsStrictAndVersioned() {
        for (IndexNames.Kind kind : IndexNames.Kind.values()) {
            JsonNode t = IndexTemplates.load(kind.suffix + ".json");
            assertEquals("strict", t.path("template").path("mappings").path("dynamic").asText(), kind.suffix);
            assertTrue(t.path("version").asLong() >= 1, kind.suffix + " has no version");
            assertTrue(t.path("template").path("mappings").path("_meta").path("schema_version").asLong() >= 1,
                    kind.suffix + " has no _meta.schema_version");
        }
    }

    @Test
    void theVendorRecordIsStoredButNotIndexed() {
        for (String kind : List.of("messages", "conversations")) {
            JsonNode raw = IndexTemplates.load(kind + ".json").path("template").path("mappings").path("properties").path("raw");
            assertEquals("object", raw.path("type").asText());
            assertTrue(raw.has("enabled") && !raw.path("enabled").asBoolean(), kind + ".raw must be enabled: false");
        }
    }

    static List<String> fields(JsonNode properties, String prefix) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = prefix + e.getKey();
            if (e.getValue().has("properties")) {
                out.addAll(fields(e.getValue().path("properties"), path + "."));
            } else {
                out.add(path);
                for (Iterator<String> sub = e.getValue().path("fields").fieldNames(); sub.hasNext(); ) {
                    out.add(path + "." + sub.next());
                }
            }
        }
        return out;
    }
}
