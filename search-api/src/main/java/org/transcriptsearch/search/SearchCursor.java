package org.transcriptsearch.search;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque paging token: the sort values of the last hit served ({@code search_after} on a
 * tie-broken sort, so no deep offsets), how many hits were served so far, and a fingerprint of the
 * query it belongs to, signed with HMAC-SHA256. A changed byte, or a cursor replayed against another
 * query, is refused with a 400.
 */
final class SearchCursor {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;

    SearchCursor(String secret) {
        if (secret == null || secret.isEmpty()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        } else {
            key = secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Where the next page starts. */
    record Position(JsonArray searchAfter, long served) {
    }

    String encode(Position position, String fingerprint) {
        JsonObject payload = new JsonObject().put("a", position.searchAfter()).put("n", position.served())
                .put("f", fingerprint(fingerprint));
        byte[] body = payload.encode().getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(body) + "." + B64.encodeToString(sign(body));
    }

    Position decode(String cursor, String fingerprint) {
        int dot = cursor.indexOf('.');
        byte[] body;
        byte[] signature;
        try {
            body = B64D.decode(cursor.substring(0, Math.max(dot, 0)));
            signature = B64D.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // Base64 leaves spare bits in the last character: only the canonical spelling is accepted.
        if (dot <= 0 || !cursor.equals(B64.encodeToString(body) + "." + B64.encodeToString(signature))
                || !MessageDigest.isEqual(sign(body), signature)) {
            throw invalid();
        }
        JsonObject payload;
        try {
            payload = new JsonObject(new String(body, StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw invalid();
        }
        if (!fingerprint(fingerprint).equals(payload.getString("f"))) {
            throw ApiError.badParameter("cursor", "this cursor belongs to another query: send the same q, filters "
                    + "and sort as the request that returned it, or drop the cursor to start over");
        }
        return new Position(payload.getJsonArray("a"), payload.getLong("n"));
    }

    private static ApiError invalid() {
        return ApiError.badParameter("cursor", "cursor is not valid (altered, truncated, or issued by another "
                + "server instance); drop it to start from the first page");
    }

    private byte[] sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(body);
            return java.util.Arrays.copyOf(full, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String fingerprint(String query) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return B64.encodeToString(java.util.Arrays.copyOf(d, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
