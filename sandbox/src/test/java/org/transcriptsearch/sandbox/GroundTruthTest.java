package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroundTruthTest {
    private VendorSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(16).conversationsPerVendor(0).build());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void theVendorsSamplesAreCountedAsServed() {
        GroundTruth truth = sandbox.groundTruth();
        assertEquals(1, truth.conversationCount(Vendor.CXONE));
        assertEquals(8, truth.messageCount(Vendor.CXONE));
        assertEquals(4, truth.userMessageCount(Vendor.CXONE));
        assertEquals(3, truth.fallbackCount("cxone"));
        assertEquals(7, truth.messageIds(Vendor.CXONE).size(), "the first bot event has no msgid");

        assertEquals(1, truth.conversationCount(Vendor.KORE), "one sample has no session");
        assertEquals(2, truth.messageCount(Vendor.KORE));
        assertEquals(List.of("5cadbefc6a81a71559f6bece"), truth.conversationIds(Vendor.KORE));

        assertEquals(1, truth.conversationCount(Vendor.AGENTX));
        assertEquals(3, truth.messageCount(Vendor.AGENTX));
        assertEquals(3, truth.messagesInConversation(Vendor.AGENTX, "7eee0bbc78414f649a311c7ce4a87ead").size());
        assertEquals(0, truth.messagesInConversation(Vendor.AGENTX, "5c80416892d94e40a64cea7dc6406e25").size());
    }

    @Test
    void additionsAndGrowthCountAndSamplesDoNotGrow() {
        GroundTruth truth = sandbox.groundTruth();
        long messages = truth.messageCount(Vendor.AGENTX);
        List<String> added = sandbox.addConversations("agentx", 3);
        assertEquals(3, added.size());
        long addedMessages = added.stream().mapToLong(id -> truth.messageCount(Vendor.AGENTX, id)).sum();
        assertEquals(messages + addedMessages, truth.messageCount(Vendor.AGENTX));
        List<String> ids = truth.conversationIds(Vendor.AGENTX);
        assertEquals(Set.copyOf(added), Set.copyOf(ids.subList(ids.size() - 3, ids.size())),
                "listed by start: the added ones are newest");
        sandbox.growConversation(Vendor.AGENTX, added.get(0), 4);
        assertEquals(messages + addedMessages + 4, truth.messageCount(Vendor.AGENTX));
        List<ExpectedMessage> grown = truth.messagesInConversation(Vendor.AGENTX, added.get(0));
        assertTrue(grown.get(grown.size() - 1).at().isAfter(grown.get(grown.size() - 5).at()));
        assertThrows(IllegalArgumentException.class, () -> sandbox.growConversation(Vendor.CXONE,
                "chat;wOT4JjXiVYwsgqUaOX3VHpCQd3OzYpXZqJfCK7yzIQzTofYJh4BvD6RuB4De;df3323db2a5ca2b95767dba4fdafbeb1e31ed899", 2));
        assertThrows(IllegalArgumentException.class, () -> sandbox.growConversation(Vendor.KORE, "no-such-session", 2));
        assertThrows(IllegalArgumentException.class, () -> sandbox.growConversation(Vendor.AGENTX, added.get(1), 0));
    }

    @Test
    void expectedMessagesCarryIntentsOnlyForCxone() {
        sandbox.addConversations(Vendor.CXONE, 2);
        sandbox.addConversations(Vendor.KORE, 2);
        GroundTruth truth = sandbox.groundTruth();
        String cxone = truth.conversationIds(Vendor.CXONE).get(1);
        truth.messagesInConversation(Vendor.CXONE, cxone).forEach(m -> assertEquals(m.fromUser(), m.intent().isPresent()));
        String kore = truth.conversationIds(Vendor.KORE).get(1);
        truth.messagesInConversation(Vendor.KORE, kore).forEach(m -> assertTrue(m.intent().isEmpty()));
        assertEquals(truth.messageCount(Vendor.KORE), truth.messages(Vendor.KORE).count());
    }
}
