package org.transcriptsearch.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    @Test
    void masksTheCxoneTokenInUrls() {
        Redactor r = Redactor.none();
        String url = "https://bot-builder-de-na1.niceincontact.com/api/public/conversations?token=abc123secret&perPage=200";
        String out = r.redact("GET " + url + " failed");
        assertFalse(out.contains("abc123secret"), out);
        assertTrue(out.contains("token=***&perPage=200"), out);
    }

    @Test
    void masksConfiguredValuesWherever_theyAppear() {
        Redactor r = new Redactor(List.of("s3cr3t-value"));
        assertEquals("key *** leaked", r.redact("key s3cr3t-value leaked"));
    }

    @Test
    void masksHeadersAndJwts() {
        Redactor r = Redactor.none();
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImNzLTEifQ.c2lnbmF0dXJlLXZhbHVl";
        assertFalse(r.redact("auth: " + jwt).contains("eyJhcHBJZCI6"));
        assertFalse(r.redact("Authorization: Bearer abcdef123456").contains("abcdef123456"));
        assertFalse(r.redact("x-api-key: my-agentx-key").contains("my-agentx-key"));
        assertFalse(r.redact("{\"jwt\":\"" + jwt + "\"}").contains("c2lnbmF0dXJl"));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        Redactor r = new Redactor(List.of("abc"));
        assertEquals("비밀번호를 재설정하고 싶어요 scrollId=FGluY2x1", r.redact("비밀번호를 재설정하고 싶어요 scrollId=FGluY2x1"));
    }

    @Test
    void masksCredentialsInsideUrls() {
        Redactor r = Redactor.none();
        String out = r.redact("POST http://elastic:Pa55-w0rd@es.internal:9200/_bulk failed; see https://ops:x@y@host/p");
        assertFalse(out.contains("Pa55-w0rd"), out);
        assertFalse(out.contains("elastic:"), out);
        assertFalse(out.contains("x@y"), out);
        assertTrue(out.contains("http://***@es.internal:9200/_bulk"), out);
        assertTrue(out.contains("https://***@host/p"), out);
        assertEquals("mail me at someone@example.com or see http://host:9200/x", r.redact("mail me at someone@example.com or see http://host:9200/x"));
    }

    @Test
    void masksSecretFieldsInJsonWhateverTheirValue() {
        Redactor r = Redactor.none();
        for (String name : List.of("apiKey", "api_key", "access_token", "refresh_token", "token", "password", "client_secret",
                "clientSecret", "jwt", "secret", "x-api-key", "Authorization")) {
            String json = "{\"user\":\"u1\",\"" + name + "\" : \"v4lue-\\\"quoted\\\"-tail\",\"n\":1}";
            String out = r.redact(json);
            assertFalse(out.contains("v4lue") || out.contains("tail"), name + ": " + out);
            assertTrue(out.contains("\"" + name + "\" : \"***\""), name + ": " + out);
            assertTrue(out.contains("\"user\":\"u1\"") && out.endsWith(",\"n\":1}"), name + ": " + out);
        }
    }

    @Test
    void masksNameValueFormsAsRecordsAndQueryStringsPrintThem() {
        Redactor r = Redactor.none();
        String out = r.redact("CxoneSettings[baseUrl=https://h, token=t0k3n-value, perPage=200] clientSecret=cl13nt&ES_PASSWORD=pw-value");
        assertFalse(out.contains("t0k3n-value") || out.contains("cl13nt") || out.contains("pw-value"), out);
        assertTrue(out.contains("token=***, perPage=200"), out);
    }

    @Test
    void registersSecretsTrimmedAndInTheFormsTheyTravelIn() {
        Redactor r = new Redactor(List.of("  padded+secret/value  \n"));
        assertEquals("sent ***", r.redact("sent padded+secret/value"));
        assertEquals("query q=***", r.redact("query q=padded%2Bsecret%2Fvalue"));
        Redactor quoted = Redactor.none().with(List.of("with\"quote"));
        assertEquals("{\"v\":\"***\"}", quoted.redact("{\"v\":\"with\\\"quote\"}"));
    }

    @Test
    void leavesEnvironmentReferencesAndOrdinaryWordsAlone() {
        Redactor r = Redactor.none();
        String hint = "sources[cx].token is missing: write token: ${CXONE_TOKEN} and export CXONE_TOKEN";
        assertEquals(hint, r.redact(hint));
        String words = "{\"intent\":\"password_reset\",\"text_tokens\":[\"a\"],\"text\":\"I forgot my password\"}";
        assertEquals(words, r.redact(words));
    }

    @Test
    void theEnvironmentsSecretVariablesAreMaskedItemByItem() {
        Redactor r = Redactor.ofEnvironment(java.util.Map.of("ES_PASSWORD", "pw-from-env", "SEARCH_API_KEYS",
                "team-a-key:cxone-support+kore,team-b-key", "MONKEY", "banana-bread", "SOME_TOKEN", "none", "HOME", "/root"));
        assertEquals("*** *** *** banana-bread none /root",
                r.redact("pw-from-env team-a-key team-b-key banana-bread none /root"));
    }

    private static final Redactor PERSONAL = new Redactor(java.util.List.of("s3cret-token"))
            .withPersonalData(new org.transcriptsearch.privacy.PiiRedaction(new org.transcriptsearch.privacy.PrivacyConfig(
                    java.util.EnumSet.allOf(org.transcriptsearch.privacy.PiiKind.class), java.util.List.of())));

    @Test
    void withPersonalDataAVendorValueQuotedInAnErrorIsReplaced() {
        String line = "failed to parse field [text] of type [date] in document: value [010-1234-5678] from jane.doe@example.com";
        String out = PERSONAL.redact(line);
        assertFalse(out.contains("010-1234-5678"), out);
        assertFalse(out.contains("jane.doe@example.com"), out);
        assertTrue(out.contains("[PHONE]") && out.contains("[EMAIL]"), out);
        assertFalse(Redactor.none().redact(line).contains("[PHONE]"), "off unless asked for");
        assertFalse(PERSONAL.with(java.util.List.of("other-secret")).redact(line).contains("010-1234-5678"),
                "a copy that learns more secrets keeps the personal-data rules");
    }

    @Test
    void theProductsOwnAddressesStayReadable() {
        String line = "Elasticsearch at http://10.1.2.3:9200 and the search API on 127.0.0.1:8080; the customer wrote from 203.0.113.77";
        String out = PERSONAL.redact(line);
        assertTrue(out.contains("http://10.1.2.3:9200") && out.contains("127.0.0.1:8080"), out);
        assertFalse(out.contains("203.0.113.77"), out);
    }

    @Test
    void aVendorRecordStaysTheSameJson() throws Exception {
        String record = "{\"id\":\"m1\",\"text\":\"call me at +82 10-1234-5678, card 4111 1111 1111 1111\",\"n\":[\"1\",\"2\"],"
                + "\"token\":\"s3cret-token\"}";
        String out = PERSONAL.redactJson(record);
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out);
        assertEquals("m1", tree.path("id").asText());
        assertEquals("call me at [PHONE], card [CARD]", tree.path("text").asText());
        assertFalse(out.contains("s3cret-token"), out);
        assertEquals("not json 010-1234-5678".replace("010-1234-5678", "[PHONE]"), PERSONAL.redactJson("not json 010-1234-5678"));
    }

    @Test
    void aJsonLogLineStaysValidJsonWhateverIsMaskedInIt() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Redactor r = new Redactor(List.of("pa\"ss\\word-77"));
        // As a JSON log line holds them: the message's quotes and backslashes escaped.
        String line = "{\"@timestamp\":\"2026-12-01T18:45:22.123Z\",\"message\":\"retry \\\"GET /x?token=abc123\\\" with "
                + "\\\"Authorization: Bearer xyz987\\\\\\\" for pa\\\"ss\\\\word-77\",\"n\":3,\"apiKey\":\"k-1\"}\n";
        assertEquals("retry \"GET /x?token=abc123\" with \"Authorization: Bearer xyz987\\\" for pa\"ss\\word-77",
                json.readTree(line).path("message").asText(), "the line is what a JSON log line looks like");

        String out = r.redactLine(line);
        assertTrue(out.endsWith("}\n"), out);
        var tree = json.readTree(out);
        assertEquals("retry \"GET /x?token=***\" with \"Authorization: Bearer ***\" for ***", tree.path("message").asText());
        assertEquals("***", tree.path("apiKey").asText());
        assertEquals(3, tree.path("n").asInt());
        assertEquals("2026-12-01T18:45:22.123Z", tree.path("@timestamp").asText());

        // Nothing to mask: the line as it was, byte for byte.
        String clean = "{\"message\":\"harvest done\",  \"n\":1.50}\n";
        assertEquals(clean, r.redactLine(clean));
        // Not one JSON object (trailing text, a name twice, not JSON at all): redacted as text, nothing kept back.
        for (String notOne : List.of("{\"a\":1} token=abc123 {\"b\":2}", "{\"m\":\"token=abc123\",\"m\":\"ok\"}",
                "{ token=abc123 }")) {
            String masked = r.redactLine(notOne);
            assertFalse(masked.contains("abc123"), masked);
        }
    }
}
