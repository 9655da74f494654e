package org.transcriptsearch.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PiiRedactionTest {
    private final PiiRedaction all = new PiiRedaction(new PrivacyConfig(EnumSet.allOf(PiiKind.class),
            List.of(new UserPattern("member_id", Pattern.compile("M-\\d{8}")))));

    @Test
    void replacesEveryKindAndReportsTheKindsFound() {
        PiiRedaction.Result result = all.redact(
                "메일 a.b@naver.com, 전화 010-1234-5678, 카드 4111 1111 1111 1111, 회원 M-12345678, IP 10.0.0.1");
        assertEquals("메일 [EMAIL], 전화 [PHONE], 카드 [CARD], 회원 [MEMBER_ID], IP [IP]", result.text());
        assertEquals(Set.of("email", "phone", "card", "member_id", "ip"), result.kinds());
    }

    @Test
    void anIbanOrACardIsNotAlsoAPhone() {
        assertEquals("[IBAN]", all.redact("GB82 WEST 1234 5698 7654 32").text());
        assertEquals("card [CARD]", all.redact("card 6011 0009 9013 9424").text());
        PiiRedaction.Result id = all.redact("身份证 11010519491231002X");
        assertEquals("身份证 [NATIONAL_ID]", id.text());
        assertEquals(Set.of("national_id"), id.kinds());
    }

    @Test
    void onlyTheEnabledKindsAreRedacted() {
        PiiRedaction emailOnly = new PiiRedaction(new PrivacyConfig(EnumSet.of(PiiKind.EMAIL), List.of()));
        assertEquals("[EMAIL] 010-1234-5678", emailOnly.redact("x@y.com 010-1234-5678").text());
        assertEquals("x@y.com", new PiiRedaction(PrivacyConfig.none()).redact("x@y.com").text());
    }

    @Test
    void userPatternWinsATieAndMatchesTheTextAsWritten() {
        PiiRedaction redaction = new PiiRedaction(new PrivacyConfig(EnumSet.allOf(PiiKind.class),
                List.of(new UserPattern("seoul_line", Pattern.compile("02-\\d{3}-\\d{4}")))));
        PiiRedaction.Result result = redaction.redact("사무실 02-123-4567");
        assertEquals("사무실 [SEOUL_LINE]", result.text());
        assertEquals(Set.of("seoul_line"), result.kinds());
    }

    @Test
    void nullAndEmptyTextAreLeftAlone() {
        assertNull(all.redact((String) null).text());
        assertEquals("", all.redact("").text());
        assertEquals(Set.of(), all.redact("").kinds());
    }

    @Test
    void placeholderReplacesTheOriginalSpanWithSurrogatesAndFullWidthAround() {
        assertEquals("😀 [PHONE] 😀 [EMAIL]", all.redact("😀 ０９０－１２３４－５６７８ 😀 ａ＠ｂ．ｊｐ").text());
    }

    @Test
    void everyStringInAJsonTreeIsRedactedInACopy() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode record = mapper.readTree("""
                {"id": "c-1", "turns": [{"text": "call 415-555-0123", "n": 4155550123},
                 {"meta": {"email": "jo@example.com", "ok": true}}], "empty": null}""");
        PiiRedaction.TreeResult result = all.redact(record);
        assertEquals(mapper.readTree("""
                {"id": "c-1", "turns": [{"text": "call [PHONE]", "n": 4155550123},
                 {"meta": {"email": "[EMAIL]", "ok": true}}], "empty": null}"""), result.tree());
        assertEquals(Set.of("phone", "email"), result.kinds());
        assertEquals("call 415-555-0123", record.at("/turns/0/text").asText(), "the original tree is unchanged");
    }

    @Test
    void hostileInputsFinishQuickly() {
        List<String> hostile = List.of("a".repeat(100_000), "a.".repeat(50_000) + "@", "1".repeat(100_000),
                "1 ".repeat(50_000), "1-".repeat(50_000), "1.".repeat(50_000), ":".repeat(100_000),
                "a:".repeat(50_000), "DE89 ".repeat(20_000), "x@".repeat(50_000), "+1 (".repeat(25_000),
                "０".repeat(100_000), "a@b.".repeat(25_000));
        for (String text : hostile) {
            assertTimeoutPreemptively(Duration.ofMillis(500), () -> all.redact(text), text.substring(0, 10));
        }
    }

    @Test
    void tableOfKindsMatchesTheDesign() {
        assertEquals(Map.of("email", "[EMAIL]", "phone", "[PHONE]", "card", "[CARD]", "iban", "[IBAN]",
                        "national_id", "[NATIONAL_ID]", "ip", "[IP]"),
                java.util.Arrays.stream(PiiKind.values()).collect(java.util.stream.Collectors.toMap(
                        PiiKind::configName, PiiKind::placeholder)));
    }
}
