package org.transcriptsearch.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The index templates from {@code mappings/} (packaged under {@code /mappings} on the classpath), with
 * the configured prefix applied to their patterns and component names. These files are the only
 * definition of the documents.
 */
public final class IndexTemplates {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_PREFIX = "transcripts";

    private final IndexNames names;
    private final ObjectNode settingsComponent;
    private final Map<IndexNames.Kind, ObjectNode> templates = new EnumMap<>(IndexNames.Kind.class);

    public IndexTemplates(IndexNames names, Integer shards, Integer replicas) {
        this.names = names;
        this.settingsComponent = load("component-settings.json");
        ObjectNode index = (ObjectNode) settingsComponent.path("template").path("settings").path("index");
        if (shards != null) {
            index.put("number_of_shards", shards);
        }
        if (replicas != null) {
            index.put("number_of_replicas", replicas);
        }
        for (IndexNames.Kind kind : IndexNames.Kind.values()) {
            ObjectNode t = load(kind.suffix + ".json");
            ArrayNode patterns = t.putArray("index_patterns");
            patterns.add(names.alias(kind) + "-v*");
            ArrayNode composed = t.putArray("composed_of");
            composed.add(names.settingsComponent());
            templates.put(kind, t);
        }
    }

    /**
     * The templates for a cluster: replicas as configured, else 0 on the embedded single node (where a
     * replica could never be assigned) and 1 on a real cluster.
     */
    public static IndexTemplates forCluster(org.transcriptsearch.config.IndexSettings index, boolean embedded) {
        Integer replicas = index.replicas() != null ? index.replicas() : (embedded ? 0 : 1);
        return new IndexTemplates(new IndexNames(index.prefix()), index.shards(), replicas);
    }

    /** A mappings/ file as JSON, straight from the classpath. */
    public static ObjectNode load(String file) {
        try (InputStream in = IndexTemplates.class.getResourceAsStream("/mappings/" + file)) {
            if (in == null) {
                throw new IllegalStateException("mappings/" + file + " is missing from the classpath");
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("mappings/" + file + " is not valid JSON", e);
        }
    }

    public ObjectNode settingsComponent() {
        return settingsComponent.deepCopy();
    }

    public ObjectNode template(IndexNames.Kind kind) {
        return templates.get(kind).deepCopy();
    }

    /** The mappings of one kind's documents (what a new index of that kind gets). */
    public ObjectNode mappings(IndexNames.Kind kind) {
        return (ObjectNode) templates.get(kind).path("template").path("mappings").deepCopy();
    }

    public long version(IndexNames.Kind kind) {
        return templates.get(kind).path("version").asLong();
    }

    public long settingsVersion() {
        return settingsComponent.path("version").asLong();
    }

    /** The schema version recorded in a kind's mappings {@code _meta}. */
    public long schemaVersion(IndexNames.Kind kind) {
        return mappings(kind).path("_meta").path("schema_version").asLong();
    }

    public IndexNames names() {
        return names;
    }

    static String toJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean usesDefaultPrefix(IndexNames names) {
        return DEFAULT_PREFIX.equals(names.prefix());
    }
}
