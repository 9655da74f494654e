package org.transcriptsearch.indexer.sink;

/**
 * One bulk operation, already encoded (action line + source line, each ending in a newline), with what
 * is needed to report it if Elasticsearch rejects it.
 *
 * @param kind     what it is, for the new/updated counts
 * @param location the source record it came from (vendor, conversation, message), for set-aside reports
 */
public record BulkItem(Kind kind, String id, byte[] ndjson, String location) {
    public enum Kind { MESSAGE, CONVERSATION, OTHER }
}
