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
}
