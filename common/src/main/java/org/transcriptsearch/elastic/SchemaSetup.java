package org.transcriptsearch.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.transcriptsearch.localnode.Distribution;

/**
 * Installs or upgrades what the product keeps in Elasticsearch: the shared settings component, one index
 * template per kind, a {@code -v1} index behind each alias. Idempotent: a second run changes nothing and
 * says so. Detects a missing analysis plugin and templates newer or older than this build.
 */
public final class SchemaSetup {
    /** What a run did ({@code changes}) and what the user should know ({@code notes}). */
    public record Report(List<String> changes, List<String> notes) {
        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    private final ElasticsearchConnection es;
    private final IndexTemplates templates;
    private final IndexNames names;
    private final String requiredPlugin;

    public SchemaSetup(ElasticsearchConnection es, IndexTemplates templates) {
        this(es, templates, Distribution.PLUGIN_NAME);
    }

    SchemaSetup(ElasticsearchConnection es, IndexTemplates templates, String requiredPlugin) {
        this.es = es;
        this.templates = templates;
        this.names = templates.names();
        this.requiredPlugin = requiredPlugin;
    }

    public Report apply() {
        requirePlugin();
        List<String> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        putIfNewer("_component_template/", names.settingsComponent(), templates.settingsComponent(),
                "component_templates", "component_template", changes, notes);
        for (IndexNames.Kind kind : IndexNames.Kind.values()) {
            putIfNewer("_index_template/", names.template(kind), templates.template(kind),
                    "index_templates", "index_template", changes, notes);
        }
        for (IndexNames.Kind kind : IndexNames.Kind.values()) {
            ensureIndex(kind, changes, notes);
        }
        return new Report(changes, notes);
    }

    /** Fails with what to do when the analysis plugin is absent from any node. */
    public void requirePlugin() {
        JsonNode nodes = get("_nodes/plugins").path("nodes");
        List<String> missing = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = nodes.fields(); it.hasNext(); ) {
            JsonNode node = it.next().getValue();
            boolean found = false;
            for (JsonNode p : node.path("plugins")) {
                found |= requiredPlugin.equals(p.path("name").asText());
            }
            if (!found) {
                missing.add(node.path("name").asText());
            }
        }
        if (!missing.isEmpty()) {
            throw new SetupException("the analysis plugin '" + requiredPlugin + "' is not installed on "
                    + (missing.size() == 1 ? "node " : "nodes ") + String.join(", ", missing) + " of " + es.url()
                    + ". Install it on every node and restart them: bin/elasticsearch-plugin install --batch "
                    + "file:///path/to/" + requiredPlugin + "-<version>.zip (the zip is in indexer/target/lib "
                    + "after the build; see the README, \"Your own cluster\").");
        }
    }

    /** Fails with "run setup" when the aliases this product writes to are missing. */
    public void requireInstalled() {
        List<String> missing = new ArrayList<>();
        for (IndexNames.Kind kind : IndexNames.Kind.values()) {
            if (currentIndex(kind) == null) {
                missing.add(names.alias(kind));
            }
        }
        if (!missing.isEmpty()) {
            throw new SetupException("Elasticsearch at " + es.url() + " has no " + String.join(", ", missing)
                    + ": run `java -jar indexer/target/indexer.jar setup` first");
        }
    }

    /**
     * {@link #requireInstalled()}, and no mapping older than this build: writing fields an older mapping
     * does not know would have every document refused (the mappings are strict). For commands that write.
     */
    public void requireCurrent() {
        requireInstalled();
        List<String> older = new ArrayList<>();
        for (IndexNames.Kind kind : IndexNames.Kind.values()) {
            String current = currentIndex(kind);
            long has = get(current + "/_mapping").path(current).path("mappings").path("_meta").path("schema_version").asLong(0);
            if (has < templates.schemaVersion(kind)) {
                older.add(current + " (schema v" + has + ", this build writes v" + templates.schemaVersion(kind) + ")");
            }
        }
        if (!older.isEmpty()) {
            throw new SetupException("Elasticsearch at " + es.url() + " has mappings older than this build: "
                    + String.join(", ", older) + ": run `java -jar indexer/target/indexer.jar setup` to upgrade them");
        }
    }

    private void putIfNewer(String endpoint, String name, ObjectNode body, String listField, String itemField,
                            List<String> changes, List<String> notes) {
        long wanted = body.path("version").asLong();
        JsonNode existing = getOrNull(endpoint + name);
        long installed = -1;
        if (existing != null) {
            for (JsonNode item : existing.path(listField)) {
                installed = item.path(itemField).path("version").asLong(0);
            }
        }
        if (installed == wanted) {
            return;
        }
        if (installed > wanted) {
            notes.add(name + " is at version " + installed + ", newer than this build's " + wanted
                    + ": left as is (upgrade this tool)");
            return;
        }
        put(endpoint + name, body);
        changes.add(installed < 0 ? "created " + (endpoint.startsWith("_component") ? "component template " : "index template ") + name + " v" + wanted
                : "upgraded " + name + " from v" + installed + " to v" + wanted);
    }

    private void ensureIndex(IndexNames.Kind kind, List<String> changes, List<String> notes) {
        String current = currentIndex(kind);
        if (current == null) {
            String index = names.versioned(kind, 1);
            ObjectNode body = es.json().createObjectNode();
            body.putObject("aliases").putObject(names.alias(kind)).put("is_write_index", true);
            put(index, body);
            changes.add("created index " + index + " behind alias " + names.alias(kind));
            return;
        }
        long wanted = templates.schemaVersion(kind);
        JsonNode mapping = get(current + "/_mapping").path(current).path("mappings");
        long has = mapping.path("_meta").path("schema_version").asLong(0);
        if (has >= wanted) {
            return;
        }
        try {
            ObjectNode mappings = templates.mappings(kind);
            put(current + "/_mapping", mappings);
            changes.add("upgraded the mappings of " + current + " in place from schema v" + has + " to v" + wanted);
            // What a version's new fields mean for the documents already stored (a field they lack until rebuild).
            for (long v = has + 1; v <= wanted; v++) {
                String note = mappings.path("_meta").path("upgrade_notes").path(Long.toString(v)).asText("");
                if (!note.isEmpty()) {
                    notes.add(current + " (schema v" + v + "): " + note);
                }
            }
        } catch (SetupException e) {
            notes.add(current + " has schema v" + has + " and the change to v" + wanted + " cannot be applied in place ("
                    + e.getMessage() + "): run `indexer.jar rebuild` to copy it into a new index version");
        }
    }

    /** The index an alias points at (its write index), or null if the alias does not exist. */
    public String currentIndex(IndexNames.Kind kind) {
        JsonNode aliases = getOrNull("_alias/" + names.alias(kind));
        if (aliases == null) {
            return null;
        }
        String chosen = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = aliases.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode a = e.getValue().path("aliases").path(names.alias(kind));
            if (chosen == null || a.path("is_write_index").asBoolean(false)) {
                chosen = e.getKey();
            }
        }
        return chosen;
    }

    private JsonNode get(String path) {
        JsonNode n = getOrNull(path);
        if (n == null) {
            throw new SetupException("GET " + path + " answered 404 at " + es.url());
        }
        return n;
    }

    private JsonNode getOrNull(String path) {
        try {
            Response r = es.lowLevel().performRequest(new Request("GET", "/" + path));
            return es.json().readTree(EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return null;
            }
            throw new SetupException("GET " + path + " failed at " + es.url() + ": " + errorOf(e));
        } catch (IOException e) {
            throw new SetupException("GET " + path + " failed at " + es.url() + ": " + e.getMessage());
        }
    }

    private void put(String path, JsonNode body) {
        Request req = new Request("PUT", "/" + path);
        req.setEntity(new NStringEntity(IndexTemplates.toJson(body), ContentType.APPLICATION_JSON));
        try {
            es.lowLevel().performRequest(req);
        } catch (ResponseException e) {
            throw new SetupException("PUT " + path + " was refused by " + es.url() + ": " + errorOf(e));
        } catch (IOException e) {
            throw new SetupException("PUT " + path + " failed at " + es.url() + ": " + e.getMessage());
        }
    }

    private String errorOf(ResponseException e) {
        try {
            JsonNode err = es.json().readTree(EntityUtils.toString(e.getResponse().getEntity(), StandardCharsets.UTF_8))
                    .path("error");
            String reason = err.path("root_cause").path(0).path("reason").asText(err.path("reason").asText());
            return "HTTP " + e.getResponse().getStatusLine().getStatusCode() + ": " + reason;
        } catch (IOException | RuntimeException io) {
            return "HTTP " + e.getResponse().getStatusLine().getStatusCode();
        }
    }
}
