package org.transcriptsearch.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One message a perfect harvester ends up with, as the vendor serves it.
 *
 * @param conversationId CXone conversationId, Kore sessionId, AgentX conversationId; empty only for the
 *                       Kore golden message that has no session
 * @param seq            position in its conversation, from 0
 * @param messageId      the vendor's id; empty for CXone bot events without {@code data.custom.msgid}
 * @param role           {@code user} or {@code bot}
 * @param at             when it was sent, as the vendor gives it (AgentX user messages: whole seconds)
 * @param text           what was said; a bot's several parts (AgentX steps) joined by newlines
 * @param intent         CXone user messages only (the other vendors give no intent)
 * @param confidence     with {@code intent}
 * @param fallback       CXone user messages whose intent is {@code nlu_fallback}
 * @param options        quick replies / buttons the bot offered (generated messages)
 * @param language       {@code ko}, {@code ja}, {@code zh} or {@code en} for generated conversations;
 *                       empty for the vendors' own samples
 */
public record ExpectedMessage(Vendor vendor, Optional<String> conversationId, int seq, Optional<String> messageId,
                              String role, Instant at, String text, Optional<String> intent,
                              OptionalDouble confidence, boolean fallback, List<String> options,
                              Optional<String> language) {
    public boolean fromUser() {
        return role.equals("user");
    }
}
