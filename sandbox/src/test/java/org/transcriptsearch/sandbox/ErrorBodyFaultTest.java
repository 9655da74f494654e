package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.sandbox.http.JsonWire;

/** errorBody: a busy gateway's 200 with an error and no data; the same request asked again gets the real page. */
class ErrorBodyFaultTest {
    private static final SandboxClient CLIENT = new SandboxClient();
    private static VendorSandbox sandbox;
    private static Map<Vendor, List<ExpectedMessage>> truthAtStart;

    @BeforeAll
    static void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(23).conversationsPerVendor(60).rateLimits(false).build());
        truthAtStart = FutureRecordFaultTest.everyMessage(sandbox);
    }

    @AfterEach
    void groundTruthIsUntouched() {
        assertEquals(truthAtStart, FutureRecordFaultTest.everyMessage(sandbox));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        sandbox.faults().clear();
    }

    private static JsonNode json(String text) throws Exception {
        return JsonWire.MAPPER.readTree(text);
    }

    private static void assertBusy(SandboxClient.Response busy, String expectedBody) throws Exception {
        assertEquals(200, busy.status());
        assertEquals("application/json", busy.headers().firstValue("content-type").orElseThrow());
        assertEquals(json(expectedBody), busy.json());
    }

    @Test
    void cxoneAnswersBusyAndTheSameScrollIdStillWorks() throws Exception {
        JsonNode first = CLIENT.get(CxoneApiTest.url(sandbox, "perPage=10")).json();
        String next = first.path("next_page_url").asText() + "&token=" + sandbox.credentials().cxoneToken();

        sandbox.faults().next(Vendor.CXONE, Fault.errorBody());
        SandboxClient.Response busy = CLIENT.get(next);
        assertEquals("{\"error\":\"Service busy, please retry\"}", busy.body(), "the text of the bug report, nothing else");
        assertBusy(busy, "{\"error\":\"Service busy, please retry\"}");

        JsonNode second = CLIENT.get(next).json();
        assertEquals(10, second.path("data").size(), "the scroll id is still valid");
        assertEquals(sandbox.groundTruth().conversationIds(Vendor.CXONE).get(10),
                second.path("data").get(0).path("conversationId").asText(), "the page after the first, nothing skipped");
        assertEquals(second.path("data"), CLIENT.get(next).json().path("data"));
        assertEquals(Fault.Kind.ERROR_BODY, last(Vendor.CXONE).fault().kind());
    }

    @Test
    void koreAnswersBusyWithoutMessagesAndTheSamePageAfter() throws Exception {
        String request = "{\"limit\":20,\"skip\":20,\"forward\":true}";
        JsonNode reference = KoreApiTest.post(sandbox, request).json();
        assertEquals(20, reference.path("messages").size());

        sandbox.faults().next(Vendor.KORE, Fault.errorBody());
        SandboxClient.Response busy = KoreApiTest.post(sandbox, request);
        assertBusy(busy, "{\"errors\":[{\"msg\":\"Service busy, please retry\",\"code\":\"ServiceUnavailable\"}]}");
        assertFalse(busy.json().has("messages"));

        assertEquals(reference, KoreApiTest.post(sandbox, request).json());
        assertEquals(Fault.Kind.ERROR_BODY, last(Vendor.KORE).fault().kind());
    }

    @Test
    void agentxAnswersBusyWithoutDataOrCursorAndTheCursorStillWorks() throws Exception {
        long end = sandbox.now().getEpochSecond() + 60;
        String url = AgentxApiTest.url(sandbox, "messages", end - 2_592_000, end, "per_page=15");
        String cursor = AgentxApiTest.get(sandbox, url).json().path("cursor").asText();
        String nextUrl = url + "&cursor=" + cursor;
        JsonNode reference = AgentxApiTest.get(sandbox, nextUrl).json();
        assertEquals(15, reference.path("data").size());

        sandbox.faults().next(Vendor.AGENTX, Fault.errorBody());
        SandboxClient.Response busy = AgentxApiTest.get(sandbox, nextUrl);
        assertBusy(busy, "{\"error\":\"service_unavailable\",\"message\":\"Service busy, please retry\"}");
        assertFalse(busy.json().has("data"));
        assertFalse(busy.json().has("cursor"));

        assertEquals(reference, AgentxApiTest.get(sandbox, nextUrl).json());

        sandbox.faults().next(Endpoint.AGENTX_CONVERSATIONS, Fault.errorBody());
        String conversations = AgentxApiTest.url(sandbox, "conversations", end - 2_592_000, end, "per_page=5");
        assertBusy(AgentxApiTest.get(sandbox, conversations),
                "{\"error\":\"service_unavailable\",\"message\":\"Service busy, please retry\"}");
        assertEquals(5, AgentxApiTest.get(sandbox, conversations).json().path("data").size());
    }

    @Test
    void errorBodyThreeTimesAnswersBusyThreeCallsInARow() throws Exception {
        for (Vendor vendor : Vendor.values()) {
            long before = sandbox.faults().delivered(vendor).size();
            sandbox.faults().next(vendor, Fault.errorBody().times(3));
            for (int i = 0; i < 3; i++) {
                JsonNode busy = RepeatedFaultsTest.call(sandbox, vendor, i).json();
                String fields = vendor + " call " + (i + 1) + ": " + fields(busy);
                assertTrue(busy.has("error") || busy.has("errors"), fields);
                assertFalse(busy.has("data") || busy.has("messages"), fields);
            }
            JsonNode fourth = RepeatedFaultsTest.call(sandbox, vendor, 3).json();
            assertTrue(fourth.has("data") || fourth.has("messages"), vendor + " call 4: " + fields(fourth));
            assertEquals(before + 3, sandbox.faults().delivered(vendor).size(), vendor.key());
        }
    }

    private static List<String> fields(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static FaultEvent last(Vendor vendor) {
        var events = sandbox.faults().delivered(vendor);
        return events.get(events.size() - 1);
    }
}
