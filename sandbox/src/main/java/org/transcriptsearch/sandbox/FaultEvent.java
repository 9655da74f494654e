package org.transcriptsearch.sandbox;

import java.time.Instant;

/**
 * A fault as delivered: when, on which endpoint, and what it touched ({@code detail}: for a malformed
 * record the id the record had; for a future record {@code conversationId/messageId} of the message bent
 * (Kore {@code sessionId/_id}), or the id of the AgentX conversation whose startTime was bent; for growth the
 * conversation id that grew; else empty).
 */
public record FaultEvent(Instant at, Endpoint endpoint, Fault fault, String detail) {
}
