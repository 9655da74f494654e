package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.indexer.IndexerMain;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.search.SearchServer;
import org.transcriptsearch.search.SearchServerOptions;
import org.transcriptsearch.secrets.Redactor;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.FaultProxy;
import org.transcriptsearch.testkit.ItemFault;
import org.transcriptsearch.testkit.RecordedRequest;
import org.transcriptsearch.testkit.TestElasticsearch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roles of docker/security/roles against what the services really ask of Elasticsearch. The bare
 * test node has no security module, so the roles cannot be enforced here; instead every request of a real
 * run goes through a recording {@link FaultProxy}: the indexer's setup, a harvest of the three sandbox
 * vendors (with documents refused, so set-aside and its retry run too), reindex, rebuild, status, and the
 * search API answering every GET endpoint of its OpenAPI document. Each request is mapped to the action
 * Elasticsearch checks ({@link RequiredPrivileges}); each service's role must allow every one of them
 * and grant nothing that none of them uses.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServicePrivilegesIT {
    /** Not the default, so a role that names "transcripts" instead of the prefix is caught. */
    private static final String PREFIX = "it-roles";
    private TestElasticsearch es;
    private VendorSandbox sandbox;
    private FaultProxy proxy;
    private List<RecordedRequest> indexerCalls;
    private List<RecordedRequest> searchApiCalls;

    @BeforeAll
    void runTheServices(TestElasticsearch es, @TempDir Path dir) throws Exception {
        this.es = es;
        es.wipe();
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(SandboxOptions.DEFAULT_SEED)
                .anchor(Instant.now()).conversationsPerVendor(10).rateLimits(false).build());
        proxy = FaultProxy.start(es.url());
        proxy.recordRequests();
        runIndexer(dir);
        int indexerEnd = proxy.recorded().size();
        runSearchApi();
        List<RecordedRequest> all = proxy.recorded();
        indexerCalls = all.subList(0, indexerEnd);
        searchApiCalls = all.subList(indexerEnd, all.size());
    }

    @AfterAll
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void runIndexer(Path dir) throws IOException {
        var c = sandbox.credentials();
        String url = sandbox.baseUrl();
        Path config = dir.resolve("transcripts.yml");
        Files.writeString(config, String.join("\n",
                "elasticsearch:", "  url: " + proxy.url(), "index:", "  prefix: " + PREFIX, "privacy:", "  redact: all", "sources:",
                "  - name: cxone-sandbox", "    type: cxone", "    baseUrl: \"" + url + "\"", "    token: ${T_CXONE_TOKEN}",
                "  - name: kore-sandbox", "    type: kore", "    baseUrl: \"" + url + "\"", "    botId: \"" + c.koreBotId() + "\"",
                "    clientId: \"" + c.koreClientId() + "\"", "    clientSecret: ${T_KORE_SECRET}",
                "  - name: agentx-sandbox", "    type: agentx", "    baseUrl: \"" + url + "\"",
                "    botName: \"" + c.agentxBotName() + "\"", "    apiKey: ${T_AGENTX_KEY}", ""));
        Map<String, String> env = new HashMap<>(Map.of("T_CXONE_TOKEN", c.cxoneToken(),
                "T_KORE_SECRET", c.koreClientSecret(), "T_AGENTX_KEY", c.agentxApiKey()));
        String cfg = config.toString();
        indexer(env, Set.of(0), "--config", cfg, "setup");
        // A few documents refused for good: they are set aside, listed, and stored again by the retry.
        proxy.failItems(ItemFault.MAPPING_ERROR, op -> op.index().startsWith(PREFIX + "-messages"), 3);
        indexer(env, Set.of(0, 3), "--config", cfg, "harvest");
        indexer(env, Set.of(0), "--config", cfg, "status");
        indexer(env, Set.of(0), "--config", cfg, "set-aside", "list");
        indexer(env, Set.of(0, 3), "--config", cfg, "set-aside", "retry");
        String from = LocalDate.now(ZoneOffset.UTC).minusDays(3).toString();
        indexer(env, Set.of(0, 3), "--config", cfg, "reindex", "--source", "cxone-sandbox", "--from", from);
        indexer(env, Set.of(0), "--config", cfg, "rebuild", "--prune");
        indexer(env, Set.of(0), "--config", cfg, "rebuild", "--redact"); // copies, writes back set-aside and run records, prunes
        indexer(env, Set.of(0), "--config", cfg, "forget", "--conversation", "cxone-sandbox/" + sandbox.groundTruth()
                .conversationIds("cxone").get(0)); // finds, deletes and checks in every index version; suppression, audit
        indexer(env, Set.of(0), "--config", cfg, "forget", "--list");
        indexer(env, Set.of(0), "--config", cfg, "setup"); // again, on installed templates: the reads of an upgrade check
    }

    private void indexer(Map<String, String> env, Set<Integer> exits, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = IndexerMain.run(List.of(args), new Console(print, print, new Redactor(List.copyOf(env.values())), false), env);
        assertTrue(exits.contains(exit), () -> "indexer " + String.join(" ", args) + " exited " + exit + ":\n"
                + out.toString(StandardCharsets.UTF_8));
    }

    /** Every GET endpoint the OpenAPI document lists, with real values, and a second page of search. */
    private void runSearchApi() throws Exception {
        es.refresh();
        JsonNode hit = SavedObjects.JSON.readTree(es.request("POST", "/" + PREFIX + "-messages/_search",
                "{\"size\":1,\"query\":{\"match_all\":{}}}")).path("hits").path("hits").path(0).path("_source");
        String source = hit.path("source").asText();
        String conversation = hit.path("conversation").path("id").asText();
        assertTrue(!source.isEmpty() && !conversation.isEmpty(), "the harvest stored messages: " + hit);
        SearchServerOptions options = SearchServerOptions.defaults()
                .withElasticsearch(new ElasticsearchSettings(proxy.url(), null, null, null, null))
                .withIndexPrefix(PREFIX).withPort(0);
        HttpClient http = HttpClient.newHttpClient();
        try (SearchServer server = SearchServer.start(options)) {
            String base = "http://127.0.0.1:" + server.port();
            JsonNode openApi = SavedObjects.JSON.readTree(get(http, base + "/openapi.json"));
            Set<String> tried = new TreeSet<>();
            for (Iterator<String> it = openApi.path("paths").fieldNames(); it.hasNext(); ) {
                String path = it.next();
                if (!openApi.path("paths").path(path).has("get")) {
                    continue;
                }
                String concrete = path.replace("{source}", enc(source)).replace("{conversationId}", enc(conversation));
                assertTrue(!concrete.contains("{"), "a path parameter this test does not fill: " + path);
                get(http, base + concrete);
                if (concrete.startsWith("/api/")) {
                    get(http, base + concrete + "?q=password&size=1&minConfidence=0.1&fallback=false");
                }
                tried.add(path);
            }
            JsonNode page = SavedObjects.JSON.readTree(get(http, base + "/api/search?q=password&size=1"));
            if (page.hasNonNull("cursor")) {
                get(http, base + "/api/search?q=password&size=1&cursor=" + enc(page.path("cursor").asText()));
            }
            assertTrue(tried.containsAll(Set.of("/api/search", "/api/conversations/{source}/{conversationId}", "/health")),
                    tried::toString);
        }
    }

    private static String get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 500, url + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void theIndexersRoleAllowsEveryCallOfARealRunAndNothingUnused() {
        check("transcripts_indexer", indexerCalls);
    }

    @Test
    void theSearchApisRoleAllowsEveryCallOfARealRunAndNothingUnused() {
        check("transcripts_search_api", searchApiCalls);
    }

    @Test
    void theSearchApiReadsOnlyTheTwoAliasesAndClusterHealth() {
        Set<String> touched = new TreeSet<>();
        RequiredPrivileges needs = new RequiredPrivileges();
        for (RecordedRequest r : searchApiCalls) {
            needs.of(r).forEach(n -> touched.add(n.index() == null ? n.action() : n.index() + " " + n.action()));
        }
        assertEquals(Set.of("cluster:monitor/health", PREFIX + "-messages indices:data/read/search",
                PREFIX + "-conversations indices:data/read/search"), touched);
    }

    private void check(String roleName, List<RecordedRequest> calls) {
        ServiceRoles.Role role = ServiceRoles.load(PREFIX).get(roleName);
        assertTrue(role != null, "docker/security/roles/" + roleName + ".json is missing");
        assertTrue(!calls.isEmpty(), "the run recorded no request");
        RequiredPrivileges needs = new RequiredPrivileges();
        List<String> refused = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        Set<String> distinct = new TreeSet<>();
        for (RecordedRequest r : calls) {
            for (RequiredPrivileges.Need need : needs.of(r)) {
                distinct.add(need.toString());
                String grant = ServiceRoles.allowedBy(role, need);
                if (grant == null) {
                    refused.add(r + " needs " + need);
                } else {
                    used.add(grant);
                }
            }
        }
        System.err.println("ServicePrivilegesIT: " + roleName + ": " + calls.size() + " requests need " + distinct);
        assertTrue(refused.isEmpty(), () -> roleName + " would be refused:\n" + String.join("\n", new LinkedHashSet<>(refused)));
        List<String> unused = role.grants().stream().filter(g -> !used.contains(g)).toList();
        assertTrue(unused.isEmpty(), () -> roleName + " grants what no call uses: " + unused);
    }
}
