package org.transcriptsearch.sandbox.corpus;

import java.util.List;
import java.util.Optional;

/**
 * One message of a generated conversation. Bot messages can have several parts (AgentX shows them as
 * steps; the other vendors as one text joined by newlines).
 */
public record Turn(int index, Move move, long atMs, List<String> parts, List<Option> options,
                   Optional<Understanding> understanding) {
    public boolean fromUser() {
        return move.fromUser();
    }

    public String text() {
        return String.join("\n", parts);
    }
}
