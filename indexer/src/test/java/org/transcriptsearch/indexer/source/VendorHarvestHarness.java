package org.transcriptsearch.indexer.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.indexer.IndexerMain;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.harvest.HarvesterProcess;
import org.transcriptsearch.indexer.state.StateStore;
import org.transcriptsearch.secrets.Redactor;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Runs the real CLI ({@link IndexerMain#run}) with a config naming one or more sources of a vendor
 * sandbox, against a test cluster, capturing all output (for the secrets checks); also the same command
 * as a separate process (for SIGKILL). Shared by the Kore and AgentX harvest and faults ITs.
 */
public final class VendorHarvestHarness {
    private static final ObjectMapper JSON = ElasticsearchConnection.newObjectMapper();

    public final TestElasticsearch es;
    public final String prefix;
    private final Path config;
    private final Map<String, String> env = new HashMap<>();
    private final StringBuilder captured = new StringBuilder();

    public record Result(int exit, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    /** {@code sourcesYaml}: the list items under {@code sources:}; secrets as {@code ${NAME}} from {@code secrets}. */
    public VendorHarvestHarness(TestElasticsearch es, String prefix, Path dir, String harvestYaml, String sourcesYaml,
                                Map<String, String> secrets) throws IOException {
        this(es, es.url(), prefix, dir, harvestYaml, sourcesYaml, secrets);
    }

    /** The same, with the harvester writing through {@code esUrl} (a fault proxy in front of {@code es}). */
    public VendorHarvestHarness(TestElasticsearch es, String esUrl, String prefix, Path dir, String harvestYaml,
                                String sourcesYaml, Map<String, String> secrets) throws IOException {
        this.es = es;
        this.prefix = prefix;
        this.config = dir.resolve("transcripts.yml");
        env.putAll(secrets);
        Files.writeString(config, "elasticsearch:\n  url: " + esUrl + "\n"
                + "index:\n  prefix: " + prefix + "\n"
                + "harvest:\n" + harvestYaml
                + "sources:\n" + sourcesYaml);
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        int exit = IndexerMain.run(all, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Redactor.none(), false), env);
        Result r = new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        synchronized (captured) {
            captured.append(r.all());
        }
        return r;
    }

    /** The same command in its own JVM, printing to {@code log}. */
    public HarvesterProcess spawn(Path log, String... args) throws IOException {
        return HarvesterProcess.start(config, env, log, args);
    }

    public String captured() {
        synchronized (captured) {
            return captured.toString();
        }
    }

    public long count(String alias, String query) {
        es.refresh();
        return json(es.request("POST", "/" + prefix + "-" + alias + "/_count", "{\"query\":" + query + "}")).path("count").asLong();
    }

    public long count(String alias, String source, String extraTerm) {
        String q = "{\"bool\":{\"filter\":[{\"term\":{\"source\":\"" + source + "\"}}"
                + (extraTerm == null ? "" : "," + extraTerm) + "]}}";
        return count(alias, q);
    }

    public JsonNode search(String alias, String body) {
        es.refresh();
        return json(es.request("POST", "/" + prefix + "-" + alias + "/_search", body));
    }

    /** The {@code _source} of every document of {@code source} in {@code alias}, only {@code fields}. */
    public List<JsonNode> documents(String alias, String source, String... fields) {
        JsonNode answer = search(alias, "{\"size\":10000,\"track_total_hits\":true,"
                + (fields.length == 0 ? "" : "\"_source\":" + JSON.valueToTree(fields) + ",") + "\"query\":{\"term\":{\"source\":\"" + source + "\"}}}").path("hits");
        if (answer.path("total").path("value").asLong() >= 10_000) {
            throw new IllegalStateException(alias + " holds too many documents of " + source + " to list in one search");
        }
        List<JsonNode> out = new ArrayList<>();
        answer.path("hits").forEach(hit -> out.add(hit.path("_source")));
        return out;
    }

    /** A state document ({@code checkpoint:<source>:<stream>}, {@code lease:<source>}) as stored, if there is one. */
    public Optional<JsonNode> state(String id) {
        // _mget: real-time like the harvester's own reads, and "found": false rather than a 404.
        JsonNode doc = json(es.request("POST", "/" + prefix + "-state/_mget", "{\"ids\":[\"" + id + "\"]}")).path("docs").path(0);
        return doc.path("found").asBoolean(false) ? Optional.of(doc.path("_source")) : Optional.empty();
    }

    public Optional<JsonNode> checkpoint(String source, String stream) {
        return state(StateStore.checkpointId(source, stream)).map(d -> d.path("checkpoint"));
    }

    public Optional<JsonNode> lease(String source) {
        return state(StateStore.leaseId(source)).map(d -> d.path("lease"));
    }

    /** Every stored document of the product's indices as text (for the secrets check). */
    public String everything() {
        es.refresh();
        StringBuilder sb = new StringBuilder();
        for (String alias : List.of("messages", "conversations", "state", "runs", "deadletter")) {
            sb.append(es.request("POST", "/" + prefix + "-" + alias + "/_search", "{\"size\":10000}"));
        }
        return sb.toString();
    }

    /** The set-aside records of {@code source}, oldest first. */
    public List<JsonNode> setAside(String source) {
        return documents("deadletter", source);
    }

    /** The newest run history document of {@code source}. */
    public JsonNode lastRun(String source) {
        return search("runs", "{\"size\":1,\"query\":{\"term\":{\"source\":\"" + source + "\"}},"
                + "\"sort\":[{\"@timestamp\":\"desc\"},{\"finished_at\":\"desc\"}]}")
                .path("hits").path("hits").path(0).path("_source");
    }

    public static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + s, e);
        }
    }
}
