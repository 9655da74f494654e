package org.transcriptsearch.kibana;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The saved-object bundle in kibana/saved-objects: every NDJSON line of every file, parsed. */
final class SavedObjects {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path DIRECTORY = Path.of("saved-objects");

    record Reference(String name, String type, String id) {
    }

    record SavedObject(String file, int line, ObjectNode raw) {
        String type() {
            return raw.path("type").asText();
        }

        String id() {
            return raw.path("id").asText();
        }

        JsonNode attributes() {
            return raw.path("attributes");
        }

        List<Reference> references() {
            List<Reference> refs = new ArrayList<>();
            for (JsonNode r : raw.path("references")) {
                refs.add(new Reference(r.path("name").asText(), r.path("type").asText(), r.path("id").asText()));
            }
            return refs;
        }

        Optional<Reference> reference(String name) {
            return references().stream().filter(r -> r.name().equals(name)).findFirst();
        }

        /** A string attribute that holds JSON (panelsJSON, searchSourceJSON ...), parsed. */
        JsonNode embedded(String pointer) {
            JsonNode text = attributes().at(pointer);
            if (!text.isTextual()) {
                throw new AssertionError(where() + ": attributes" + pointer + " is not a string of JSON");
            }
            try {
                return JSON.readTree(text.asText());
            } catch (JsonProcessingException e) {
                throw new AssertionError(where() + ": attributes" + pointer + " is not valid JSON: " + e.getOriginalMessage());
            }
        }

        String where() {
            return file + ":" + line + " (" + type() + " " + id() + ")";
        }
    }

    private final List<SavedObject> objects;
    private final List<String> parseErrors;

    private SavedObjects(List<SavedObject> objects, List<String> parseErrors) {
        this.objects = objects;
        this.parseErrors = parseErrors;
    }

    static SavedObjects load() {
        return load(DIRECTORY);
    }

    static SavedObjects load(Path directory) {
        List<SavedObject> objects = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String where = file.getFileName() + ":" + (i + 1);
                    if (lines.get(i).isBlank()) {
                        errors.add(where + ": blank line (the import API reads one object per line)");
                        continue;
                    }
                    try {
                        JsonNode node = JSON.readTree(lines.get(i));
                        if (node instanceof ObjectNode o) {
                            objects.add(new SavedObject(file.getFileName().toString(), i + 1, o));
                        } else {
                            errors.add(where + ": not a JSON object");
                        }
                    } catch (JsonProcessingException e) {
                        errors.add(where + ": not JSON: " + e.getOriginalMessage());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + directory.toAbsolutePath(), e);
        }
        return new SavedObjects(objects, errors);
    }

    List<SavedObject> all() {
        return objects;
    }

    List<String> parseErrors() {
        return parseErrors;
    }

    List<SavedObject> ofType(String type) {
        return objects.stream().filter(o -> o.type().equals(type)).toList();
    }

    Optional<SavedObject> find(String type, String id) {
        return objects.stream().filter(o -> o.type().equals(type) && o.id().equals(id)).findFirst();
    }
}
