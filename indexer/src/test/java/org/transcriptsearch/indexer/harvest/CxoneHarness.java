package org.transcriptsearch.indexer.harvest;

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
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.indexer.IndexerMain;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.secrets.Redactor;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Runs the real CLI ({@link IndexerMain#run}) against a vendor sandbox and a test cluster, capturing
 * everything it prints; also the same command as a separate process (for SIGKILL).
 */
final class CxoneHarness {
    static final String SOURCE = "cx-it";
    private static final ObjectMapper JSON = ElasticsearchConnection.newObjectMapper();

    final TestElasticsearch es;
    final VendorSandbox sandbox;
    final String prefix;
    final Path config;
    final Map<String, String> env = new HashMap<>();
    /** Everything any run printed (stdout and stderr), for the secrets check. */
    final StringBuilder captured = new StringBuilder();

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    CxoneHarness(TestElasticsearch es, VendorSandbox sandbox, String prefix, Path dir, String harvestSection) throws IOException {
        this.es = es;
        this.sandbox = sandbox;
        this.prefix = prefix;
        this.config = dir.resolve("transcripts.yml");
        env.put("CXONE_IT_TOKEN", sandbox.credentials().cxoneToken());
        Files.writeString(config, "elasticsearch:\n  url: " + es.url() + "\n"
                + "index:\n  prefix: " + prefix + "\n"
                + "harvest:\n" + harvestSection
                + "sources:\n"
                + "  - name: " + SOURCE + "\n    type: cxone\n    baseUrl: " + sandbox.baseUrl() + "\n"
                + "    token: ${CXONE_IT_TOKEN}\n    perPage: 50\n");
    }

    Result run(String... args) {
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

    /** The same command in its own JVM, printing to {@code log} (for SIGKILL). */
    HarvesterProcess spawn(Path log, String... args) throws IOException {
        return HarvesterProcess.start(config, env, log, args);
    }

    long count(String alias, String query) {
        es.refresh();
        String body = "{\"query\":" + query + "}";
        return json(es.request("POST", "/" + prefix + "-" + alias + "/_count", body)).path("count").asLong();
    }

    long messages() {
        return count("messages", "{\"term\":{\"source\":\"" + SOURCE + "\"}}");
    }

    long conversations() {
        return count("conversations", "{\"term\":{\"source\":\"" + SOURCE + "\"}}");
    }

    JsonNode search(String alias, String body) {
        es.refresh();
        return json(es.request("POST", "/" + prefix + "-" + alias + "/_search", body));
    }

    /** Every stored document of the product's indices as text (for the secrets check). */
    String everything() {
        es.refresh();
        StringBuilder sb = new StringBuilder();
        for (String alias : List.of("messages", "conversations", "state", "runs")) {
            sb.append(es.request("POST", "/" + prefix + "-" + alias + "/_search", "{\"size\":10000}"));
        }
        return sb.toString();
    }

    JsonNode lastRun() {
        return search("runs", "{\"size\":1,\"sort\":[{\"@timestamp\":\"desc\"},{\"finished_at\":\"desc\"}]}")
                .path("hits").path("hits").path(0).path("_source");
    }

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + s, e);
        }
    }
}
