package org.transcriptsearch.indexer.forget;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every suppression, as a harvest checks them: the digests of forgotten customers (per source and for every
 * source) and of forgotten conversations (a forgotten customer's erased conversations included). Loaded once
 * per run: they are few.
 */
public final class Suppressions {
    private static final Suppressions NONE = new Suppressions(List.of());

    private final Set<String> customers = new HashSet<>();
    private final Set<String> conversations = new HashSet<>();

    public Suppressions(List<Suppression> all) {
        for (Suppression s : all) {
            if (s.customer()) {
                customers.add(s.suppression().digest());
                if (s.suppression().conversations() != null) {
                    conversations.addAll(s.suppression().conversations());
                }
            } else {
                conversations.add(s.suppression().digest());
            }
        }
    }

    public static Suppressions none() {
        return NONE;
    }

    public boolean isEmpty() {
        return customers.isEmpty() && conversations.isEmpty();
    }

    public boolean hasCustomers() {
        return !customers.isEmpty();
    }

    /**
     * The digest of the suppression that forgets this customer of {@code source} (limited to that source, or
     * for every source), or null when none does.
     */
    public String customer(String source, String customerId) {
        if (customerId == null || customers.isEmpty()) {
            return null;
        }
        String own = SuppressionDigest.customer(source, customerId);
        if (customers.contains(own)) {
            return own;
        }
        String every = SuppressionDigest.customer(null, customerId);
        return customers.contains(every) ? every : null;
    }

    public boolean conversation(String source, String conversationId) {
        return conversationId != null && !conversations.isEmpty()
                && conversations.contains(SuppressionDigest.conversation(source, conversationId));
    }

    /** This run's view for one source: what to drop from its pages, and the counts. */
    public SuppressionFilter forSource(String source) {
        return new SuppressionFilter(this, source);
    }
}
