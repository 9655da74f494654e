package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CXone's conversation export over real HTTP: auth, perPage, query, scrolls, record shape. */
class CxoneApiTest {
    private static final SandboxClient CLIENT = new SandboxClient();
    private static VendorSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(11).conversationsPerVendor(120)
                .vendors(Vendor.CXONE).build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void noFaults() {
        sandbox.faults().clear();
    }

    static String url(VendorSandbox sandbox, String params) {
        return sandbox.baseUrl() + "/api/public/conversations?token=" + sandbox.credentials().cxoneToken()
                + (params.isEmpty() ? "" : "&" + params);
    }

    /** Every page of an export, following next_page_url (adding the token, which it does not carry). */
    static List<JsonNode> exportAll(VendorSandbox sandbox, String params) throws Exception {
        List<JsonNode> pages = new ArrayList<>();
        String next = url(sandbox, params);
        while (next != null) {
            SandboxClient.Response response = CLIENT.get(next);
            assertEquals(200, response.status(), response.body());
            JsonNode page = response.json();
            pages.add(page);
            if (page.path("data").isEmpty() || page.path("next_page_url").isNull()) {
                next = null;
            } else {
                String link = page.get("next_page_url").asText();
                assertFalse(link.contains("token"), "next_page_url must not carry the token: " + link);
                assertTrue(link.startsWith(sandbox.baseUrl()), link);
                next = link + "&token=" + sandbox.credentials().cxoneToken();
            }
            assertTrue(pages.size() < 1000, "runaway paging");
        }
        return pages;
    }

    @Test
    void refusesMissingAndWrongTokensWithoutEchoingThem() throws Exception {
        SandboxClient.Response missing = CLIENT.get(sandbox.baseUrl() + "/api/public/conversations");
        assertEquals(401, missing.status());
        assertEquals("unauthorized", missing.json().path("error").asText());
        SandboxClient.Response wrong = CLIENT.get(sandbox.baseUrl() + "/api/public/conversations?token=guess-123");
        assertEquals(401, wrong.status());
        assertFalse(wrong.body().contains("guess-123"));
    }

    @Test
    void perPageIsCappedAt200() throws Exception {
        assertEquals(400, CLIENT.get(url(sandbox, "perPage=201")).status());
        assertEquals(400, CLIENT.get(url(sandbox, "perPage=0")).status());
        SandboxClient.Response words = CLIENT.get(url(sandbox, "perPage=many"));
        assertEquals(400, words.status());
        assertTrue(words.json().path("message").asText().contains("perPage"));
        JsonNode page = CLIENT.get(url(sandbox, "perPage=200")).json();
        assertEquals(200, page.path("per_page").asInt());
        assertEquals(Math.min(200, page.path("total").asInt()), page.path("data").size());
        JsonNode byDefault = CLIENT.get(url(sandbox, "")).json();
        assertEquals(50, byDefault.path("per_page").asInt());
        assertEquals(50, byDefault.path("data").size());
    }

    @Test
    void exportingEverythingGivesEachConversationAndMessageOnce() throws Exception {
        GroundTruth truth = sandbox.groundTruth();
        List<JsonNode> pages = exportAll(sandbox, "perPage=50");
        Set<String> conversations = new HashSet<>();
        Set<String> ids = new HashSet<>();
        long messages = 0;
        long previousStart = 0;
        for (JsonNode page : pages) {
            assertEquals(page.path("data").size(), page.path("count").asInt());
            assertEquals(truth.conversationCount(Vendor.CXONE), page.path("total").asLong());
            for (JsonNode conversation : page.path("data")) {
                assertTrue(conversations.add(conversation.path("conversationId").asText()), "twice");
                assertTrue(conversation.path("timestamp").asLong() >= previousStart - 200,
                        "sorted by start: " + conversation.path("timestamp") + " after " + previousStart + " "
                                + conversation.path("conversationId"));
                previousStart = conversation.path("timestamp").asLong();
                int users = 0;
                int bots = 0;
                for (JsonNode event : conversation.path("tracker").path("events")) {
                    switch (event.path("event").asText()) {
                        case "user" -> {
                            users++;
                            assertTrue(ids.add(event.path("message_id").asText()));
                        }
                        case "bot" -> {
                            bots++;
                            JsonNode msgid = event.path("data").path("custom").path("msgid");
                            if (msgid.isTextual()) {
                                assertTrue(ids.add(msgid.asText()));
                            }
                        }
                        default -> { }
                    }
                }
                assertEquals(users, conversation.path("customerMsgCount").asInt());
                assertEquals(bots, conversation.path("botMsgCount").asInt());
                assertEquals(users + bots, conversation.path("msgCount").asInt());
                messages += users + bots;
            }
        }
        JsonNode last = pages.get(pages.size() - 1);
        assertTrue(last.path("data").isEmpty() || last.path("next_page_url").isNull());
        assertEquals(truth.conversationCount(Vendor.CXONE), conversations.size());
        assertEquals(new HashSet<>(truth.conversationIds(Vendor.CXONE)), conversations);
        assertEquals(truth.messageCount(Vendor.CXONE), messages);
        assertEquals(truth.messageIds(Vendor.CXONE), ids);
        assertTrue(conversations.stream().allMatch(id -> id.startsWith("chat;") && id.split(";").length == 3));
    }

    @Test
    void recordsHaveTheVendorsShapeAndLaravelsEscaping() throws Exception {
        SandboxClient.Response response = CLIENT.get(url(sandbox, "perPage=5"));
        assertTrue(response.body().chars().allMatch(c -> c < 128), "non-ASCII is \\u-escaped, as PHP writes it");
        assertTrue(response.body().contains("-\\u003E"), "'>' is \\u003E, as in the vendor's sample");
        JsonNode page = response.json();
        for (String field : List.of("data", "per_page", "total", "count", "path", "next_page_url", "scroll_id")) {
            assertTrue(page.has(field), field);
        }
        JsonNode record = page.path("data").get(0);
        for (String field : List.of("timestamp", "conversationId", "customer", "channel", "isReviewed", "dfo",
                "conversationNumber", "tags", "notes", "msgCount", "customerMsgCount", "botMsgCount", "tracker",
                "lastMessageAt", "journey", "transitions")) {
            assertTrue(record.has(field), field);
        }
        JsonNode events = record.path("tracker").path("events");
        assertEquals("action_session_start", events.get(0).path("name").asText());
        assertEquals("session_started", events.get(1).path("event").asText());
        JsonNode user = null;
        for (JsonNode event : events) {
            if (event.path("event").asText().equals("user")) {
                user = event;
                break;
            }
        }
        assertTrue(user != null);
        JsonNode parse = user.path("parse_data");
        assertTrue(parse.path("intent").path("name").isTextual());
        assertTrue(parse.path("intent").path("confidence").isNumber());
        assertTrue(parse.path("intent_ranking").size() >= 2);
        assertTrue(parse.path("text_tokens").get(0).isArray());
        assertTrue(user.path("timestamp").isNumber());
    }

    @Test
    void theVendorSampleIsServedAsPrinted() throws Exception {
        JsonNode golden = null;
        for (JsonNode page : exportAll(sandbox, "perPage=200")) {
            for (JsonNode conversation : page.path("data")) {
                if (conversation.path("conversationId").asText().startsWith("chat;wOT4JjXiVYwsgqUaOX3VHpCQd3Oz")) {
                    golden = conversation;
                }
            }
        }
        assertTrue(golden != null, "the golden sample is served");
        assertEquals("Anne Shirley", golden.path("customer").path("name").asText());
        assertEquals(8, golden.path("msgCount").asInt());
        assertEquals("start__1->greetings__2->nlu_fallback__3->end", golden.path("journey").asText());
        List<ExpectedMessage> expected = sandbox.groundTruth().messagesInConversation(Vendor.CXONE,
                golden.path("conversationId").asText());
        assertEquals(8, expected.size());
        assertEquals(3, expected.stream().filter(ExpectedMessage::fallback).count());
        assertEquals("I am not quite sure what you are saying. Are you talking about relief?", expected.get(3).text());
    }

    @Test
    void queryFiltersOnLastMessageTime() throws Exception {
        long now = sandbox.now().toEpochMilli();
        List<JsonNode> pages = exportAll(sandbox, SandboxClient.query(Map.of("perPage", 200,
                "query", "datetime > -5 days")));
        int served = 0;
        for (JsonNode page : pages) {
            for (JsonNode conversation : page.path("data")) {
                served++;
                assertTrue(conversation.path("lastMessageAt").asLong() > now - Duration.ofDays(5).toMillis() - 100);
            }
        }
        int expected = 0;
        for (String id : sandbox.groundTruth().conversationIds(Vendor.CXONE)) {
            List<ExpectedMessage> messages = sandbox.groundTruth().messagesInConversation(Vendor.CXONE, id);
            expected += messages.get(messages.size() - 1).at().toEpochMilli() > now - Duration.ofDays(5).toMillis() ? 1 : 0;
        }
        assertEquals(expected, served);
        assertTrue(served > 20 && served < 100, "about 5 of 21 days: " + served);
        JsonNode handovers = CLIENT.get(url(sandbox, SandboxClient.query(Map.of("perPage", 200,
                "query", "action = handover AND datetime > -30 days")))).json();
        for (JsonNode conversation : handovers.path("data")) {
            assertTrue(conversation.path("tags").toString().contains("handover"), conversation.path("tags").toString());
        }
    }

    @Test
    void unparseableQueriesAreRefusedClearly() throws Exception {
        SandboxClient.Response garbled = CLIENT.get(url(sandbox, SandboxClient.query(Map.of("query", "datetime >"))));
        assertEquals(400, garbled.status());
        assertTrue(garbled.json().path("message").asText().contains("parameter operator value"));
        SandboxClient.Response unknown = CLIENT.get(url(sandbox, SandboxClient.query(Map.of("query", "mood = happy"))));
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().path("message").asText().contains("mood"));
        SandboxClient.Response badTime = CLIENT.get(url(sandbox, SandboxClient.query(Map.of("query", "datetime > yesterday"))));
        assertEquals(400, badTime.status());
        assertEquals(400, CLIENT.get(url(sandbox, "timezone=Mars/Olympus")).status());
        assertEquals(200, CLIENT.get(url(sandbox, "timezone=Asia/Seoul&perPage=1")).status());
    }

    @Test
    void aScrollLeftIdleExpiresWith410() throws Exception {
        try (VendorSandbox idle = VendorSandbox.start(SandboxOptions.builder().seed(11).conversationsPerVendor(30)
                .vendors(Vendor.CXONE).scrollIdleTimeout(Duration.ofSeconds(1)).build())) {
            JsonNode first = CLIENT.get(url(idle, "perPage=10")).json();
            String next = first.path("next_page_url").asText() + "&token=" + idle.credentials().cxoneToken();
            assertEquals(200, CLIENT.get(next).status(), "retrying a page is fine while the scroll lives");
            assertEquals(200, CLIENT.get(next).status());
            Thread.sleep(1_500);
            SandboxClient.Response expired = CLIENT.get(next);
            assertEquals(410, expired.status());
            assertEquals("scroll_expired", expired.json().path("error").asText());
            assertEquals(400, CLIENT.get(url(idle, "scrollId=notascroll")).status());
        }
    }

    @Test
    void aScrollIsASnapshotAndGrowthShowsInTheNextExport() throws Exception {
        GroundTruth truth = sandbox.groundTruth();
        JsonNode first = CLIENT.get(url(sandbox, "perPage=3")).json();
        String next = first.path("next_page_url").asText() + "&token=" + sandbox.credentials().cxoneToken();
        JsonNode second = CLIENT.get(next).json().path("data").get(0);
        String id = second.path("conversationId").asText();
        int before = second.path("msgCount").asInt();
        long lastBefore = second.path("lastMessageAt").asLong();

        sandbox.growConversation(Vendor.CXONE, id, 2);

        assertEquals(before + 2, truth.messageCount(Vendor.CXONE, id));
        JsonNode again = CLIENT.get(next).json().path("data").get(0);
        assertEquals(id, again.path("conversationId").asText());
        assertEquals(before, again.path("msgCount").asInt(), "the open scroll serves the conversation as it was");
        Map<String, JsonNode> fresh = new HashMap<>();
        for (JsonNode page : exportAll(sandbox, "perPage=200")) {
            page.path("data").forEach(c -> fresh.put(c.path("conversationId").asText(), c));
        }
        JsonNode grown = fresh.get(id);
        assertEquals(before + 2, grown.path("msgCount").asInt());
        assertTrue(grown.path("lastMessageAt").asLong() > lastBefore);
        assertEquals(truth.messageCount(Vendor.CXONE, id), grown.path("customerMsgCount").asInt()
                + grown.path("botMsgCount").asInt());
    }
}
