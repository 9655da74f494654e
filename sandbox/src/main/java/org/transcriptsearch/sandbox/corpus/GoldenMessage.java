package org.transcriptsearch.sandbox.corpus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One message of a vendor's own sample, already moved into the sandbox's time span.
 *
 * @param record the record as served, where the vendor serves messages on their own (Kore, AgentX);
 *               empty for CXone, whose messages live inside the conversation record
 */
public record GoldenMessage(Optional<String> messageId, long atMs, boolean fromUser, String text,
                            Optional<String> intent, Optional<ObjectNode> record) {
    public boolean fallback() {
        return intent.filter(Understanding.FALLBACK_INTENT::equals).isPresent();
    }
}
