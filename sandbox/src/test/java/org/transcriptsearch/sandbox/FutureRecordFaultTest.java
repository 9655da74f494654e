package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.sandbox.http.JsonWire;

/**
 * futureRecord: one time of the middle record in a smaller unit, nothing else touched, the next call clean,
 * and the ground truth still holding the real time.
 */
class FutureRecordFaultTest {
    private static final SandboxClient CLIENT = new SandboxClient();
    /** Decimals read exactly, so that seconds and milliseconds compare digit for digit. */
    private static final ObjectMapper EXACT = JsonWire.MAPPER.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static VendorSandbox sandbox;
    private static Map<Vendor, List<ExpectedMessage>> truthAtStart;
    /** Fixed windows, so that the same request asks for the same page while the sandbox's clock runs. */
    private static String koreWindow;
    private static long agentxEnd;

    @BeforeAll
    static void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(29).conversationsPerVendor(60).rateLimits(false).build());
        truthAtStart = everyMessage(sandbox);
        Instant now = sandbox.now();
        koreWindow = "\"dateFrom\":\"" + now.minus(Duration.ofDays(6)) + "\",\"dateTo\":\"" + now + "\"";
        agentxEnd = now.getEpochSecond() + 60;
    }

    /** Every message of every vendor, as the ground truth has it. */
    static Map<Vendor, List<ExpectedMessage>> everyMessage(VendorSandbox sandbox) {
        Map<Vendor, List<ExpectedMessage>> all = new EnumMap<>(Vendor.class);
        for (Vendor vendor : Vendor.values()) {
            all.put(vendor, sandbox.groundTruth().messages(vendor).toList());
        }
        return all;
    }

    @AfterEach
    void groundTruthIsUntouched() {
        assertEquals(truthAtStart, everyMessage(sandbox), "a bent page leaves the corpus as it was");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        sandbox.faults().clear();
    }

    /** A difference between two pages: where, and the two values. */
    record Difference(String path, JsonNode bent, JsonNode clean) {
    }

    @Test
    void cxoneBendsOneEventTimestampToMillisecondsOnAScrollPage() throws Exception {
        String next = cxoneSecondPage();
        sandbox.faults().next(Vendor.CXONE, Fault.futureRecord());
        JsonNode bent = exact(CLIENT.get(next));
        JsonNode clean = exact(CLIENT.get(next));
        assertEquals(clean, exact(CLIENT.get(next)), "the call after is clean, and stays so");

        // The only difference: lastMessageAt and the conversation's timestamp stay, so it still falls in the window.
        Difference only = onlyDifference(bent, clean);
        assertTrue(only.path().matches("/data/4/tracker/events/\\d+/timestamp"), only.path());
        assertSameNumber(millis(only.clean()), only.bent());
        JsonNode record = clean.path("data").get(4);
        JsonNode event = clean.at(only.path().substring(0, only.path().lastIndexOf('/')));
        String kind = event.path("event").asText();
        assertTrue(kind.equals("user") || kind.equals("bot"), kind);
        String messageId = kind.equals("user") ? event.path("message_id").asText()
                : event.path("data").path("custom").path("msgid").asText();
        FaultEvent delivered = last(Vendor.CXONE);
        assertEquals(record.path("conversationId").asText() + "/" + messageId, delivered.detail());
        assertTrue(Instant.ofEpochSecond(only.bent().longValue()).isAfter(Instant.parse("9999-12-31T23:59:59Z")),
                "read as seconds, it is far in the future");
        assertTruthHolds(Vendor.CXONE, delivered.detail(), millis(only.clean()).longValue());
    }

    @Test
    void koreBendsOneTimestampValueToMicrosecondsAndLeavesCreatedOn() throws Exception {
        String request = "{\"limit\":20,\"forward\":true," + koreWindow + "}";
        sandbox.faults().next(Vendor.KORE, Fault.futureRecord());
        JsonNode bent = exact(KoreApiTest.post(sandbox, request));
        JsonNode clean = exact(KoreApiTest.post(sandbox, request));

        Difference only = onlyDifference(bent, clean);
        assertEquals("/messages/10/timestampValue", only.path());
        assertEquals(only.clean().asLong() * 1000, only.bent().asLong());
        JsonNode message = bent.path("messages").get(10);
        assertEquals(Instant.ofEpochMilli(only.clean().asLong()), Instant.parse(message.path("createdOn").asText()),
                "createdOn still tells the real time");
        assertEquals(message.path("sessionId").asText() + "/" + message.path("_id").asText(), last(Vendor.KORE).detail());
        assertTruthHolds(Vendor.KORE, last(Vendor.KORE).detail(), only.clean().asLong());
    }

    @Test
    void agentxBendsAMessageTimeAndAConversationStartTimeToMilliseconds() throws Exception {
        long end = agentxEnd;
        String messages = AgentxApiTest.url(sandbox, "messages", end - 2_592_000, end, "per_page=20");
        sandbox.faults().next(Vendor.AGENTX, Fault.futureRecord());
        JsonNode bent = exact(AgentxApiTest.get(sandbox, messages));
        JsonNode clean = exact(AgentxApiTest.get(sandbox, messages));
        Difference only = onlyDifference(bent, clean);
        assertEquals("/data/10/time", only.path());
        assertSameNumber(millis(only.clean()), only.bent());
        JsonNode message = clean.path("data").get(10);
        assertEquals(message.path("conversationId").asText() + "/" + message.path("_id").asText(),
                last(Vendor.AGENTX).detail());
        assertTruthHolds(Vendor.AGENTX, last(Vendor.AGENTX).detail(), millis(only.clean()).longValue());

        String conversations = AgentxApiTest.url(sandbox, "conversations", end - 2_592_000, end, "per_page=9");
        sandbox.faults().next(Endpoint.AGENTX_CONVERSATIONS, Fault.futureRecord());
        JsonNode bentList = exact(AgentxApiTest.get(sandbox, conversations));
        JsonNode cleanList = exact(AgentxApiTest.get(sandbox, conversations));
        Difference start = onlyDifference(bentList, cleanList);
        assertEquals("/data/4/startTime", start.path());
        assertEquals(start.clean().asLong() * 1000, start.bent().asLong());
        assertEquals(cleanList.path("data").get(4).path("_id").asText(), last(Vendor.AGENTX).detail());
    }

    @Test
    void waitsForAPageWithRecordsAndBendsThreeCallsWhenAskedThreeTimes() throws Exception {
        String empty = AgentxApiTest.url(sandbox, "messages", 1_000, 2_000, "");
        sandbox.faults().next(Vendor.AGENTX, Fault.futureRecord());
        assertEquals(0, AgentxApiTest.get(sandbox, empty).json().path("data").size());
        assertEquals(1, sandbox.faults().pending(Vendor.AGENTX), "an empty page leaves it queued");
        sandbox.faults().clear();

        String cxone = cxoneSecondPage();
        for (Vendor vendor : Vendor.values()) {
            JsonNode[] clean = {sameCall(vendor, 0, cxone), sameCall(vendor, 1, cxone)};
            int before = sandbox.faults().delivered(vendor).size();
            sandbox.faults().next(vendor, Fault.futureRecord().times(3));
            for (int i = 0; i < 3; i++) {
                onlyDifference(sameCall(vendor, i, cxone), clean[i % 2]);
            }
            assertEquals(clean[1], sameCall(vendor, 3, cxone), vendor + ": the fourth call is clean");
            assertEquals(before + 3, sandbox.faults().delivered(vendor).size(), vendor.key());
        }
    }

    /** A call that answers the same page every time (AgentX: its two endpoints in turn). */
    private static JsonNode sameCall(Vendor vendor, int i, String cxoneScrollPage) throws Exception {
        return exact(switch (vendor) {
            case CXONE -> CLIENT.get(cxoneScrollPage);
            case KORE -> KoreApiTest.post(sandbox, "{\"limit\":20," + koreWindow + "}");
            case AGENTX -> AgentxApiTest.get(sandbox, AgentxApiTest.url(sandbox, i % 2 == 0 ? "messages" : "conversations",
                    agentxEnd - 2_592_000, agentxEnd, "per_page=20"));
        });
    }

    /** The second page of a CXone export: its scrollId names a position, so asking again answers the same page. */
    private static String cxoneSecondPage() throws Exception {
        JsonNode first = CLIENT.get(CxoneApiTest.url(sandbox, "perPage=8")).json();
        return first.path("next_page_url").asText() + "&token=" + sandbox.credentials().cxoneToken();
    }

    /** The bent message is in the ground truth, at its real time. */
    private static void assertTruthHolds(Vendor vendor, String detail, long realMs) {
        String conversationId = detail.substring(0, detail.lastIndexOf('/'));
        String messageId = detail.substring(detail.lastIndexOf('/') + 1);
        GroundTruth truth = sandbox.groundTruth();
        ExpectedMessage expected = truth.messagesInConversation(vendor, conversationId).stream()
                .filter(m -> m.messageId().filter(messageId::equals).isPresent())
                .findFirst().orElseThrow(() -> new AssertionError(detail + " is not in the ground truth"));
        assertEquals(Instant.ofEpochMilli(realMs), expected.at(), "the ground truth keeps the real time");
    }

    private static JsonNode exact(SandboxClient.Response response) throws Exception {
        assertEquals(200, response.status(), response.body());
        return EXACT.readTree(response.body());
    }

    private static BigDecimal millis(JsonNode seconds) {
        return seconds.decimalValue().movePointRight(3);
    }

    private static void assertSameNumber(BigDecimal expected, JsonNode actual) {
        assertTrue(actual.isNumber() && expected.compareTo(actual.decimalValue()) == 0, "expected " + expected + ", was " + actual);
    }

    /** Asserts the pages differ in exactly one value, and returns it. */
    static Difference onlyDifference(JsonNode bent, JsonNode clean) {
        List<Difference> found = new ArrayList<>();
        differences("", bent, clean, found);
        assertEquals(1, found.size(), "exactly one value bent: " + found);
        return found.get(0);
    }

    private static void differences(String path, JsonNode a, JsonNode b, List<Difference> out) {
        if (a.isObject() && b.isObject()) {
            List<String> names = new ArrayList<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(name -> {
                if (!a.has(name)) {
                    names.add(name);
                }
            });
            for (String name : names) {
                differences(path + "/" + name, a.path(name), b.path(name), out);
            }
        } else if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                differences(path + "/" + i, a.get(i), b.get(i), out);
            }
        } else if (!a.equals(b)) {
            out.add(new Difference(path, a, b));
        }
    }

    private static FaultEvent last(Vendor vendor) {
        var events = sandbox.faults().delivered(vendor);
        return events.get(events.size() - 1);
    }
}
