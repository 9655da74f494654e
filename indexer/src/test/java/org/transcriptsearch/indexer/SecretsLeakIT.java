package org.transcriptsearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.indexer.source.VendorHarvestHarness;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.search.SearchApiMain;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.FaultProxy;
import org.transcriptsearch.testkit.ItemFault;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Runs the product's commands as a user would, each in a JVM of its own with {@code TRANSCRIPTS_DEBUG=1}
 * (a harvest of all three vendors through vendor and Elasticsearch faults, status, the set-aside list, a run
 * with a wrong token, runs whose Elasticsearch URL holds {@code user:password@}, one whose Elasticsearch is
 * down, the search API), then greps everything they left for every configured secret and for credentials in a
 * URL: each process's stdout and stderr, every file under their home and working folders, the node's logs,
 * and every document of every index under the test's prefix.
 */
@ExtendWith(ElasticsearchExtension.class)
class SecretsLeakIT {
    private static final String PREFIX = "it-secrets";
    /** Distinctive values no product line could contain by chance. */
    private static final String ES_PASSWORD = "Es-pw-7Hq2Vz9Lk";
    private static final String URL_PASSWORD = "Url-pw-3Rt8Wm1Xc";
    private static final String WRONG_TOKEN = "Wrong-cx-token-5Nd4Pq";
    private static final String SEARCH_KEY = "search-key-8Yb6Tf3Gh";
    private static final String CURSOR_SECRET = "cursor-secret-2Kj7Ld";
    /** The header of every HS256 JWT, so a minted Kore token anywhere would show. */
    private static final String JWT_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
    /** A URL with anything but the mask between its scheme and an {@code @}. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)[a-z][a-z0-9+.-]*://(?!\\*\\*\\*@)[^/?#\\s\"'<>]*@");

    private final List<Path> outputs = new ArrayList<>();
    /** Leaks and wrong outcomes, all reported at the end. */
    private final List<String> problems = new ArrayList<>();

    private void expect(boolean ok, String what) {
        if (!ok) {
            problems.add(what);
        }
    }

    @Test
    void noSecretAndNoUrlCredentialInAnyOutputLogOrStoredDocument(TestElasticsearch es, @TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        es.setup(PREFIX);
        try (VendorSandbox sandbox = VendorSandbox.start(SandboxOptions.builder().seed(1313).conversationsPerVendor(20)
                .rateLimits(false).build());
             FaultProxy proxy = FaultProxy.start(es.url())) {
            SandboxCredentials c = sandbox.credentials();
            Map<String, String> env = new LinkedHashMap<>();
            env.put("TRANSCRIPTS_DEBUG", "1");
            env.put("TRANSCRIPTS_HOME", home.toString());
            env.put("TRANSCRIPTS_ES_WAIT", "3");
            env.put("IT_CXONE_TOKEN", c.cxoneToken());
            env.put("IT_KORE_ID", c.koreClientId());
            env.put("IT_KORE_SECRET", c.koreClientSecret());
            // Padded, as a value pasted into a .env file often is: the connector trims it, so must the redactor.
            env.put("IT_AGENTX_KEY", "  " + c.agentxApiKey() + " ");
            env.put("IT_ES_PASSWORD", ES_PASSWORD);
            env.put("IT_WRONG_TOKEN", WRONG_TOKEN);
            List<String> secrets = List.of(c.cxoneToken(), c.koreClientSecret(), c.agentxApiKey(), ES_PASSWORD, URL_PASSWORD,
                    WRONG_TOKEN, SEARCH_KEY, CURSOR_SECRET, JWT_HEADER);

            Path good = config(dir, "good.yml", "  url: " + proxy.url() + "\n  username: it-user\n  password: ${IT_ES_PASSWORD}\n",
                    sandbox, "${IT_CXONE_TOKEN}");
            assertEquals(0, run(dir, "setup", env, good, "setup").exit());

            // Vendor trouble (retried, logged), a broken record (set aside whole), a document Elasticsearch refuses.
            sandbox.faults().next(Vendor.CXONE, Fault.status(503).times(2));
            sandbox.faults().next(Vendor.KORE, Fault.status(500));
            sandbox.faults().next(Vendor.AGENTX, Fault.malformedRecord());
            proxy.failNextItems(ItemFault.MAPPING_ERROR, 1);
            Run harvest = run(dir, "harvest", env, good, "harvest");
            assertEquals(3, harvest.exit(), "records were set aside: " + harvest.all());
            proxy.clear();
            assertTrue(es.count(PREFIX + "-messages") > 100, "the harvest stored the vendors' messages");
            assertEquals(0, run(dir, "status", env, good, "status").exit());
            assertEquals(0, run(dir, "set-aside-list", env, good, "set-aside", "list").exit());

            Path wrong = config(dir, "wrong-token.yml", "  url: " + es.url() + "\n", sandbox, "${IT_WRONG_TOKEN}");
            Run refused = run(dir, "wrong-token", env, wrong, "harvest", "--source", "it-cxone");
            expect(refused.exit() == 1 && refused.err().contains("token"), "a wrong token fails the run naming the key: " + refused.all());

            int closed = freePort();
            Path withCredentials = config(dir, "url-credentials.yml", "  url: http://it-user:" + URL_PASSWORD + "@127.0.0.1:"
                    + closed + "\n", sandbox, "${IT_CXONE_TOKEN}");
            Run inUrl = run(dir, "url-credentials", env, withCredentials, "harvest");
            expect(inUrl.exit() == 2 && inUrl.err().contains("elasticsearch.username and elasticsearch.password"),
                    "credentials in elasticsearch.url are a configuration error naming the keys to use: " + inUrl.all());
            Map<String, String> esUrlEnv = new LinkedHashMap<>(env);
            esUrlEnv.put("ES_URL", "http://it-user:" + URL_PASSWORD + "@127.0.0.1:" + closed);
            Run inEsUrl = run(dir, "es-url-credentials", esUrlEnv, null, "status");
            expect(inEsUrl.exit() == 2, "credentials in ES_URL are a configuration error: " + inEsUrl.all());
            Path down = config(dir, "es-down.yml", "  url: http://127.0.0.1:" + closed + "\n  username: it-user\n"
                    + "  password: ${IT_ES_PASSWORD}\n", sandbox, "${IT_CXONE_TOKEN}");
            Run unreachable = run(dir, "es-down", env, down, "status");
            expect(unreachable.exit() == 1 && unreachable.err().contains("\tat org.transcriptsearch"),
                    "Elasticsearch down: exit 1, and TRANSCRIPTS_DEBUG prints the trace: " + unreachable.all());

            searchApi(dir, es, esUrlEnv);

            es.refresh();
            StringBuilder stored = new StringBuilder();
            long documents = dump(es, stored);
            assertTrue(documents > 100, "the dump holds the harvest's documents");
            assertTrue(stored.indexOf("\"set_aside\"") >= 0 || stored.indexOf("\"kind\":\"record\"") >= 0,
                    "the runs and dead-letter documents are part of the dump");

            
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("stored documents under " + PREFIX + "-*", stored.toString());
            for (Path p : outputs) {
                texts.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
            for (Path folder : logFolders(es, home)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/data/")).toList()) {
                        texts.put(f.toString(), new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                    }
                }
            }
            texts.forEach((where, text) -> {
                for (String s : secrets) {
                    for (String form : new java.util.LinkedHashSet<>(List.of(s, URLEncoder.encode(s, StandardCharsets.UTF_8)))) {
                        int at = text.indexOf(form);
                        if (at >= 0) {
                            problems.add(where + ": a configured secret: ..." + around(text, at) + "...");
                        }
                    }
                }
                Matcher m = URL_CREDENTIALS.matcher(text);
                if (m.find()) {
                    problems.add(where + ": a URL with credentials: ..." + around(text, m.start()) + "...");
                }
            });
            assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
        }
    }

    /** The search API: refused with credentials in ES_URL; then served, called with good and bad input, stopped. */
    private void searchApi(Path dir, TestElasticsearch es, Map<String, String> withCredentials) throws Exception {
        Map<String, String> refusedEnv = new LinkedHashMap<>(withCredentials);
        refusedEnv.put("PORT", "0");
        Run refused = runMain(dir, "search-api-url-credentials", SearchApiMain.class.getName(), refusedEnv, 60);
        expect(refused.exit() == 2 && refused.err().contains("ES_USERNAME and ES_PASSWORD"),
                "the search API refuses credentials in ES_URL naming the variables to use: " + refused.all());

        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRANSCRIPTS_DEBUG", "1");
        env.put("ES_URL", es.url());
        env.put("ES_USERNAME", "it-user");
        env.put("ES_PASSWORD", ES_PASSWORD);
        env.put("PORT", Integer.toString(port));
        env.put("INDEX_PREFIX", PREFIX);
        env.put("SEARCH_API_KEYS", SEARCH_KEY);
        env.put("SEARCH_CURSOR_SECRET", CURSOR_SECRET);
        Process p = start(dir, "search-api", SearchApiMain.class.getName(), env);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new AssertionError("the search API did not answer on " + base, e);
                }
                Thread.sleep(300);
            }
        }
        for (String path : List.of("/health", "/api/search?q=refund", "/api/search?q=refund&size=-1",
                "/api/search?from=-999999999-01-01", "/api/conversations/none/none", "/api/intents",
                // A client that sends its key in the query string: the access log must not keep it.
                "/api/search?q=refund&api_key=" + SEARCH_KEY)) {
            for (String key : new String[]{SEARCH_KEY, "not-" + SEARCH_KEY.substring(4), null}) {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
                if (key != null) {
                    b.header("Authorization", "Bearer " + key);
                }
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                Path body = dir.resolve("search-api-response-" + outputs.size() + ".txt");
                // The answer only: the request is the test's own words, not the product's.
                Files.writeString(body, r.statusCode() + "\n" + r.body());
                outputs.add(body);
            }
        }
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private Path config(Path dir, String name, String elasticsearch, VendorSandbox sandbox, String cxoneToken) throws IOException {
        SandboxCredentials c = sandbox.credentials();
        String base = sandbox.baseUrl();
        Path file = dir.resolve(name);
        Files.writeString(file, "elasticsearch:\n" + elasticsearch + "index:\n  prefix: " + PREFIX + "\n"
                + "harvest:\n  settle: 0s\n  overlap: 30m\n  timeout: 5s\n  retries: 4\n"
                + "sources:\n"
                + "  - name: it-cxone\n    type: cxone\n    baseUrl: " + base + "\n    token: " + cxoneToken + "\n    perPage: 10\n"
                + "  - name: it-kore\n    type: kore\n    baseUrl: " + base + "\n    botId: " + c.koreBotId()
                + "\n    clientId: ${IT_KORE_ID}\n    clientSecret: ${IT_KORE_SECRET}\n    callsPerMinute: 0\n    callsPerHour: 0\n"
                + "  - name: it-agentx\n    type: agentx\n    baseUrl: " + base + "\n    botName: " + c.agentxBotName()
                + "\n    apiKey: ${IT_AGENTX_KEY}\n    requestsPerSecond: 0\n");
        return file;
    }

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** {@code indexer.jar [--config config] args...} in its own JVM, its stdout and stderr kept in files. */
    private Run run(Path dir, String name, Map<String, String> env, Path config, String... args) throws Exception {
        List<String> all = new ArrayList<>();
        if (config != null) {
            all.addAll(List.of("--config", config.toString()));
        }
        all.addAll(List.of(args));
        return runMain(dir, name, IndexerMain.class.getName(), env, 240, all.toArray(String[]::new));
    }

    private Run runMain(Path dir, String name, String main, Map<String, String> env, int seconds, String... args) throws Exception {
        Process p = start(dir, name, main, env, args);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            problems.add(name + " still ran after " + seconds + " s (stopped; its output is checked all the same)");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve(name + ".out")), Files.readString(dir.resolve(name + ".err")));
    }

    private Process start(Path dir, String name, String main, Map<String, String> env, String... args) throws IOException {
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

    /** Every document of every index under the prefix, appended as JSON; how many there were. */
    private static long dump(TestElasticsearch es, StringBuilder sink) {
        long total = 0;
        for (String line : es.request("GET", "/_cat/indices/" + PREFIX + "-*?h=index&expand_wildcards=all").split("\n")) {
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
    private static List<Path> logFolders(TestElasticsearch es, Path home) {
        List<Path> folders = new ArrayList<>(List.of(home));
        es.embeddedNode().map(n -> n.folder()).filter(Files::isDirectory).ifPresent(folders::add);
        return folders;
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 80)).replace('\n', ' ');
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
