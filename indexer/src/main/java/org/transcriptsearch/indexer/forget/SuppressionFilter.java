package org.transcriptsearch.indexer.forget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.indexer.source.ConversationFacts;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourcePage;

/**
 * One run's check of one source's pages against the {@link Suppressions}: what a forget covers is counted,
 * never stored. A conversation is dropped whole when it is forgotten, or when the page names a forgotten
 * customer on its facts or on any of its messages (vendors put the customer on the conversation, or on the
 * user's messages only, never on the bot's). A conversation learned that way stays dropped for the rest of
 * the run, and {@link #learned()} lists it, so the run can erase what it stored of it before it knew and the
 * suppression can keep it out of later runs. A set-aside record is dropped when its conversation is, or when
 * any string in the vendor record is a forgotten customer's id.
 */
public final class SuppressionFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a run did not store because a suppression covers it. */
    public record Counts(long messages, long conversations, int setAside) {
        public static final Counts NONE = new Counts(0, 0, 0);

        public boolean any() {
            return messages > 0 || conversations > 0 || setAside > 0;
        }
    }

    private final Suppressions suppressions;
    private final String source;
    /** Conversation id → digest of the customer suppression that covers it, learned from this run's pages. */
    private final Map<String, String> learned = new LinkedHashMap<>();
    private final Set<String> dropped = new HashSet<>();
    private long messages;
    private int setAside;

    SuppressionFilter(Suppressions suppressions, String source) {
        this.suppressions = suppressions;
        this.source = source;
    }

    /** The page without anything a suppression covers (the same page when nothing is). */
    public SourcePage filter(SourcePage page) {
        if (suppressions.isEmpty()) {
            return page;
        }
        Set<String> drop = new LinkedHashSet<>();
        Set<String> checked = new HashSet<>(); // conversation + customer pairs already seen on this page: one digest each
        for (ConversationFacts f : page.conversations()) {
            check(f.conversationId(), f.customer() == null ? null : f.customer().id(), drop, checked);
        }
        for (MessageDocument m : page.messages()) {
            check(m.conversation().id(), m.customer() == null ? null : m.customer().id(), drop, checked);
        }
        for (SetAside s : page.setAside()) {
            check(s.conversationId(), null, drop, checked);
        }
        List<SetAside> keptSetAside = new ArrayList<>(page.setAside().size());
        for (SetAside s : page.setAside()) {
            if ((s.conversationId() != null && drop.contains(s.conversationId())) || namesForgottenCustomer(s.record())) {
                setAside++;
            } else {
                keptSetAside.add(s);
            }
        }
        if (drop.isEmpty() && keptSetAside.size() == page.setAside().size()) {
            return page;
        }
        dropped.addAll(drop);
        List<MessageDocument> keptMessages = new ArrayList<>(page.messages().size());
        for (MessageDocument m : page.messages()) {
            if (drop.contains(m.conversation().id())) {
                messages++;
            } else {
                keptMessages.add(m);
            }
        }
        List<ConversationFacts> keptFacts = page.conversations().stream().filter(f -> !drop.contains(f.conversationId())).toList();
        return new SourcePage(page.stream(), page.location(), keptMessages, keptFacts, keptSetAside, page.checkpoint(),
                page.expectedTotal(), page.totalUnit());
    }

    private void check(String conversationId, String customerId, Set<String> drop, Set<String> checked) {
        if (conversationId == null || drop.contains(conversationId) || !checked.add(conversationId + '\0' + customerId)) {
            return;
        }
        if (learned.containsKey(conversationId) || suppressions.conversation(source, conversationId)) {
            drop.add(conversationId);
            return;
        }
        String customer = suppressions.customer(source, customerId);
        if (customer != null) {
            learned.put(conversationId, customer);
            drop.add(conversationId);
        }
    }

    /** Whether a string anywhere in the vendor record is the id of a customer forgotten in this source. */
    private boolean namesForgottenCustomer(String record) {
        if (record == null || !suppressions.hasCustomers()) {
            return false;
        }
        try {
            return namesForgottenCustomer(JSON.readTree(record));
        } catch (JsonProcessingException e) {
            return suppressions.customer(source, record.strip()) != null;
        }
    }

    private boolean namesForgottenCustomer(JsonNode n) {
        if (n.isTextual()) {
            return suppressions.customer(source, n.asText()) != null;
        }
        for (JsonNode child : n) {
            if (namesForgottenCustomer(child)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the conversation is forgotten (or was learned to be, this run). */
    public boolean suppresses(String conversationId) {
        return learned.containsKey(conversationId) || suppressions.conversation(source, conversationId);
    }

    /**
     * Conversations this run found to belong to a forgotten customer (conversation id → the customer
     * suppression's digest): anything of theirs the run stored before it knew is to be erased.
     */
    public Map<String, String> learned() {
        return Map.copyOf(learned);
    }

    public String source() {
        return source;
    }

    public Counts counts() {
        return new Counts(messages, dropped.size(), setAside);
    }
}
