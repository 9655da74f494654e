package org.transcriptsearch.indexer.sink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One bulk operation, already encoded (action line + source line, each ending in a newline), with what
 * is needed to retry it, check a conflict on it, and report it if Elasticsearch can never store it.
 *
 * @param kind           what it is, for the new/updated counts
 * @param index          the alias it is written to
 * @param version        its external version ({@code version_type=external_gte}), or {@link #UNVERSIONED}
 * @param location       the source record it came from (vendor, conversation, message), for set-aside reports
 * @param conversationId the vendor conversation it belongs to, or null
 */
public record BulkItem(Kind kind, String index, String id, long version, byte[] ndjson, String location,
                       String conversationId) {
    public static final long UNVERSIONED = -1;

    public enum Kind { MESSAGE, CONVERSATION, SET_ASIDE, OTHER }

    public boolean versioned() {
        return version != UNVERSIONED;
    }

    /** The document as it would be stored: the source line without its newline. */
    public String document() {
        int start = 0;
        while (start < ndjson.length && ndjson[start] != '\n') {
            start++;
        }
        int end = ndjson.length;
        while (end > start + 1 && ndjson[end - 1] == '\n') {
            end--;
        }
        return start + 1 >= end ? "" : new String(Arrays.copyOfRange(ndjson, start + 1, end), StandardCharsets.UTF_8);
    }
}
