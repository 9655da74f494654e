package org.transcriptsearch.indexer.forget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.indexer.source.VendorHarvestHarness;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Erasure end to end through the CLI, against the sandbox and a real cluster: a harvest of a CXone and a
 * Kore source (a Kore record and a CXone message set aside, their vendor records kept), a rebuild (so every document is in two index versions), a forgotten Kore customer (named on
 * the user's messages only, never on the bot's) and a forgotten CXone conversation; then nothing of them in
 * any index, a reindex of their period that stores none of them and counts them as suppressed, and an
 * audit entry and a list that hold no id in clear.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForgetIT {
    private static final String PREFIX = "it-forget";
    private static final String CX = "cx-forget";
    private static final String KORE = "kore-forget";
    /** The same Kore bot, first read after the forget, one message a page: the customer is learned mid-run. */
    private static final String KORE_LATE = "kore-late";

    private VendorSandbox sandbox;
    private VendorHarvestHarness h;
    /** The forgotten customer (a Kore user), their conversations, and the forgotten CXone conversation. */
    private String customer;
    private final Set<String> customerConversations = new LinkedHashSet<>();
    private String conversation;
    /** When the customer's messages were sent: the window a later source is read over. */
    private Instant customerFrom;
    private Instant customerTo;
    /** Texts only the forgotten messages hold (checked unique before the forget). */
    private final List<String> forgottenTexts = new ArrayList<>();

    @BeforeAll
    void start(TestElasticsearch es, @TempDir Path dir) throws Exception {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(15).conversationsPerVendor(20)
                .vendors(Vendor.CXONE, Vendor.KORE).rateLimits(false).build());
        es.setup(PREFIX);
        var c = sandbox.credentials();
        h = new VendorHarvestHarness(es, PREFIX, dir, "  settle: 0s\n  overlap: 30m\n",
                "  - name: " + CX + "\n    type: cxone\n    baseUrl: " + sandbox.baseUrl() + "\n    token: ${CXONE_IT_TOKEN}\n"
                        + "    perPage: 50\n"
                        + "  - name: " + KORE + "\n    type: kore\n    baseUrl: " + sandbox.baseUrl() + "\n    botId: "
                        + c.koreBotId() + "\n    clientId: ${KORE_IT_CLIENT_ID}\n    clientSecret: ${KORE_IT_CLIENT_SECRET}\n"
                        // small pages: a session spans several, some of them without the user's messages
                        + "    pageSize: 6\n    callsPerMinute: 0\n    callsPerHour: 0\n"
                        + "  - name: " + KORE_LATE + "\n    type: kore\n    baseUrl: " + sandbox.baseUrl() + "\n    botId: "
                        + c.koreBotId() + "\n    clientId: ${KORE_IT_CLIENT_ID}\n    clientSecret: ${KORE_IT_CLIENT_SECRET}\n"
                        + "    pageSize: 1\n    callsPerMinute: 0\n    callsPerHour: 0\n",
                Map.of("CXONE_IT_TOKEN", c.cxoneToken(), "KORE_IT_CLIENT_ID", c.koreClientId(),
                        "KORE_IT_CLIENT_SECRET", c.koreClientSecret()));
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @Order(1)
    void harvestAndRebuildLeaveEveryDocumentInTwoIndexVersions() {
        // One Kore record is malformed: set aside, its vendor record (which names the customer) kept in the dead-letter index.
        sandbox.faults().next(Vendor.KORE, Fault.malformedRecord());
        // One CXone message dated in the future: set aside, and the run's history names its conversation.
        sandbox.faults().next(Vendor.CXONE, Fault.futureRecord());
        VendorHarvestHarness.Result r = h.run("harvest", "--source", CX, "--source", KORE);
        assertEquals(3, r.exit(), r.all());
        VendorHarvestHarness.Result rebuild = h.run("rebuild");
        assertEquals(0, rebuild.exit(), rebuild.all());
        assertTrue(h.es.count(PREFIX + "-messages-v1") > 0 && h.es.count(PREFIX + "-messages-v1") == h.es.count(PREFIX + "-messages-v2"),
                "rebuild keeps the old version: " + rebuild.all());

        // The customer is the Kore user of the set-aside record; the conversation, a CXone one.
        List<JsonNode> setAside = h.setAside(KORE);
        assertEquals(1, setAside.size(), setAside.toString());
        customer = VendorHarvestHarness.json(setAside.get(0).path("record").asText()).path("createdBy").asText();
        assertFalse(customer.isEmpty(), setAside.toString());
        h.search("conversations", "{\"size\":100,\"query\":{\"term\":{\"customer.id\":\"" + customer + "\"}}}").path("hits").path("hits")
                .forEach(hit -> customerConversations.add(hit.path("_source").path("conversation").path("id").asText()));
        List<JsonNode> cxSetAside = h.setAside(CX);
        assertEquals(1, cxSetAside.size(), cxSetAside.toString());
        conversation = cxSetAside.get(0).path("conversation").path("id").asText();
        assertFalse(conversation.isEmpty(), cxSetAside.toString());
        assertTrue(h.lastRun(CX).path("errors").toString().contains(conversation), "the run history names it: " + h.lastRun(CX));

        JsonNode span = h.search("messages", "{\"size\":0,\"query\":" + terms("conversation.id", customerConversations)
                + ",\"aggs\":{\"from\":{\"min\":{\"field\":\"@timestamp\"}},\"to\":{\"max\":{\"field\":\"@timestamp\"}}}}")
                .path("aggregations");
        customerFrom = Instant.ofEpochMilli(span.path("from").path("value").asLong()).minusSeconds(60);
        customerTo = Instant.ofEpochMilli(span.path("to").path("value").asLong()).plusSeconds(60);
        JsonNode bots = h.search("messages", "{\"size\":0,\"query\":{\"bool\":{\"filter\":[" + terms("conversation.id", customerConversations)
                + ",{\"term\":{\"role\":\"bot\"}}],\"must_not\":{\"exists\":{\"field\":\"customer.id\"}}}}}");
        assertTrue(bots.path("hits").path("total").path("value").asLong() > 0,
                "the customer's conversations hold bot messages that do not name them: " + bots);

        for (String alias : List.of("messages", "conversations")) {
            for (String index : List.of(PREFIX + "-" + alias + "-v1", PREFIX + "-" + alias + "-v2")) {
                assertTrue(count(index, ofThem()) > 0, index + " holds documents of them before the forget");
            }
        }
        JsonNode texts = h.search("messages", "{\"size\":200,\"_source\":[\"text\"],\"query\":{\"bool\":{\"should\":["
                + terms("conversation.id", customerConversations) + ",{\"term\":{\"conversation.id\":" + quote(conversation)
                + "}}],\"minimum_should_match\":1}}}");
        for (JsonNode hit : texts.path("hits").path("hits")) {
            String text = hit.path("_source").path("text").asText("");
            if (text.length() > 12 && count(PREFIX + "-messages-v1", "{\"match_phrase\":{\"text\":" + quote(text) + "}}")
                    == count(PREFIX + "-messages-v1", "{\"bool\":{\"filter\":[{\"match_phrase\":{\"text\":" + quote(text) + "}},"
                    + ofThem() + "]}}")) {
                forgottenTexts.add(text);
            }
        }
        assertFalse(forgottenTexts.isEmpty(), "some of their texts are theirs alone");
        String all = everything();
        assertTrue(all.contains(customer) && all.contains(conversation));
    }

    @Test
    @Order(2)
    void usageErrorsAreExitTwoWithAClearMessage() {
        assertEquals(0, h.run("forget", "--help").exit());
        assertUsage("say what to forget", "forget");
        assertUsage("not both", "forget", "--customer", "a", "--conversation", CX + "/b");
        assertUsage("must be SOURCE/ID", "forget", "--conversation", "no-slash");
        assertUsage("must be SOURCE/ID", "forget", "--conversation", CX + "/");
        assertUsage("must be SOURCE/ID", "forget", "--conversation", "/abc");
        assertUsage("nope is not a configured source", "forget", "--customer", "a", "--source", "nope");
        assertUsage("nope is not a configured source", "forget", "--conversation", "nope/abc");
        assertUsage("--list takes no other option", "forget", "--list", "--customer", "a");
        assertUsage("--source goes with --customer", "forget", "--conversation", CX + "/x", "--source", CX);
    }

    @Test
    @Order(2)
    void aSourceHeldByAHarvestIsNotForgottenUnderItsFeet() {
        Instant now = Instant.now();
        String lease = "{\"kind\":\"lease\",\"source\":\"" + CX + "\",\"updated_at\":\"" + now + "\",\"lease\":{\"holder\":"
                + "\"harvest-elsewhere\",\"acquired_at\":\"" + now + "\",\"expires_at\":\"%s\",\"epoch\":100}}";
        h.es.request("PUT", "/" + PREFIX + "-state/_doc/lease:" + CX + "?refresh=true", String.format(lease, now.plusSeconds(600)));
        VendorHarvestHarness.Result r = h.run("forget", "--conversation", CX + "/" + conversation);
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("harvest-elsewhere"), "says who holds it: " + r.all());
        assertTrue(h.state(Suppression.id(Suppression.CONVERSATION, SuppressionDigest.conversation(CX, conversation))).isEmpty(),
                "nothing recorded: the forget did not begin");
        h.es.request("PUT", "/" + PREFIX + "-state/_doc/lease:" + CX + "?refresh=true", String.format(lease, now)); // released
    }

    private void assertUsage(String expected, String... args) {
        VendorHarvestHarness.Result r = h.run(args);
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().contains(expected), r.all());
        assertFalse(r.all().contains("Exception"), r.all());
    }

    @Test
    @Order(3)
    void forgettingErasesThemFromEveryIndexVersion() {
        VendorHarvestHarness.Result c = h.run("forget", "--customer", customer);
        assertEquals(0, c.exit(), c.all());
        assertTrue(c.out().contains(PREFIX + "-messages-v1") && c.out().contains(PREFIX + "-messages-v2"), c.all());
        VendorHarvestHarness.Result v = h.run("forget", "--conversation", CX + "/" + conversation);
        assertEquals(0, v.exit(), v.all());
        assertTrue(v.out().contains("1 run(s) in the history named a record of it among their errors: masked"), v.all());
        assertFalse((c.all() + v.all()).contains(customer) || v.all().contains(conversation), "ids are not echoed: " + c.all() + v.all());
        assertNothingOfThem();

        VendorHarvestHarness.Result none = h.run("forget", "--customer", "nobody-at-all", "--source", CX);
        assertEquals(0, none.exit(), none.all());
        assertTrue(none.out().contains("nothing of it is stored"), none.all());
    }

    @Test
    @Order(4)
    void aReindexOfTheirPeriodStoresNoneOfThemAndCountsThemSuppressed() {
        String from = Instant.now().minusSeconds(40L * 24 * 3600).toString();
        for (String source : List.of(KORE, CX)) {
            VendorHarvestHarness.Result r = h.run("reindex", "--source", source, "--from", from);
            assertEquals(0, r.exit(), "a run that only suppressed things stored all it was allowed to: " + r.all());
            assertTrue(r.out().contains("suppressed"), r.all());
            JsonNode run = h.lastRun(source);
            assertEquals("succeeded", run.path("outcome").asText(), run.toString());
            assertTrue(run.path("messages").path("suppressed").asLong() > 0, run.toString());
            assertTrue(run.path("conversations").path("suppressed").asLong() > 0, run.toString());
        }
        assertNothingOfThem();
    }

    @Test
    @Order(5)
    void aSourceReadAfterTheForgetLearnsTheCustomersConversationsAndStoresNothingOfThem() {
        // One message a page: a session the bot opens has its first message stored before the user's names the customer.
        assertTrue(customerConversations.stream().anyMatch(id -> !sandbox.groundTruth().messagesInConversation(Vendor.KORE, id)
                .get(0).fromUser()), "a session of the customer that the bot opens");
        String digest = SuppressionDigest.customer(null, customer);
        int before = h.state(Suppression.id(Suppression.CUSTOMER, digest)).orElseThrow().path("suppression").path("conversations").size();
        VendorHarvestHarness.Result r = h.run("reindex", "--source", KORE_LATE, "--from", customerFrom.toString(), "--to",
                customerTo.toString());
        assertEquals(0, r.exit(), r.all());
        JsonNode run = h.lastRun(KORE_LATE);
        assertTrue(run.path("messages").path("suppressed").asLong() > 0, run.toString());
        assertNothingOfThem();
        assertEquals(before + customerConversations.size(), h.state(Suppression.id(Suppression.CUSTOMER, digest)).orElseThrow()
                .path("suppression").path("conversations").size(), "the conversations learned in " + KORE_LATE + " are kept out from now on");
    }

    @Test
    @Order(6)
    void theAuditAndTheListShowThemWithNoIdInClear() {
        JsonNode audits = h.search("runs", "{\"size\":10,\"sort\":[{\"@timestamp\":\"asc\"}],\"query\":{\"term\":{\"run.command\":\"forget\"}}}")
                .path("hits").path("hits");
        assertEquals(3, audits.size(), audits.toString());
        JsonNode forgotCustomer = audits.path(0).path("_source");
        assertEquals("customer", forgotCustomer.path("forget").path("scope").asText(), forgotCustomer.toString());
        assertEquals(SuppressionDigest.customer(null, customer), forgotCustomer.path("forget").path("digest").asText());
        assertEquals("succeeded", forgotCustomer.path("outcome").asText());
        assertEquals(System.getProperty("user.name"), forgotCustomer.path("run").path("user").asText());
        assertFalse(forgotCustomer.path("run").path("host").asText().isEmpty());
        assertTrue(forgotCustomer.path("erased").path("messages").asLong() > 0 && forgotCustomer.path("erased").path("conversations").asLong() > 0,
                forgotCustomer.toString());
        assertEquals(1, forgotCustomer.path("erased").path("set_aside").asLong(), "its set-aside record, with the vendor's record");
        Set<String> indices = new LinkedHashSet<>();
        forgotCustomer.path("erased").path("by_index").forEach(i -> indices.add(i.path("index").asText()));
        assertTrue(indices.containsAll(List.of(PREFIX + "-messages-v1", PREFIX + "-messages-v2", PREFIX + "-conversations-v1",
                PREFIX + "-conversations-v2", PREFIX + "-deadletter-v1")), indices.toString());
        JsonNode forgotConversation = audits.path(1).path("_source");
        assertEquals("conversation", forgotConversation.path("forget").path("scope").asText());
        assertEquals(CX, forgotConversation.path("source").asText());
        assertEquals(1, forgotConversation.path("erased").path("set_aside").asLong(), forgotConversation.toString());

        VendorHarvestHarness.Result list = h.run("forget", "--list");
        assertEquals(0, list.exit(), list.all());
        assertTrue(list.out().contains("3 suppression(s)"), list.all());
        assertTrue(list.out().contains(SuppressionDigest.customer(null, customer).substring(0, 12)), list.all());
        assertTrue(list.out().contains(SuppressionDigest.conversation(CX, conversation).substring(0, 12)), list.all());
        assertFalse(list.all().contains(customer) || list.all().contains(conversation), list.all());
        VendorHarvestHarness.Result status = h.run("status");
        assertEquals(0, status.exit(), status.all());
        assertTrue(status.out().contains("suppressions: 3"), status.all());
    }

    /** Neither id anywhere in any index of the prefix (documents, vendor records, state, runs), nor their texts. */
    private void assertNothingOfThem() {
        h.es.refresh();
        String byId = "{\"bool\":{\"should\":[{\"term\":{\"customer.id\":" + quote(customer) + "}},"
                + terms("conversation.id", customerConversations) + ",{\"term\":{\"conversation.id\":" + quote(conversation) + "}},"
                + "{\"multi_match\":{\"query\":" + quote(customer) + ",\"type\":\"phrase\",\"fields\":[\"*\"],\"lenient\":true}}]}}";
        assertEquals(0, count(PREFIX + "-*", byId), "no document of them in any index");
        for (String text : forgottenTexts) {
            assertEquals(0, count(PREFIX + "-*", "{\"match_phrase\":{\"text\":" + quote(text) + "}}"), "their text: " + text);
        }
        String all = everything();
        assertFalse(all.contains(customer), "the customer's id is nowhere, not even in a vendor record");
        for (String id : customerConversations) {
            assertFalse(all.contains("\"" + id + "\""), "conversation " + id + " is nowhere");
        }
        assertFalse(all.contains(conversation), "the forgotten conversation is nowhere, not even in the run history");
    }

    private String ofThem() {
        return "{\"bool\":{\"should\":[" + terms("conversation.id", customerConversations) + ",{\"term\":{\"conversation.id\":"
                + quote(conversation) + "}}],\"minimum_should_match\":1}}";
    }

    private long count(String index, String query) {
        return VendorHarvestHarness.json(h.es.request("POST", "/" + index + "/_count", "{\"query\":" + query + "}")).path("count").asLong();
    }

    /** Every document of every index of the prefix, as stored (sources included). */
    private String everything() {
        h.es.refresh();
        JsonNode all = VendorHarvestHarness.json(h.es.request("POST", "/" + PREFIX + "-*/_search",
                "{\"size\":10000,\"track_total_hits\":true}"));
        assertTrue(all.path("hits").path("total").path("value").asLong() < 10_000, "small enough to read in one search");
        return all.toString();
    }

    private static String terms(String field, Set<String> values) {
        return "{\"terms\":{\"" + field + "\":[" + String.join(",", values.stream().map(ForgetIT::quote).toList()) + "]}}";
    }

    private static String quote(String s) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s).toString();
    }
}
