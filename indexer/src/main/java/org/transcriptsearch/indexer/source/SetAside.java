package org.transcriptsearch.indexer.source;

/**
 * A record or page that could not be turned into documents (bad JSON, a missing id, a wrong type), or a
 * document Elasticsearch rejected. It is reported in the run history ({@code errors.location},
 * {@code errors.reason}) and counted in the run's {@code set_aside}; the rest of the run goes on.
 *
 * @param location where it was, precise enough to find it again and free of secrets, e.g.
 *                 {@code GET /api/public/conversations?scrollId=..., data[17] (conversationId chat;abc)}
 * @param reason   what was wrong with it, in words
 */
public record SetAside(String location, String reason) {
}
