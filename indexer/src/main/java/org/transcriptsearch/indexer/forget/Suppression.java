package org.transcriptsearch.indexer.forget;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One forget, as kept in the state index (see {@code mappings/state.json}): what later harvests, {@code reindex}
 * and {@code set-aside retry} must never store again. Holds digests only ({@link SuppressionDigest}).
 *
 * @param source the source it is limited to; null: every source (a customer only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Suppression(String kind, String source, Details suppression, @JsonProperty("updated_at") Instant updatedAt) {
    public static final String KIND = "suppression";
    public static final String CUSTOMER = "customer";
    public static final String CONVERSATION = "conversation";

    /**
     * @param conversations for a customer: digests of the conversations erased with them (a conversation that
     *                      goes on is kept out even where its later messages do not name the customer)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Details(String scope, String digest, List<String> conversations,
                          @JsonProperty("created_at") Instant createdAt, Erased erased) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Erased(long messages, long conversations, @JsonProperty("set_aside") long setAside) {
        public Erased plus(Erased more) {
            return new Erased(messages + more.messages, conversations + more.conversations, setAside + more.setAside);
        }

        public long total() {
            return messages + conversations + setAside;
        }
    }

    public static Suppression of(String scope, String source, String digest, Instant at) {
        return new Suppression(KIND, source, new Details(scope, digest, null, at, new Erased(0, 0, 0)), at);
    }

    /** Its id in the state index: one per scope and digest, so forgetting twice updates the same document. */
    @JsonIgnore
    public String id() {
        return id(suppression.scope(), suppression.digest());
    }

    public static String id(String scope, String digest) {
        return KIND + ":" + scope + ":" + digest;
    }

    @JsonIgnore
    public boolean customer() {
        return CUSTOMER.equals(suppression.scope());
    }

    public Suppression with(List<String> conversations, Erased erased, Instant at) {
        return new Suppression(kind, source, new Details(suppression.scope(), suppression.digest(),
                conversations == null || conversations.isEmpty() ? null : List.copyOf(conversations), suppression.createdAt(),
                erased), at);
    }
}
