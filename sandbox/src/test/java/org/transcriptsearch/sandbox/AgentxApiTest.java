package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AgentX's export API over real HTTP: x-api-key, required parameters, per_page, cursors, windows. */
class AgentxApiTest {
    private static final SandboxClient CLIENT = new SandboxClient();
    private static VendorSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(13).conversationsPerVendor(200)
                .vendors(Vendor.AGENTX).rateLimits(false).build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void noFaults() {
        sandbox.faults().clear();
    }

    static String url(VendorSandbox sandbox, String stream, long start, long end, String extra) {
        return sandbox.baseUrl() + "/conversations/export/v1/" + stream + "?start_time=" + start + "&end_time=" + end
                + "&bot_name=" + sandbox.credentials().agentxBotName() + (extra.isEmpty() ? "" : "&" + extra);
    }

    static SandboxClient.Response get(VendorSandbox sandbox, String url) throws Exception {
        return CLIENT.get(url, "x-api-key", sandbox.credentials().agentxApiKey());
    }

    /** Every record of a stream in one wide window, following the cursor until it is null. */
    static List<JsonNode> exportAll(VendorSandbox sandbox, String stream, int perPage) throws Exception {
        long end = sandbox.now().plus(Duration.ofMinutes(5)).getEpochSecond();
        long start = end - Duration.ofDays(30).toSeconds();
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            String extra = "per_page=" + perPage + (cursor == null ? "" : "&cursor=" + cursor);
            SandboxClient.Response response = get(sandbox, url(sandbox, stream, start, end, extra));
            assertEquals(200, response.status(), response.body());
            JsonNode page = response.json();
            page.path("data").forEach(all::add);
            cursor = page.path("cursor").isNull() ? null : page.path("cursor").asText();
            assertTrue(all.size() < 100_000);
        } while (cursor != null);
        return all;
    }

    @Test
    void refusesMissingAndWrongKeys() throws Exception {
        String url = url(sandbox, "conversations", 0, 10, "");
        assertEquals(401, CLIENT.get(url).status());
        SandboxClient.Response wrong = CLIENT.get(url, "x-api-key", "guess");
        assertEquals(403, wrong.status());
        assertEquals("forbidden", wrong.json().path("error").asText());
        assertEquals(200, get(sandbox, url).status());
    }

    @Test
    void requiredParametersAndLimits() throws Exception {
        String base = sandbox.baseUrl() + "/conversations/export/v1/messages";
        String bot = "&bot_name=" + sandbox.credentials().agentxBotName();
        SandboxClient.Response noStart = get(sandbox, base + "?end_time=10" + bot);
        assertEquals(400, noStart.status());
        assertTrue(noStart.json().path("message").asText().contains("start_time"));
        assertEquals(400, get(sandbox, base + "?start_time=0" + bot).status());
        assertEquals(400, get(sandbox, base + "?start_time=0&end_time=10").status(), "bot_name is required");
        assertEquals(400, get(sandbox, base + "?start_time=1.5&end_time=10" + bot).status());
        assertEquals(400, get(sandbox, base + "?start_time=10&end_time=5" + bot).status());
        assertEquals(404, get(sandbox, base + "?start_time=0&end_time=10&bot_name=r3-000000").status());
        assertEquals(400, get(sandbox, url(sandbox, "messages", 0, 10, "per_page=1001")).status());
        assertEquals(400, get(sandbox, url(sandbox, "messages", 0, 10, "per_page=0")).status());
        assertEquals(400, get(sandbox, url(sandbox, "messages", 0, 10, "cursor=bogus")).status());
        long end = sandbox.now().getEpochSecond();
        JsonNode page = get(sandbox, url(sandbox, "messages", end - 1_728_000, end, "per_page=1000")).json();
        assertEquals(1000, page.path("data").size());
        String cursor = page.path("cursor").asText();
        SandboxClient.Response otherQuery = get(sandbox, url(sandbox, "messages", end - 1_728_000, end - 1, "cursor=" + cursor));
        assertEquals(400, otherQuery.status(), "a cursor belongs to its query");
    }

    @Test
    void messagesExportEachOnceAndMatchGroundTruth() throws Exception {
        GroundTruth truth = sandbox.groundTruth();
        List<JsonNode> all = exportAll(sandbox, "messages", 700);
        Set<String> ids = new HashSet<>();
        double previous = 0;
        for (JsonNode m : all) {
            assertTrue(ids.add(m.path("_id").asText()), "twice: " + m.path("_id"));
            double time = m.path("time").asDouble();
            assertTrue(time >= previous - 1, "oldest first");
            previous = Math.max(previous, time);
            String type = m.path("type").asText();
            assertTrue(type.equals("UserInput") ? m.path("userInput").isTextual() : m.path("outMsg").path("steps").isArray(),
                    m.toString());
        }
        assertEquals(truth.messageCount(Vendor.AGENTX), all.size());
        assertEquals(truth.messageIds(Vendor.AGENTX), ids);
        assertEquals(truth.userMessageCount(Vendor.AGENTX),
                all.stream().filter(m -> m.path("type").asText().equals("UserInput")).count());
    }

    @Test
    void conversationsExportEachOnceAndMatchGroundTruth() throws Exception {
        GroundTruth truth = sandbox.groundTruth();
        List<JsonNode> all = exportAll(sandbox, "conversations", 75);
        Set<String> ids = new HashSet<>();
        all.forEach(c -> assertTrue(ids.add(c.path("_id").asText()), "twice: " + c.path("_id")));
        assertEquals(new HashSet<>(truth.conversationIds(Vendor.AGENTX)), ids);
        assertTrue(ids.contains("5c80416892d94e40a64cea7dc6406e25"), "the vendor's sample conversation");
        JsonNode c = all.get(10);
        for (String field : List.of("_id", "startTime", "locale", "metadata", "tags", "userMessageCount", "lastActionAt")) {
            assertTrue(c.has(field), field);
        }
        assertTrue(c.path("lastActionAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}"));
        String id = c.path("_id").asText();
        List<ExpectedMessage> expected = truth.messagesInConversation(Vendor.AGENTX, id);
        assertEquals(expected.stream().filter(ExpectedMessage::fromUser).count(), c.path("userMessageCount").asLong());
    }

    @Test
    void oneConversationsMessagesAndGrowthOnReRead() throws Exception {
        GroundTruth truth = sandbox.groundTruth();
        String id = truth.conversationIds(Vendor.AGENTX).get(25);
        long end = sandbox.now().plus(Duration.ofMinutes(1)).getEpochSecond();
        String url = url(sandbox, "messages", end - Duration.ofDays(30).toSeconds(), end, "conversation_id=" + id);
        JsonNode before = get(sandbox, url).json().path("data");
        List<ExpectedMessage> expected = truth.messagesInConversation(Vendor.AGENTX, id);
        assertEquals(expected.size(), before.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode m = before.get(i);
            assertEquals(expected.get(i).messageId().orElseThrow(), m.path("_id").asText());
            String text = expected.get(i).fromUser() ? m.path("userInput").asText()
                    : String.join("\n", m.path("outMsg").path("steps").findValuesAsText("text"));
            assertEquals(expected.get(i).text(), text);
            assertEquals(expected.get(i).at().toEpochMilli(), Math.round(m.path("time").asDouble() * 1000), m.toString());
        }
        sandbox.growConversation(Vendor.AGENTX, id, 2);
        long end2 = sandbox.now().plus(Duration.ofMinutes(1)).getEpochSecond();
        String recent = url(sandbox, "conversations", end2 - 600, end2, "per_page=1000");
        boolean seen = false;
        for (JsonNode c : get(sandbox, recent).json().path("data")) {
            seen |= c.path("_id").asText().equals(id);
        }
        assertTrue(seen, "a grown conversation is active in the window where it grew");
        JsonNode after = get(sandbox, url(sandbox, "messages", end2 - Duration.ofDays(30).toSeconds(), end2,
                "conversation_id=" + id)).json().path("data");
        assertEquals(expected.size() + 2, after.size());
    }
}
