package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault as a client sees it on the wire. */
class FaultsTest {
    private static final SandboxClient CLIENT = new SandboxClient();
    private static VendorSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(15).conversationsPerVendor(60).rateLimits(false).build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        sandbox.faults().clear();
    }

    private static SandboxClient.Response cxone(String params) throws Exception {
        return CLIENT.get(CxoneApiTest.url(sandbox, params));
    }

    private static SandboxClient.Response agentx() throws Exception {
        long end = sandbox.now().getEpochSecond() + 60;
        return AgentxApiTest.get(sandbox, AgentxApiTest.url(sandbox, "messages", end - 2_592_000, end, "per_page=50"));
    }

    @Test
    void statusFaultsAnswerWithTheVendorsErrorShapeAndRetryAfter() throws Exception {
        sandbox.faults().next(Vendor.CXONE, Fault.status(429).retryAfter(2));
        SandboxClient.Response limited = cxone("perPage=5");
        assertEquals(429, limited.status());
        assertEquals("2", limited.headers().firstValue("retry-after").orElseThrow());
        assertTrue(limited.json().has("error"));
        assertEquals(200, cxone("perPage=5").status(), "one-shot");

        sandbox.faults().next(Vendor.KORE, Fault.status(503).times(2));
        assertEquals(503, KoreApiTest.post(sandbox, "{}").status());
        SandboxClient.Response second = KoreApiTest.post(sandbox, "{}");
        assertEquals(503, second.status());
        assertEquals(503, second.json().path("errors").get(0).path("code").asInt());
        assertEquals(200, KoreApiTest.post(sandbox, "{}").status());

        sandbox.faults().next(Endpoint.AGENTX_MESSAGES, Fault.status(500));
        assertEquals(500, agentx().status());
        assertEquals(200, agentx().status());
        assertEquals(4, sandbox.faults().delivered().stream().filter(e -> e.fault().kind() == Fault.Kind.STATUS).count());
    }

    @Test
    void slowHoldsTheAnswerBack() throws Exception {
        sandbox.faults().next(Vendor.AGENTX, Fault.slow(Duration.ofMillis(700)));
        long start = System.nanoTime();
        assertEquals(200, agentx().status());
        assertTrue(System.nanoTime() - start >= 700_000_000L);
    }

    @Test
    void cutConnectionBreaksTheResponseMidway() throws Exception {
        sandbox.faults().next(Vendor.CXONE, Fault.cutConnection());
        assertThrows(IOException.class, () -> cxone("perPage=20"));
        assertEquals(200, cxone("perPage=20").status(), "the next call is fine");
        sandbox.faults().next(Vendor.KORE, Fault.cutConnection());
        assertThrows(IOException.class, () -> KoreApiTest.post(sandbox, "{\"limit\":50}"));
    }

    @Test
    void malformedJsonIsATruncatedBody() throws Exception {
        sandbox.faults().next(Vendor.KORE, Fault.malformedJson());
        SandboxClient.Response broken = KoreApiTest.post(sandbox, "{\"limit\":20}");
        assertEquals(200, broken.status());
        assertThrows(UncheckedIOException.class, broken::json);
        assertTrue(broken.body().startsWith("{\"total\""));
        assertEquals(200, KoreApiTest.post(sandbox, "{\"limit\":20}").status());
    }

    @Test
    void malformedRecordBreaksOneRecordAndKeepsTheRest() throws Exception {
        sandbox.faults().next(Vendor.AGENTX, Fault.malformedRecord());
        JsonNode page = agentx().json();
        long withoutId = 0;
        for (JsonNode record : page.path("data")) {
            withoutId += record.has("_id") ? 0 : 1;
        }
        assertEquals(1, withoutId);
        JsonNode broken = page.path("data").get(page.path("data").size() / 2);
        assertFalse(broken.has("_id"));
        assertTrue(broken.path("time").isTextual() || broken.path("startTime").isTextual(), broken.toString());
        List<FaultEvent> events = sandbox.faults().delivered(Vendor.AGENTX);
        String brokenId = events.get(events.size() - 1).detail();
        assertTrue(sandbox.groundTruth().messageIds(Vendor.AGENTX).contains(brokenId), "the event names the record");

        sandbox.faults().next(Vendor.CXONE, Fault.malformedRecord());
        JsonNode cxone = cxone("perPage=10").json();
        long missing = 0;
        for (JsonNode record : cxone.path("data")) {
            missing += record.has("conversationId") ? 0 : 1;
        }
        assertEquals(1, missing);
    }

    @Test
    void expiredScrollAnswersTheNextScrollPageWith410() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> sandbox.faults().next(Vendor.KORE, Fault.expiredScroll()));
        sandbox.faults().next(Vendor.CXONE, Fault.expiredScroll());
        JsonNode first = cxone("perPage=10").json();
        assertEquals(10, first.path("data").size(), "a call without scrollId leaves the fault queued");
        String next = first.path("next_page_url").asText() + "&token=" + sandbox.credentials().cxoneToken();
        SandboxClient.Response expired = CLIENT.get(next);
        assertEquals(410, expired.status());
        assertEquals("scroll_expired", expired.json().path("error").asText());
        assertEquals(410, CLIENT.get(next).status(), "the scroll is gone for good");
        assertEquals(0, sandbox.faults().pending(Vendor.CXONE));
    }

    @Test
    void growBetweenCallsGrowsAConversationOnThePage() throws Exception {
        GroundTruth truth = sandbox.groundTruth();
        long before = truth.messageCount(Vendor.KORE);
        sandbox.faults().next(Vendor.KORE, Fault.growBetweenCalls());
        JsonNode page = KoreApiTest.post(sandbox, "{\"limit\":30}").json();
        assertEquals(before + Fault.GROWTH_MESSAGES, truth.messageCount(Vendor.KORE));
        List<FaultEvent> events = sandbox.faults().delivered(Vendor.KORE);
        String grown = events.get(events.size() - 1).detail();
        boolean onPage = false;
        for (JsonNode m : page.path("messages")) {
            onPage |= grown.equals(m.path("sessionId").asText());
        }
        assertTrue(onPage, "the grown session was on the page");
        JsonNode next = KoreApiTest.post(sandbox, "{\"limit\":2}").json();
        assertEquals(grown, next.path("messages").get(0).path("sessionId").asText(), "newest first: the growth is at now");
        assertEquals(page.path("total").asInt() + Fault.GROWTH_MESSAGES, next.path("total").asInt());
    }

    @Test
    void clearDropsQueuedFaultsAndCallsAreCounted() throws Exception {
        sandbox.faults().next(Vendor.AGENTX, Fault.status(500).times(5));
        assertEquals(1, sandbox.faults().pending(Vendor.AGENTX));
        sandbox.faults().clear();
        assertEquals(0, sandbox.faults().pending(Vendor.AGENTX));
        long calls = sandbox.faults().callCount(Endpoint.AGENTX_MESSAGES);
        assertEquals(200, agentx().status());
        assertEquals(calls + 1, sandbox.faults().callCount(Endpoint.AGENTX_MESSAGES));
        assertEquals(sandbox.faults().callCount(Endpoint.AGENTX_MESSAGES)
                + sandbox.faults().callCount(Endpoint.AGENTX_CONVERSATIONS), sandbox.faults().callCount(Vendor.AGENTX));
    }
}
