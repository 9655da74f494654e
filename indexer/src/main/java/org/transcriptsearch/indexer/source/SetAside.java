package org.transcriptsearch.indexer.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A vendor record that could not be turned into documents (a missing id, a wrong type, a time in the
 * future). It is kept in the dead-letter index with the record itself, reported in the run history
 * ({@code errors.location}, {@code errors.reason}) and counted in the run's {@code set_aside}; the rest of
 * the run goes on, and the run exits 3.
 *
 * @param location       where it was, precise enough to find it again and free of secrets, e.g.
 *                       {@code GET /api/public/conversations?scrollId=..., data[17] (conversationId chat;abc)}
 * @param reason         what was wrong with it, in words
 * @param conversationId the vendor conversation it belongs to, where known (else null)
 * @param record         the vendor's record as it came, as JSON text, where there is one (else null)
 */
public record SetAside(String location, String reason, String conversationId, String record) {
    public SetAside(String location, String reason) {
        this(location, reason, null, null);
    }

    /** With the vendor record it stands for (its JSON text is kept, so nothing of it is lost). */
    public static SetAside of(String location, String reason, String conversationId, JsonNode record) {
        return new SetAside(location, reason, conversationId, record == null || record.isMissingNode() ? null : record.toString());
    }
}
