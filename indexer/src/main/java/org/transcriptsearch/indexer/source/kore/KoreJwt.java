package org.transcriptsearch.indexer.source.kore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code auth} header value for Kore.ai's public APIs: an HS256 JWT whose payload carries
 * {@code sub} and {@code appId} (the app's Client ID, spelled exactly so), signed with the app's Client
 * Secret. Minted tokens carry {@code iat}/{@code exp} and are renewed once less than a fifth of their
 * lifetime is left, so a long harvest never sends a token that runs out mid-flight. A ready JWT from the
 * config is passed through unchanged (when it expires the vendor says 401 and the run names the key).
 */
public final class KoreJwt {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String clientId;
    private final byte[] secret;
    private final String subject;
    private final Duration lifetime;
    private final String ready;
    private final Clock clock;
    private String current;
    private Instant renewAt = Instant.MIN;

    private KoreJwt(String clientId, String clientSecret, String subject, Duration lifetime, String ready, Clock clock) {
        this.clientId = clientId;
        this.secret = clientSecret == null ? null : clientSecret.getBytes(StandardCharsets.UTF_8);
        this.subject = subject;
        this.lifetime = lifetime;
        this.ready = ready;
        this.clock = clock;
    }

    public static KoreJwt minted(String clientId, String clientSecret, String subject, Duration lifetime, Clock clock) {
        return new KoreJwt(clientId, clientSecret, subject, lifetime, null, clock);
    }

    public static KoreJwt ready(String jwt) {
        return new KoreJwt(null, null, null, null, jwt, Clock.systemUTC());
    }

    public static KoreJwt of(KoreSettings s, Clock clock) {
        return s.jwt() != null ? ready(s.jwt()) : minted(s.clientId(), s.clientSecret(), s.jwtSubject(), s.jwtLifetime(), clock);
    }

    /** The token to send now: the ready one, or the minted one, renewed when it is near its end. */
    public synchronized String token() {
        if (ready != null) {
            return ready;
        }
        Instant now = clock.instant();
        if (current == null || !now.isBefore(renewAt)) {
            current = mint(now);
            renewAt = now.plus(lifetime.minus(lifetime.dividedBy(5)));
        }
        return current;
    }

    String mint(Instant now) {
        ObjectNode header = JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT");
        ObjectNode payload = JSON.createObjectNode()
                .put("sub", subject)
                .put("appId", clientId)
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(lifetime).getEpochSecond());
        String signingInput = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(hmacSha256(secret, signingInput));
    }

    static byte[] hmacSha256(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return ready != null ? "KoreJwt[ready]" : "KoreJwt[minted, appId=" + clientId + "]";
    }
}
