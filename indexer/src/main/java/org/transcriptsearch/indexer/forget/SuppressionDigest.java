package org.transcriptsearch.indexer.forget;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How a forgotten customer or conversation is named in the state index and the audit: SHA-256 (hex) of
 * its scope (the source's name, or {@link #EVERY_SOURCE}), a NUL, and the vendor's id. The id itself is
 * never stored, so the list of people who asked to be forgotten is not itself a list of people; a harvest
 * recognises them by computing the same digest of the ids it reads.
 */
public final class SuppressionDigest {
    /** The scope of a customer forgotten in every source. */
    public static final String EVERY_SOURCE = "*";

    private SuppressionDigest() {
    }

    public static String of(String scope, String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((scope + '\0' + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A customer of {@code source}, or of every source when {@code source} is null. */
    public static String customer(String source, String customerId) {
        return of(source == null ? EVERY_SOURCE : source, customerId);
    }

    /** A conversation of {@code source} (vendor conversation ids are only unique within a source). */
    public static String conversation(String source, String conversationId) {
        return of(source, conversationId);
    }
}
