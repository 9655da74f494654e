package org.transcriptsearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

    /** Leaks and wrong outcomes, all reported at the end. */
    private final List<String> problems = new ArrayList<>();
    private ProductRuns runs;

    private void expect(boolean ok, String what) {
        if (!ok) {
            problems.add(what);
        }
    }

    @Test
    void noSecretAndNoUrlCredentialInAnyOutputLogOrStoredDocument(TestElasticsearch es, @TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        runs = new ProductRuns(dir, problems::add);
        es.setup(PREFIX);
        try (VendorSandbox sandbox = VendorSandbox.start(SandboxOptions.builder().seed(1313).conversationsPerVendor(20)
                .rateLimits(false).build());
             FaultProxy proxy = FaultProxy.start(es.url())) {
            SandboxCredentials c = sandbox.credentials();
            Map<String, String> env = ProductRuns.sandboxEnvironment(sandbox, home);
            // Padded, as a value pasted into a .env file often is: the connector trims it, so must the redactor.
            env.put("IT_AGENTX_KEY", "  " + c.agentxApiKey() + " ");
            env.put("IT_ES_PASSWORD", ES_PASSWORD);
            env.put("IT_WRONG_TOKEN", WRONG_TOKEN);
            List<String> secrets = List.of(c.cxoneToken(), c.koreClientSecret(), c.agentxApiKey(), ES_PASSWORD, URL_PASSWORD,
                    WRONG_TOKEN, SEARCH_KEY, CURSOR_SECRET, JWT_HEADER);

            Path good = config(dir, "good.yml", "  url: " + proxy.url() + "\n  username: it-user\n  password: ${IT_ES_PASSWORD}\n",
                    sandbox, "${IT_CXONE_TOKEN}");
            assertEquals(0, runs.indexer("setup", env, good, "setup").exit());

            // Vendor trouble (retried, logged), a broken record (set aside whole), a document Elasticsearch refuses.
            sandbox.faults().next(Vendor.CXONE, Fault.status(503).times(2));
            sandbox.faults().next(Vendor.KORE, Fault.status(500));
            sandbox.faults().next(Vendor.AGENTX, Fault.malformedRecord());
            proxy.failNextItems(ItemFault.MAPPING_ERROR, 1);
            ProductRuns.Run harvest = runs.indexer("harvest", env, good, "harvest");
            assertEquals(3, harvest.exit(), "records were set aside: " + harvest.all());
            proxy.clear();
            assertTrue(es.count(PREFIX + "-messages") > 100, "the harvest stored the vendors' messages");
            assertEquals(0, runs.indexer("status", env, good, "status").exit());
            assertEquals(0, runs.indexer("set-aside-list", env, good, "set-aside", "list").exit());

            Path wrong = config(dir, "wrong-token.yml", "  url: " + es.url() + "\n", sandbox, "${IT_WRONG_TOKEN}");
            ProductRuns.Run refused = runs.indexer("wrong-token", env, wrong, "harvest", "--source", "it-cxone");
            expect(refused.exit() == 1 && refused.err().contains("token"), "a wrong token fails the run naming the key: " + refused.all());

            int closed = ProductRuns.freePort();
            Path withCredentials = config(dir, "url-credentials.yml", "  url: http://it-user:" + URL_PASSWORD + "@127.0.0.1:"
                    + closed + "\n", sandbox, "${IT_CXONE_TOKEN}");
            ProductRuns.Run inUrl = runs.indexer("url-credentials", env, withCredentials, "harvest");
            expect(inUrl.exit() == 2 && inUrl.err().contains("elasticsearch.username and elasticsearch.password"),
                    "credentials in elasticsearch.url are a configuration error naming the keys to use: " + inUrl.all());
            Map<String, String> esUrlEnv = new LinkedHashMap<>(env);
            esUrlEnv.put("ES_URL", "http://it-user:" + URL_PASSWORD + "@127.0.0.1:" + closed);
            ProductRuns.Run inEsUrl = runs.indexer("es-url-credentials", esUrlEnv, null, "status");
            expect(inEsUrl.exit() == 2, "credentials in ES_URL are a configuration error: " + inEsUrl.all());
            Path down = config(dir, "es-down.yml", "  url: http://127.0.0.1:" + closed + "\n  username: it-user\n"
                    + "  password: ${IT_ES_PASSWORD}\n", sandbox, "${IT_CXONE_TOKEN}");
            ProductRuns.Run unreachable = runs.indexer("es-down", env, down, "status");
            expect(unreachable.exit() == 1 && unreachable.err().contains("\tat org.transcriptsearch"),
                    "Elasticsearch down: exit 1, and TRANSCRIPTS_DEBUG prints the trace: " + unreachable.all());

            searchApi(dir, es, esUrlEnv);

            es.refresh();
            StringBuilder stored = new StringBuilder();
            long documents = ProductRuns.dump(es, PREFIX, stored);
            assertTrue(documents > 100, "the dump holds the harvest's documents");
            assertTrue(stored.indexOf("\"set_aside\"") >= 0 || stored.indexOf("\"kind\":\"record\"") >= 0,
                    "the runs and dead-letter documents are part of the dump");

            
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put("stored documents under " + PREFIX + "-*", stored.toString());
            for (Path p : runs.outputs()) {
                texts.put(dir.relativize(p).toString(), Files.readString(p, StandardCharsets.UTF_8));
            }
            for (Path folder : ProductRuns.logFolders(es, home)) {
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
                            problems.add(where + ": a configured secret: ..." + ProductRuns.around(text, at) + "...");
                        }
                    }
                }
                Matcher m = URL_CREDENTIALS.matcher(text);
                if (m.find()) {
                    problems.add(where + ": a URL with credentials: ..." + ProductRuns.around(text, m.start()) + "...");
                }
            });
            assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
        }
    }

    /** The search API: refused with credentials in ES_URL; then served, called with good and bad input, stopped. */
    private void searchApi(Path dir, TestElasticsearch es, Map<String, String> withCredentials) throws Exception {
        Map<String, String> refusedEnv = new LinkedHashMap<>(withCredentials);
        refusedEnv.put("PORT", "0");
        ProductRuns.Run refused = runs.main("search-api-url-credentials", SearchApiMain.class.getName(), refusedEnv, 60);
        expect(refused.exit() == 2 && refused.err().contains("ES_USERNAME and ES_PASSWORD"),
                "the search API refuses credentials in ES_URL naming the variables to use: " + refused.all());

        int port = ProductRuns.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TRANSCRIPTS_DEBUG", "1");
        env.put("ES_URL", es.url());
        env.put("ES_USERNAME", "it-user");
        env.put("ES_PASSWORD", ES_PASSWORD);
        env.put("PORT", Integer.toString(port));
        env.put("INDEX_PREFIX", PREFIX);
        env.put("SEARCH_API_KEYS", SEARCH_KEY);
        env.put("SEARCH_CURSOR_SECRET", CURSOR_SECRET);
        Process p = runs.start("search-api", SearchApiMain.class.getName(), env);
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
                Path body = dir.resolve("search-api-response-" + runs.outputs().size() + ".txt");
                // The answer only: the request is the test's own words, not the product's.
                Files.writeString(body, r.statusCode() + "\n" + r.body());
                runs.outputs().add(body);
            }
        }
        p.destroy();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private Path config(Path dir, String name, String elasticsearch, VendorSandbox sandbox, String cxoneToken) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "elasticsearch:\n" + elasticsearch + "index:\n  prefix: " + PREFIX + "\n"
                + "harvest:\n  settle: 0s\n  overlap: 30m\n  timeout: 5s\n  retries: 4\n"
                + ProductRuns.sandboxSources(sandbox, cxoneToken));
        return file;
    }
}
