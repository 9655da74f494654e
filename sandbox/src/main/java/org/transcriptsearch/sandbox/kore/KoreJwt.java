package org.transcriptsearch.sandbox.kore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.JsonWire;

/**
 * Kore's app JWT: HS256, signed with the app's Client Secret, claim {@code appId} = the Client ID (spelled
 * exactly so), {@code sub} anything. An {@code exp}, when present, must lie in the future.
 */
public final class KoreJwt {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private KoreJwt() {
    }

    /** A token as a Kore client would mint it. */
    public static String mint(String clientId, String clientSecret, String subject) {
        ObjectNode header = JsonWire.MAPPER.createObjectNode().put("alg", "HS256").put("typ", "JWT");
        ObjectNode payload = JsonWire.MAPPER.createObjectNode().put("sub", subject).put("appId", clientId);
        String signingInput = encode(header) + "." + encode(payload);
        return signingInput + "." + ENCODER.encodeToString(hmac(clientSecret, signingInput));
    }

    /** Throws 401 unless the token is an HS256 JWT signed with the secret for this client id. */
    static void verify(String token, String clientId, String clientSecret, long nowSeconds) {
        String[] parts = token.trim().split("\\.", -1);
        if (parts.length != 3) {
            throw ApiException.unauthorized("auth is not a JWT (expected header.payload.signature)");
        }
        JsonNode header = json(parts[0], "header");
        JsonNode payload = json(parts[1], "payload");
        if (!"HS256".equals(header.path("alg").asText())) {
            throw ApiException.unauthorized("JWT alg must be HS256, was '" + header.path("alg").asText() + "'");
        }
        byte[] given;
        try {
            given = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw ApiException.unauthorized("JWT signature is not base64url");
        }
        if (!MessageDigest.isEqual(given, hmac(clientSecret, parts[0] + "." + parts[1]))) {
            throw ApiException.unauthorized("JWT signature does not verify with the app's client secret");
        }
        if (!payload.path("appId").isTextual() || !payload.get("appId").asText().equals(clientId)) {
            throw ApiException.unauthorized("JWT claim appId does not name a registered app (claim is case-sensitive: appId)");
        }
        if (payload.has("exp") && payload.get("exp").asLong(0) <= nowSeconds) {
            throw ApiException.unauthorized("JWT has expired (exp)");
        }
    }

    private static JsonNode json(String part, String what) {
        try {
            JsonNode node = JsonWire.MAPPER.readTree(DECODER.decode(part));
            if (node == null || !node.isObject()) {
                throw ApiException.unauthorized("JWT " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.unauthorized("JWT " + what + " is not base64url JSON");
        }
    }

    private static String encode(ObjectNode node) {
        return ENCODER.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
