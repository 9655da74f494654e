package org.transcriptsearch.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.config.IndexSettings;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.elastic.IndexTemplates;
import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.localnode.EphemeralNode;

/**
 * The real Elasticsearch a test run uses, whichever way it came: {@code ES_URL}, a Testcontainers
 * container, or a throw-away embedded node. Injected by {@link ElasticsearchExtension}.
 */
public final class TestElasticsearch {
    /** Test indices and templates start with one of these; {@link #wipe()} removes exactly those. */
    public static final List<String> TEST_PREFIXES = List.of("transcripts", "it-");

    private final String how;
    private final ElasticsearchSettings settings;
    private final ElasticsearchConnection connection;
    private final EphemeralNode node;

    TestElasticsearch(String how, ElasticsearchSettings settings, EphemeralNode node) {
        this.how = how;
        this.settings = settings;
        this.node = node;
        this.connection = ElasticsearchConnection.connect(settings, false);
    }

    /** "ES_URL", "testcontainers" or "embedded". */
    public String how() {
        return how;
    }

    public String url() {
        return settings.url();
    }

    /** Settings to hand to the code under test (URL plus any credentials). */
    public ElasticsearchSettings settings() {
        return settings;
    }

    /** A shared connection; do not close it. */
    public ElasticsearchConnection connection() {
        return connection;
    }

    /** Installs templates, indices and aliases with this prefix, as {@code indexer setup} does. */
    public IndexNames setup(String prefix) {
        IndexSettings index = new IndexSettings(prefix, 1, 0);
        new SchemaSetup(connection, IndexTemplates.forCluster(index, true)).apply();
        return new IndexNames(prefix);
    }

    /** The embedded node, when that is what this run uses (stop/restart it to test outages). */
    public Optional<EphemeralNode> embeddedNode() {
        return Optional.ofNullable(node);
    }

    /** Makes recent writes visible to search. */
    public void refresh() {
        request("POST", "/_refresh");
    }

    /** Removes every index and template whose name starts with a test prefix. */
    public void wipe() {
        List<String> indices = new ArrayList<>();
        for (String line : request("GET", "/_cat/indices?h=index&expand_wildcards=open,closed").split("\n")) {
            String index = line.trim();
            if (isTestName(index)) {
                indices.add(index);
            }
        }
        if (!indices.isEmpty()) {
            request("DELETE", "/" + String.join(",", indices));
        }
        for (String kind : List.of("_index_template", "_component_template")) {
            String body = request("GET", "/" + kind);
            var tree = parse(body);
            String field = kind.equals("_index_template") ? "index_templates" : "component_templates";
            for (var t : tree.path(field)) {
                String name = t.path("name").asText();
                if (isTestName(name)) {
                    request("DELETE", "/" + kind + "/" + name);
                }
            }
        }
    }

    private static boolean isTestName(String name) {
        return !name.isEmpty() && TEST_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** A raw request, returning the body; fails the test on an HTTP error. */
    public String request(String method, String path) {
        return request(method, path, null);
    }

    /** A raw request with a JSON body (or NDJSON for _bulk), returning the response body. */
    public String request(String method, String path, String body) {
        try {
            Request req = new Request(method, path);
            if (body != null) {
                req.setJsonEntity(body);
            }
            Response r = connection.lowLevel().performRequest(req);
            return r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8);
        } catch (ResponseException e) {
            throw new AssertionError(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Number of documents behind an index or alias (after a refresh). */
    public long count(String index) {
        refresh();
        return parse(request("GET", "/" + index + "/_count")).path("count").asLong();
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String body) {
        try {
            return connection.json().readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Override
    public String toString() {
        return "TestElasticsearch[" + how + " at " + url() + "]";
    }
}
