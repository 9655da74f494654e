package org.transcriptsearch.indexer.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading fields of one vendor record for a mapper: a field that is missing or of the wrong type makes
 * the record {@link Malformed}, which the mapper turns into a {@link SetAside} with this reason.
 */
public final class VendorRecord {
    private VendorRecord() {
    }

    /** A record that cannot be mapped; its message is the reason recorded with the set-aside. */
    public static final class Malformed extends RuntimeException {
        public Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A non-blank string field, or Malformed naming the field. */
    public static String requiredText(JsonNode record, String key) {
        JsonNode n = record.get(key);
        if (n == null || n.isNull()) {
            throw new Malformed(key + " is missing");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new Malformed(key + " must be a non-empty string, not " + n.getNodeType().name().toLowerCase());
        }
        return n.asText();
    }

    /** A string field, null when absent or blank; Malformed when it is there but not a string. */
    public static String optionalText(JsonNode record, String key) {
        JsonNode n = record.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new Malformed(key + " must be a string, not " + n.getNodeType().name().toLowerCase());
        }
        return n.asText().isBlank() ? null : n.asText();
    }
}
