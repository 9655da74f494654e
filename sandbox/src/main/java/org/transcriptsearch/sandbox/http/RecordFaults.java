package org.transcriptsearch.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Function;

/**
 * How the record faults bend one of a vendor's records, in place (the record is the page's own copy, never
 * the corpus). Each returns what it touched, for the {@code FaultEvent}'s detail.
 *
 * @param breakRecord malformedRecord: the id removed and a field of the wrong type; returns the id it had
 * @param futureTime  futureRecord: one time written in a smaller unit, so it lies far in the future; returns
 *                    {@code conversationId/messageId} of the message bent, or the conversation id when a
 *                    conversation's own time was bent
 */
public record RecordFaults(Function<ObjectNode, String> breakRecord, Function<ObjectNode, String> futureTime) {
}
