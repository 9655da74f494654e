package org.transcriptsearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.transcriptsearch.indexer.source.VendorHarvestHarness;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * The product's commands run as a user runs them, each in a JVM of its own, its stdout and stderr kept in
 * files under one folder (all listed by {@link #outputs()}, for a test to search them), and the stored side:
 * every document of every index under a prefix.
 */
final class ProductRuns {
    private final Path dir;
    private final Consumer<String> problems;
    private final List<Path> outputs = new ArrayList<>();

    /** @param problems told of a command that had to be stopped (its output is still kept) */
    ProductRuns(Path dir, Consumer<String> problems) {
        this.dir = dir;
        this.problems = problems;
    }

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** Every file a command wrote its output to, so far. */
    List<Path> outputs() {
        return outputs;
    }

    /** {@code indexer.jar [--config config] args...}; {@code name} names its output files. */
    Run indexer(String name, Map<String, String> env, Path config, String... args) throws Exception {
        List<String> all = new ArrayList<>();
        if (config != null) {
            all.addAll(List.of("--config", config.toString()));
        }
        all.addAll(List.of(args));
        return main(name, IndexerMain.class.getName(), env, 240, all.toArray(String[]::new));
    }

    Run main(String name, String main, Map<String, String> env, int seconds, String... args) throws Exception {
        Process p = start(name, main, env, args);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            problems.accept(name + " still ran after " + seconds + " s (stopped; its output is checked all the same)");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve(name + ".out")), Files.readString(dir.resolve(name + ".err")));
    }

    /** Started, not waited for; the environment is {@code env} and nothing of the test's own ES_, SEARCH_, TRANSCRIPTS_ variables. */
    Process start(String name, String main, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        outputs.add(out);
        outputs.add(err);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ES_") || k.startsWith("SEARCH_") || k.startsWith("TRANSCRIPTS_"));
        pb.environment().putAll(env);
        return pb.start();
    }

    /**
     * The environment of a product run against {@link #sandboxSources}: the sandbox's secrets in the variables that
     * section names (and IT_CXONE_TOKEN), the node's home, stack traces on, a short wait for Elasticsearch.
     */
    static Map<String, String> sandboxEnvironment(VendorSandbox sandbox, Path home) {
        SandboxCredentials c = sandbox.credentials();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRANSCRIPTS_DEBUG", "1");
        env.put("TRANSCRIPTS_HOME", home.toString());
        env.put("TRANSCRIPTS_ES_WAIT", "3");
        env.put("IT_CXONE_TOKEN", c.cxoneToken());
        env.put("IT_KORE_ID", c.koreClientId());
        env.put("IT_KORE_SECRET", c.koreClientSecret());
        env.put("IT_AGENTX_KEY", c.agentxApiKey());
        return env;
    }

    /**
     * A {@code sources:} section with the sandbox's three vendors (it-cxone, it-kore, it-agentx), their secrets
     * read from IT_KORE_ID, IT_KORE_SECRET and IT_AGENTX_KEY, rate limits off.
     */
    static String sandboxSources(VendorSandbox sandbox, String cxoneToken) {
        SandboxCredentials c = sandbox.credentials();
        String base = sandbox.baseUrl();
        return "sources:\n"
                + "  - name: it-cxone\n    type: cxone\n    baseUrl: " + base + "\n    token: " + cxoneToken + "\n    perPage: 10\n"
                + "  - name: it-kore\n    type: kore\n    baseUrl: " + base + "\n    botId: " + c.koreBotId()
                + "\n    clientId: ${IT_KORE_ID}\n    clientSecret: ${IT_KORE_SECRET}\n    callsPerMinute: 0\n    callsPerHour: 0\n"
                + "  - name: it-agentx\n    type: agentx\n    baseUrl: " + base + "\n    botName: " + c.agentxBotName()
                + "\n    apiKey: ${IT_AGENTX_KEY}\n    requestsPerSecond: 0\n";
    }

    /** Every document of every index under {@code prefix} (hidden and closed ones too), appended as JSON; how many. */
    static long dump(TestElasticsearch es, String prefix, StringBuilder sink) {
        long total = 0;
        for (String line : es.request("GET", "/_cat/indices/" + prefix + "-*?h=index&expand_wildcards=all").split("\n")) {
            String index = line.trim();
            if (index.isEmpty()) {
                continue;
            }
            long count = es.count(index);
            JsonNode hits = VendorHarvestHarness.json(es.request("POST", "/" + index + "/_search",
                    "{\"size\":10000,\"track_total_hits\":true,\"query\":{\"match_all\":{}}}")).path("hits");
            assertEquals(count, hits.path("hits").size(), index + " must be dumped whole");
            hits.path("hits").forEach(h -> sink.append(index).append(' ').append(h).append('\n'));
            total += count;
        }
        return total;
    }

    /** Where logs of these runs may lie: the product's home and, when the tests run one, the node's folder. */
    static List<Path> logFolders(TestElasticsearch es, Path home) {
        List<Path> folders = new ArrayList<>(List.of(home));
        es.embeddedNode().map(n -> n.folder()).filter(Files::isDirectory).ifPresent(folders::add);
        return folders;
    }

    /** 80 characters either side of {@code at}, on one line. */
    static String around(String text, int at) {
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80)).replace('\n', ' ');
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
