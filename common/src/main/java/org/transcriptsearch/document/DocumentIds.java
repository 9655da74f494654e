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

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
