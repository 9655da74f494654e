package org.transcriptsearch.indexer.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The state index as versioned documents: every write names the version it replaces, so two processes can
 * never both believe they wrote over the same state. Blocking calls: run them off the event loop.
 */
public interface StateDocuments {
    /** A stored document and the version ({@code _seq_no}, {@code _primary_term}) a conditional write must name. */
    record Versioned(ObjectNode source, long seqNo, long primaryTerm) {
    }

    /** Which stored version a write replaces. */
    sealed interface Condition {
        /** The document must not exist yet. */
        record Absent() implements Condition {
        }

        /** The document must still be at this version. */
        record At(long seqNo, long primaryTerm) implements Condition {
        }

        static Condition of(Optional<Versioned> current) {
            return current.<Condition>map(v -> new At(v.seqNo(), v.primaryTerm())).orElse(new Absent());
        }
    }

    /** Another write came first: the condition no longer holds. */
    final class Conflict extends RuntimeException {
        public Conflict(String id) {
            super("state document " + id + " was changed by someone else", null, false, false);
        }
    }

    /** A real-time read (no refresh needed). */
    Optional<Versioned> get(String id);

    /** Writes {@code doc} if {@code condition} holds, else throws {@link Conflict}. */
    Versioned put(String id, ObjectNode doc, Condition condition);
}
