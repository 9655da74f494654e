package org.transcriptsearch.indexer.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.indexer.source.ConversationFacts;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.privacy.PiiKind;
import org.transcriptsearch.privacy.PrivacyConfig;
import org.transcriptsearch.privacy.UserPattern;

class PageRedactionTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final List<String> PLANTED = List.of("010-9876-5432", "4111 1111 1111 1111", "minji.kim@example.co.kr",
            "M-20261201", "203.0.113.9");

    private static PrivacyConfig all() {
        return new PrivacyConfig(EnumSet.allOf(PiiKind.class), List.of(new UserPattern("member_id", java.util.regex.Pattern.compile("M-\\d{8}"))));
    }

    private static SourcePage page() throws Exception {
        JsonNode raw = JSON.readTree("""
                {"id":"m1","text":"제 번호는 010-9876-5432 이고 카드는 4111 1111 1111 1111 입니다","nested":{"mail":["minji.kim@example.co.kr"]}}""");
        MessageDocument m = new MessageDocument(Instant.parse("2026-11-30T10:00:00Z"), "agentx", "s", null,
                new MessageDocument.ConversationRef("c1"), new MessageDocument.MessageRef("m1", 0, null), "user",
                "제 번호는 010-9876-5432 이고 카드는 4111 1111 1111 1111 입니다", null, null,
                Map.of("email", List.of("minji.kim@example.co.kr")), null, MessageDocument.CustomerRef.of("cust-1"), null,
                List.of("회원번호 M-20261201 로 조회"), null, null, null, raw);
        MessageDocument plain = new MessageDocument(Instant.parse("2026-11-30T10:00:05Z"), "agentx", "s", null,
                new MessageDocument.ConversationRef("c1"), new MessageDocument.MessageRef("m2", 1, null), "bot",
                "주문번호 20261130-0042 를 확인했어요", null, null, null, null, null, null, null, null, null, null, raw);
        ConversationFacts facts = new ConversationFacts("c1", null, null, null, null, null, null, null, null, null, null,
                null, Map.of("transcript", "user: my ip is 203.0.113.9\nbot: thanks", "count", 2),
                JSON.readTree("{\"ip\":\"203.0.113.9\"}"));
        SetAside broken = new SetAside("page 1, data[3]", "no id", "c2", "{\"text\":\"call 010-9876-5432\"}");
        return SourcePage.of("messages", "GET /x", List.of(m, plain), List.of(facts), List.of(broken));
    }

    @Test
    void noPlantedValueIsLeftAnywhereInThePage() throws Exception {
        SourcePage out = PageRedaction.of(all()).apply(page());
        String everything = JSON.writeValueAsString(out.messages()) + JSON.writeValueAsString(out.conversations())
                + JSON.writeValueAsString(out.setAside());
        for (String value : PLANTED) {
            assertFalse(everything.contains(value), value + " left in " + everything);
        }
        MessageDocument m = out.messages().get(0);
        assertEquals("제 번호는 [PHONE] 이고 카드는 [CARD] 입니다", m.text());
        assertEquals(List.of("회원번호 [MEMBER_ID] 로 조회"), m.options());
        assertEquals(List.of("[EMAIL]"), m.entities().get("email"));
        assertEquals(List.of("card", "email", "member_id", "phone"), m.pii());
        assertEquals("[EMAIL]", m.raw().path("nested").path("mail").get(0).asText());
        assertEquals("m1", m.raw().path("id").asText(), "ids in the vendor record stay");
        assertEquals("cust-1", m.customer().id(), "the customer id stays: forget --customer needs it");
        assertEquals("ko", m.language(), "told from the text as written");
        assertNull(out.messages().get(1).pii(), "nothing found: no pii");
        assertEquals("주문번호 20261130-0042 를 확인했어요", out.messages().get(1).text(), "an order number stays");
        assertEquals("user: my ip is [IP]\nbot: thanks", out.conversations().get(0).metadata().get("transcript"));
        assertEquals(2, out.conversations().get(0).metadata().get("count"));
        assertEquals("{\"text\":\"call [PHONE]\"}", out.setAside().get(0).record());
    }

    @Test
    void onlyTheKindsAskedForAreReplaced() throws Exception {
        SourcePage out = PageRedaction.of(new PrivacyConfig(EnumSet.of(PiiKind.CARD), List.of())).apply(page());
        assertEquals("제 번호는 010-9876-5432 이고 카드는 [CARD] 입니다", out.messages().get(0).text());
        assertEquals(List.of("card"), out.messages().get(0).pii());
    }

    @Test
    void noRulesNoRedaction() {
        assertNull(PageRedaction.of(PrivacyConfig.none()));
    }
}
