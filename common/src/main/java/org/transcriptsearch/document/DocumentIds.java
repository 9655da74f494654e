package org.transcriptsearch.document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Deterministic document ids, so a re-harvest overwrites instead of duplicating.
 *
 * <p>Scheme: {@code <source>~<base64url(SHA-256(source NUL conversation [NUL message]))>} without padding,
 * e.g. {@code cxone-support~q3F0...} (source name + 44 characters). The source name (already restricted
 * to {@code [a-z0-9_-]} by the config loader) keeps ids readable per source; the hash makes them URL-safe
 * and bounded in length whatever the vendor's ids contain (CXone conversation ids hold {@code ;} and
 * run past 100 characters). NUL separators make {@code ("a;b","c")} and {@code ("a","b;c")} differ.
 */
public final class DocumentIds {
    private DocumentIds() {
    }

    public static String message(String source, String conversationId, String messageId) {
        return source + "~" + hash(source + '\0' + conversationId + '\0' + messageId);
    }

    public static String conversation(String source, String conversationId) {
        return source + "~" + hash(source + '\0' + conversationId);
    }

    /** One digest per thread: looking one up costs more than the hash of a short id. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    });
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static String hash(String s) {
        // digest() resets the digest, so the next call starts clean
        return BASE64URL.encodeToString(SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
