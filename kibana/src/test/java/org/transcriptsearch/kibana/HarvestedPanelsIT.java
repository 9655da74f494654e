package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.indexer.IndexerMain;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.privacy.PiiRedaction;
import org.transcriptsearch.privacy.PrivacyConfig;
import org.transcriptsearch.sandbox.ExpectedMessage;
import org.transcriptsearch.sandbox.GroundTruth;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.secrets.Redactor;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboards on real harvested data: the vendor sandbox serves the three APIs, the indexer's own
 * {@code setup} and {@code harvest} (redacting personal data, as the compose stack does) fill the indices, and
 * each panel's aggregation is compared with the sandbox's ground truth.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarvestedPanelsIT {
    private static final Duration RANGE = Duration.ofDays(30);
    private TestElasticsearch es;
    private VendorSandbox sandbox;
    private List<ExpectedMessage> truth;
    private final Map<String, PanelAggregationsIT.Result> results = new TreeMap<>();

    @BeforeAll
    void harvest(TestElasticsearch es, @TempDir Path dir) throws IOException {
        this.es = es;
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(SandboxOptions.DEFAULT_SEED)
                .anchor(Instant.now()).conversationsPerVendor(40).rateLimits(false).build());
        var c = sandbox.credentials();
        String url = sandbox.baseUrl();
        Path config = dir.resolve("transcripts.yml");
        Files.writeString(config, String.join("\n",
                "index:", "  prefix: transcripts", "sources:",
                "  - name: cxone-sandbox", "    type: cxone", "    baseUrl: \"" + url + "\"", "    token: ${T_CXONE_TOKEN}",
                "  - name: kore-sandbox", "    type: kore", "    baseUrl: \"" + url + "\"", "    botId: \"" + c.koreBotId() + "\"",
                "    clientId: \"" + c.koreClientId() + "\"", "    clientSecret: ${T_KORE_SECRET}",
                "  - name: agentx-sandbox", "    type: agentx", "    baseUrl: \"" + url + "\"",
                "    botName: \"" + c.agentxBotName() + "\"", "    apiKey: ${T_AGENTX_KEY}",
                "privacy:", "  redact: all", ""));
        Map<String, String> env = new HashMap<>(Map.of("ES_URL", es.url(), "T_CXONE_TOKEN", c.cxoneToken(),
                "T_KORE_SECRET", c.koreClientSecret(), "T_AGENTX_KEY", c.agentxApiKey()));
        es.wipe();
        indexer(env, "--config", config.toString(), "setup");
        indexer(env, "--config", config.toString(), "harvest");
        es.refresh();
        Instant from = Instant.now().minus(RANGE);
        GroundTruth gt = sandbox.groundTruth();
        truth = new ArrayList<>();
        for (Vendor v : Vendor.values()) {
            gt.messages(v).filter(m -> m.at().isAfter(from)).forEach(truth::add);
        }
        for (LensPanel panel : LensPanel.of(SavedObjects.load())) {
            results.put(panel.panelIndex(), run(panel));
        }
    }

    @AfterAll
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private void indexer(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int exit = IndexerMain.run(List.of(args), new Console(print, print, new Redactor(List.copyOf(env.values())), false), env);
        assertEquals(0, exit, () -> "indexer " + String.join(" ", args) + ":\n" + out.toString(StandardCharsets.UTF_8));
    }

    private PanelAggregationsIT.Result run(LensPanel panel) {
        String timeFrom = SavedObjects.load().find("dashboard", panel.dashboard()).orElseThrow().attributes().path("timeFrom").asText();
        PanelAggregation aggregation = new PanelAggregation(panel, Duration.ofDays(Long.parseLong(timeFrom.replaceAll("now-(\\d+)d", "$1"))));
        JsonNode response = json(es.request("POST", "/" + panel.dataView() + "/_search?track_total_hits=true",
                aggregation.request(timeFrom).toString()));
        return new PanelAggregationsIT.Result(panel, aggregation.rows(response), aggregation.interval());
    }

    @Test
    void messageAndConversationCountsEqualTheSandboxGroundTruth() {
        assertFalse(truth.isEmpty());
        assertEquals(truth.size(), results.get("messages-total").single("messages"));
        assertEquals(truth.size(), results.get("messages-over-time").sum("messages"));
        // AgentX lists conversations apart from their messages: a listed conversation with no message
        // still gets its conversation document. (The Kore sample message without a session gets an id
        // derived from its user, so it stays one conversation.)
        Set<String> expected = truth.stream().map(m -> m.vendor() + "/" + m.conversationId().orElse("")).collect(Collectors.toSet());
        sandbox.groundTruth().conversationIds(Vendor.AGENTX).forEach(id -> expected.add(Vendor.AGENTX + "/" + id));
        assertEquals(expected.size(), results.get("conversations-total").single("conversations"));
        Map<String, Double> roles = new TreeMap<>();
        truth.forEach(m -> roles.merge(m.role(), 1.0, Double::sum));
        assertEquals(roles, results.get("messages-by-role").byKey("by-role", "messages"));
        // Languages are detected per message by the indexer, so short messages may land elsewhere; most
        // must carry the four languages the sandbox writes in.
        Map<String, Double> languages = results.get("language-mix").byKey("language", "messages");
        double inFour = languages.entrySet().stream().filter(e -> Set.of("ko", "ja", "zh", "en").contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
        assertTrue(inFour >= 0.8 * truth.size(), languages::toString);
    }

    @Test
    void intentPanelsEqualTheSandboxGroundTruth() {
        List<ExpectedMessage> users = truth.stream().filter(ExpectedMessage::fromUser).toList();
        assertEquals(users.stream().filter(ExpectedMessage::fallback).count(), results.get("fallbacks-total").single("fallbacks"));
        Map<String, Double> intents = new TreeMap<>();
        users.forEach(m -> m.intent().ifPresent(i -> intents.merge(i, 1.0, Double::sum)));
        Map<String, Double> shown = results.get("intent-distribution").byKey("intent", "messages");
        // The panel shows the top 20; every intent it shows has its true count.
        shown.forEach((intent, count) -> assertEquals(intents.get(intent), count, intent));
        assertEquals(Math.min(20, intents.size()), shown.size());
        double low = users.stream().filter(m -> m.confidence().isPresent() && m.confidence().getAsDouble() < 0.5).count();
        assertEquals(low, results.get("low-confidence-total").single("low"));
    }

    @Test
    void harvestHealthShowsTheRunsThatJustHappened() {
        assertEquals(3.0, results.get("runs-total").single("runs"), "one run document per source");
        Map<String, Double> outcomes = results.get("runs-by-outcome").byKey("by-outcome", "runs");
        assertTrue(Set.of("succeeded", "partial").containsAll(outcomes.keySet()), outcomes::toString);
        assertEquals(truth.size(), results.get("messages-written-total").single("written"));
        assertEquals(3, results.get("sources").rows().size());
    }

    @Test
    void personalDataPanelCountsWhatRedactionFindsInTheSandboxsMessages() {
        // Per kind, the messages whose text or quick replies as the sandbox wrote them hold it (the product's
        // detectors, run here on the ground truth): the customers' planted values and the e-mail addresses
        // the login dialogues mention.
        PiiRedaction redaction = new PiiRedaction(PrivacyConfig.parse(Map.of("redact", "all")));
        Map<String, Double> expected = new TreeMap<>();
        for (ExpectedMessage m : truth) {
            Set<String> kinds = new TreeSet<>(redaction.redact(m.text()).kinds());
            m.options().forEach(o -> kinds.addAll(redaction.redact(o).kinds()));
            kinds.forEach(k -> expected.merge(k, 1.0, Double::sum));
        }
        Set<String> planted = new TreeSet<>();
        for (Vendor v : Vendor.values()) {
            sandbox.groundTruth().personalData(v).forEach(p -> planted.add(p.kind()));
        }
        assertTrue(expected.keySet().containsAll(planted), "every kind the customers typed: " + expected + " vs " + planted);
        assertEquals(expected, results.get("pii-over-time").byKey("by-kind", "messages"));
    }

    /** Which panels the sandbox's data leaves empty (fields its vendors do not give); printed for the record. */
    @Test
    void everyPanelRunsAndMostShowData() {
        List<String> empty = results.entrySet().stream()
                .filter(e -> e.getValue().rows().isEmpty() || e.getValue().panel().metrics().stream().allMatch(m ->
                        e.getValue().rows().stream().allMatch(r -> r.get(m.id()) == null || (Double) r.get(m.id()) == 0)))
                .map(Map.Entry::getKey).collect(Collectors.toList());
        System.err.println("HarvestedPanelsIT: " + (results.size() - empty.size()) + " of " + results.size()
                + " panels show data; empty on sandbox data: " + empty);
        assertTrue(empty.size() <= results.size() / 4, "too many empty panels: " + empty);
    }

    private JsonNode json(String body) {
        try {
            return SavedObjects.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
