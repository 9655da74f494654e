package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.sandbox.kore.KoreJwt;

/** Kore.ai's getMessages over real HTTP: JWT auth, the 7-day window, limit, order, filters, paging. */
class KoreApiTest {
    private static final SandboxClient CLIENT = new SandboxClient();
    private static VendorSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(12).conversationsPerVendor(200)
                .vendors(Vendor.KORE).rateLimits(false).build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void noFaults() {
        sandbox.faults().clear();
    }

    static String url(VendorSandbox sandbox) {
        return sandbox.baseUrl() + "/api/public/bot/" + sandbox.credentials().koreBotId() + "/getMessages";
    }

    static SandboxClient.Response post(VendorSandbox sandbox, String body) throws Exception {
        return CLIENT.post(url(sandbox), body, "auth", sandbox.credentials().koreJwt());
    }

    static String window(Instant from, Instant to, int skip, boolean forward) {
        return "{\"dateFrom\":\"" + from + "\",\"dateTo\":\"" + to + "\",\"skip\":" + skip + ",\"limit\":100,\"forward\":"
                + forward + "}";
    }

    /** Every message, window by window (each under 7 days), page by page. */
    static List<JsonNode> harvestAll(VendorSandbox sandbox) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        Instant end = sandbox.now().plus(Duration.ofMinutes(5));
        for (Instant from = end.minus(Duration.ofDays(24)); from.isBefore(end); from = from.plus(Duration.ofDays(6))) {
            Instant to = from.plus(Duration.ofDays(6)).isAfter(end) ? end : from.plus(Duration.ofDays(6));
            for (int skip = 0; ; skip += 100) {
                SandboxClient.Response response = post(sandbox, window(from, to, skip, true));
                assertEquals(200, response.status(), response.body());
                JsonNode page = response.json();
                page.path("messages").forEach(all::add);
                if (!page.path("moreAvailable").asBoolean()) {
                    break;
                }
            }
        }
        return all;
    }

    @Test
    void refusesCallsWithoutAValidJwt() throws Exception {
        SandboxCredentials c = sandbox.credentials();
        assertEquals(401, CLIENT.post(url(sandbox), "{}").status());
        SandboxClient.Response garbage = CLIENT.post(url(sandbox), "{}", "auth", "not-a-jwt");
        assertEquals(401, garbage.status());
        assertEquals(401, garbage.json().path("errors").get(0).path("code").asInt());
        String wrongSecret = KoreJwt.mint(c.koreClientId(), "wrong-secret", "x");
        assertEquals(401, CLIENT.post(url(sandbox), "{}", "auth", wrongSecret).status());
        String wrongApp = KoreJwt.mint("cs-someone-else", c.koreClientSecret(), "x");
        SandboxClient.Response app = CLIENT.post(url(sandbox), "{}", "auth", wrongApp);
        assertEquals(401, app.status());
        assertTrue(app.json().path("errors").get(0).path("msg").asText().contains("appId"));
        SandboxClient.Response otherBot = CLIENT.post(sandbox.baseUrl() + "/api/public/bot/st-other/getMessages", "{}",
                "auth", c.koreJwt());
        assertEquals(404, otherBot.status());
        assertEquals(200, post(sandbox, "{}").status());
    }

    @Test
    void aWindowOfSevenDaysOrMoreIsRefused() throws Exception {
        SandboxClient.Response seven = post(sandbox, "{\"dateFrom\":\"2025-01-01\",\"dateTo\":\"2025-01-08\"}");
        assertEquals(400, seven.status());
        assertTrue(seven.json().path("errors").get(0).path("msg").asText().contains("less than 7 days"), seven.body());
        assertEquals(200, post(sandbox, "{\"dateFrom\":\"2025-01-01\",\"dateTo\":\"2025-01-07T23:59:59.999Z\"}").status());
        assertEquals(400, post(sandbox, "{\"dateFrom\":\"2025-01-05\",\"dateTo\":\"2025-01-01\"}").status());
        SandboxClient.Response badDate = post(sandbox, "{\"dateFrom\":\"01/02/2025\"}");
        assertEquals(400, badDate.status());
        assertTrue(badDate.json().path("errors").get(0).path("msg").asText().contains("dateFrom"));
    }

    @Test
    void limitIsAtMost100AndBadBodiesAreRefused() throws Exception {
        assertEquals(400, post(sandbox, "{\"limit\":101}").status());
        assertEquals(400, post(sandbox, "{\"limit\":0}").status());
        assertEquals(400, post(sandbox, "{\"skip\":-1}").status());
        assertEquals(400, post(sandbox, "{\"forward\":\"maybe\"}").status());
        assertEquals(400, post(sandbox, "{not json").status());
        assertEquals(400, post(sandbox, "[1,2]").status());
        assertEquals(100, post(sandbox, "{\"limit\":100}").json().path("messages").size());
    }

    @Test
    void pagingEveryWindowGivesEachMessageOnce() throws Exception {
        GroundTruth truth = sandbox.groundTruth();
        List<JsonNode> all = harvestAll(sandbox);
        Set<String> ids = new HashSet<>();
        Set<String> sessions = new HashSet<>();
        for (JsonNode message : all) {
            assertTrue(ids.add(message.path("_id").asText()), "twice: " + message.path("_id"));
            if (message.has("sessionId")) {
                sessions.add(message.path("sessionId").asText());
            }
        }
        assertEquals(truth.messageCount(Vendor.KORE), all.size());
        assertEquals(truth.messageIds(Vendor.KORE), ids);
        assertEquals(new HashSet<>(truth.conversationIds(Vendor.KORE)), sessions);
        assertEquals(truth.userMessageCount(Vendor.KORE),
                all.stream().filter(m -> m.path("type").asText().equals("incoming")).count());
        assertTrue(all.stream().anyMatch(m -> m.path("_id").asText().equals("ms-e172XXXXXX9a492cd2")
                && m.path("botId").asText().equals(sandbox.credentials().koreBotId())), "the vendor sample, re-addressed");
    }

    @Test
    void newestFirstUnlessForward() throws Exception {
        Instant to = sandbox.now();
        Instant from = to.minus(Duration.ofDays(6));
        JsonNode backward = post(sandbox, window(from, to, 0, false)).json().path("messages");
        JsonNode forward = post(sandbox, window(from, to, 0, true)).json().path("messages");
        for (int i = 1; i < 100; i++) {
            assertTrue(backward.get(i - 1).path("timestampValue").asLong() >= backward.get(i).path("timestampValue").asLong());
            assertTrue(forward.get(i - 1).path("timestampValue").asLong() <= forward.get(i).path("timestampValue").asLong());
        }
        assertTrue(backward.get(0).path("timestampValue").asLong() > forward.get(0).path("timestampValue").asLong());
        JsonNode m = forward.get(0);
        for (String field : List.of("_id", "type", "status", "createdBy", "createdOn", "lmodifiedOn", "timestampValue",
                "sessionId", "channels", "botId", "orgId", "accountId", "lang", "components", "tags")) {
            assertTrue(m.has(field), field);
        }
        assertEquals("text", m.path("components").get(0).path("cT").asText());
        assertTrue(m.has("chnl") || m.has("channel"));
        assertEquals(Instant.parse(m.path("createdOn").asText()).toEpochMilli(), m.path("timestampValue").asLong());
    }

    @Test
    void sessionAndUserFiltersAndGet() throws Exception {
        GroundTruth truth = sandbox.groundTruth();
        String session = truth.conversationIds(Vendor.KORE).get(40);
        List<ExpectedMessage> expected = truth.messagesInConversation(Vendor.KORE, session);
        Instant from = expected.get(0).at().minus(Duration.ofHours(1));
        JsonNode page = post(sandbox, "{\"sessionId\":[\"" + session + "\"],\"forward\":true,\"dateFrom\":\"" + from
                + "\",\"dateTo\":\"" + from.plus(Duration.ofDays(2)) + "\",\"limit\":100}").json();
        assertEquals(expected.size(), page.path("total").asInt());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode m = page.path("messages").get(i);
            assertEquals(expected.get(i).messageId().orElseThrow(), m.path("_id").asText());
            assertEquals(expected.get(i).text(), m.path("components").get(0).path("data").path("text").asText());
            assertEquals(expected.get(i).fromUser() ? "incoming" : "outgoing", m.path("type").asText());
            assertEquals(expected.get(i).at().toEpochMilli(), m.path("timestampValue").asLong());
        }
        String user = page.path("messages").get(0).path("createdBy").asText();
        SandboxClient.Response get = CLIENT.get(url(sandbox) + "?userId=" + user + "&limit=100&dateFrom="
                + from.toString().substring(0, 10), "auth", sandbox.credentials().koreJwt());
        assertEquals(200, get.status(), get.body());
        assertTrue(get.json().path("total").asInt() >= 1);
        get.json().path("messages").forEach(m -> assertEquals(user, m.path("createdBy").asText()));
        SandboxClient.Response noUser = CLIENT.get(url(sandbox) + "?limit=10", "auth", sandbox.credentials().koreJwt());
        assertEquals(400, noUser.status());
        assertTrue(noUser.json().path("errors").get(0).path("msg").asText().contains("userId"));
    }

    @Test
    void growthAndAdditionsShowOnReRead() throws Exception {
        GroundTruth truth = sandbox.groundTruth();
        long before = truth.messageCount(Vendor.KORE);
        String session = truth.conversationIds(Vendor.KORE).get(7);
        int sessionBefore = truth.messageCount(Vendor.KORE, session);
        sandbox.growConversation(Vendor.KORE, session, 3);
        List<String> added = sandbox.addConversations(Vendor.KORE, 2);
        long addedMessages = added.stream().mapToLong(id -> truth.messageCount(Vendor.KORE, id)).sum();
        assertEquals(before + 3 + addedMessages, truth.messageCount(Vendor.KORE));
        assertEquals(sessionBefore + 3, truth.messageCount(Vendor.KORE, session));
        Instant now = sandbox.now();
        JsonNode recent = post(sandbox, window(now.minus(Duration.ofMinutes(30)), now.plusSeconds(5), 0, false)).json();
        Set<String> sessions = new HashSet<>();
        recent.path("messages").forEach(m -> sessions.add(m.path("sessionId").asText()));
        assertTrue(sessions.contains(session), "the grown session has new messages at now");
        assertTrue(sessions.containsAll(added));
        assertEquals(truth.messageCount(Vendor.KORE), harvestAll(sandbox).size());
        assertFalse(added.contains(session));
    }
}
