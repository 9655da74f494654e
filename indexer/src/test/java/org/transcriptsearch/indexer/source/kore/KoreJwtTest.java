package org.transcriptsearch.indexer.source.kore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KoreJwtTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now;

        ManualClock(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void hmacMatchesTheWellKnownHs256Example() {
        // jwt.io's example token, signed with "your-256-bit-secret".
        String input = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ";
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                KoreJwt.hmacSha256("your-256-bit-secret".getBytes(StandardCharsets.UTF_8), input));
        assertEquals("SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", sig);
    }

    @Test
    void mintedTokenIsHs256WithSubAndAppIdSignedWithTheSecret() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2024-07-01T00:00:00Z"));
        String token = KoreJwt.minted("cs-123", "s3cret", "indexer", Duration.ofHours(1), clock).token();
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("HS256", header.get("alg").asText());
        assertEquals("JWT", header.get("typ").asText());
        assertEquals("indexer", payload.get("sub").asText());
        assertEquals("cs-123", payload.get("appId").asText());
        assertEquals(1719792000L, payload.get("iat").asLong());
        assertEquals(1719792000L + 3600, payload.get("exp").asLong());
        String expectedSig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                KoreJwt.hmacSha256("s3cret".getBytes(StandardCharsets.UTF_8), parts[0] + "." + parts[1]));
        assertEquals(expectedSig, parts[2]);
        assertTrue(!token.contains("s3cret"));
    }

    @Test
    void tokenIsReusedThenRenewedBeforeItExpires() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2024-07-01T00:00:00Z"));
        KoreJwt jwt = KoreJwt.minted("cs-123", "s3cret", "indexer", Duration.ofHours(1), clock);
        String first = jwt.token();
        clock.now = clock.now.plus(Duration.ofMinutes(47));
        assertEquals(first, jwt.token(), "still well within its lifetime");
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        String second = jwt.token();
        assertNotEquals(first, second, "renewed once less than a fifth of the lifetime is left");
        // Whatever the moment of use, the token sent has at least 12 minutes left.
        for (int minute = 0; minute < 300; minute++) {
            clock.now = clock.now.plus(Duration.ofMinutes(1));
            long exp = JSON.readTree(Base64.getUrlDecoder().decode(jwt.token().split("\\.")[1])).get("exp").asLong();
            assertTrue(exp - clock.now.getEpochSecond() >= 12 * 60, "token sent with " + (exp - clock.now.getEpochSecond()) + " s left");
        }
    }

    @Test
    void readyJwtIsPassedThrough() {
        assertEquals("a.b.c", KoreJwt.ready("a.b.c").token());
    }
}
