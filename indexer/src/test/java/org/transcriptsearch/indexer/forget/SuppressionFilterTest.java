package org.transcriptsearch.indexer.forget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.MessageDocument.ConversationRef;
import org.transcriptsearch.document.MessageDocument.CustomerRef;
import org.transcriptsearch.document.MessageDocument.MessageRef;
import org.transcriptsearch.indexer.source.Checkpoint;
import org.transcriptsearch.indexer.source.ConversationFacts;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourcePage;

/** The page filter: what a forget covers is dropped from a harvested page and counted, the rest passes untouched. */
class SuppressionFilterTest {
    private static final String SOURCE = "cx";
    private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");

    private static MessageDocument message(String conversation, String id, String customer) {
        return new MessageDocument(AT, "cxone", SOURCE, null, new ConversationRef(conversation), new MessageRef(id, 0, "user"),
                customer == null ? MessageDocument.ROLE_BOT : MessageDocument.ROLE_USER, "text of " + id, null, null, null,
                null, CustomerRef.of(customer), null, null, null, null, null, null);
    }

    private static ConversationFacts facts(String conversation, String customer) {
        return new ConversationFacts(conversation, null, null, AT, null, null, null, CustomerRef.of(customer), null, null,
                null, null, null, null);
    }

    private static SourcePage page(List<MessageDocument> messages, List<ConversationFacts> facts, List<SetAside> setAside) {
        return SourcePage.of("conversations", "GET /page", messages, facts, setAside).withCheckpoint(Checkpoint.through(AT));
    }

    private static Suppression customer(String source, String id) {
        return Suppression.of(Suppression.CUSTOMER, source, SuppressionDigest.customer(source, id), AT);
    }

    private static Suppression conversation(String id) {
        return Suppression.of(Suppression.CONVERSATION, SOURCE, SuppressionDigest.conversation(SOURCE, id), AT);
    }

    private static List<String> ids(SourcePage p) {
        return p.messages().stream().map(m -> m.message().id()).toList();
    }

    @Test
    void noSuppressionsLeaveThePageAsItIs() {
        SourcePage p = page(List.of(message("c1", "m1", "alice")), List.of(facts("c1", "alice")), List.of());
        SuppressionFilter f = new Suppressions(List.of()).forSource(SOURCE);
        assertSame(p, f.filter(p));
        assertFalse(f.counts().any());
    }

    @Test
    void aCustomerOnTheConversationOnlyDropsEveryMessageOfIt() {
        // CXone-like: the customer is on the conversation's facts; the bot's messages do not name them
        SourcePage p = page(List.of(message("c1", "m1", null), message("c1", "m2", null), message("c2", "m3", null)),
                List.of(facts("c1", "alice"), facts("c2", "bob")), List.of());
        SuppressionFilter f = new Suppressions(List.of(customer(null, "alice"))).forSource(SOURCE);
        SourcePage out = f.filter(p);
        assertEquals(List.of("m3"), ids(out));
        assertEquals(List.of("c2"), out.conversations().stream().map(ConversationFacts::conversationId).toList());
        assertEquals(new SuppressionFilter.Counts(2, 1, 0), f.counts());
        assertEquals(p.checkpoint(), out.checkpoint(), "the checkpoint moves on: the page is done with");
    }

    @Test
    void aCustomerOnOneMessageDropsTheWholeConversationAndLaterPagesOfIt() {
        // Kore-like: the user's message names the customer, the bot's reply does not
        SuppressionFilter f = new Suppressions(List.of(customer(SOURCE, "u-7"))).forSource(SOURCE);
        SourcePage first = f.filter(page(List.of(message("s1", "m1", null), message("s1", "m2", "u-7"), message("s2", "m3", "u-8")),
                List.of(), List.of()));
        assertEquals(List.of("m3"), ids(first));
        SourcePage later = f.filter(page(List.of(message("s1", "m4", null), message("s2", "m5", null)), List.of(), List.of()));
        assertEquals(List.of("m5"), ids(later), "learned: the conversation stays dropped");
        assertEquals(Map.of("s1", SuppressionDigest.customer(SOURCE, "u-7")), f.learned());
        assertEquals(new SuppressionFilter.Counts(3, 1, 0), f.counts());
    }

    @Test
    void aCustomerForgottenInAnotherSourceIsStoredHere() {
        SuppressionFilter f = new Suppressions(List.of(customer("other", "alice"))).forSource(SOURCE);
        SourcePage p = page(List.of(message("c1", "m1", "alice")), List.of(facts("c1", "alice")), List.of());
        assertEquals(List.of("m1"), ids(f.filter(p)));
        assertFalse(f.counts().any());
    }

    @Test
    void aForgottenConversationIsDroppedWithItsSetAsideRecords() {
        SuppressionFilter f = new Suppressions(List.of(conversation("c1"))).forSource(SOURCE);
        SourcePage out = f.filter(page(List.of(message("c1", "m1", "alice"), message("c2", "m2", "alice")),
                List.of(facts("c1", "alice")),
                List.of(SetAside.of("GET /page data[3]", "no timestamp", "c1", null),
                        new SetAside("GET /page data[4]", "no id", "c2", "{\"x\":1}"))));
        assertEquals(List.of("m2"), ids(out), "the same customer's other conversation stays: only c1 was forgotten");
        assertEquals(List.of("c2"), out.setAside().stream().map(SetAside::conversationId).toList());
        assertEquals(new SuppressionFilter.Counts(1, 1, 1), f.counts());
        assertTrue(f.learned().isEmpty());
    }

    @Test
    void aSetAsideRecordNamingAForgottenCustomerAnywhereIsDropped() {
        SuppressionFilter f = new Suppressions(List.of(customer(null, "alice"))).forSource(SOURCE);
        SourcePage out = f.filter(page(List.of(), List.of(), List.of(
                new SetAside("GET /page data[0]", "conversationId is missing", null, "{\"customer\":{\"id\":\"alice\"},\"n\":[1]}"),
                new SetAside("GET /page data[1]", "conversationId is missing", null, "{\"customer\":{\"id\":\"alice-2\"}}"))));
        assertEquals(1, out.setAside().size());
        assertTrue(out.setAside().get(0).record().contains("alice-2"));
        assertEquals(new SuppressionFilter.Counts(0, 0, 1), f.counts());
    }

    @Test
    void aCustomersErasedConversationsStayOutWhereTheCustomerIsNotNamed() {
        Suppression s = customer(null, "alice").with(List.of(SuppressionDigest.conversation(SOURCE, "c9")),
                new Suppression.Erased(3, 1, 0), AT);
        SuppressionFilter f = new Suppressions(List.of(s)).forSource(SOURCE);
        SourcePage out = f.filter(page(List.of(message("c9", "late-bot-reply", null), message("c10", "m", null)), List.of(), List.of()));
        assertEquals(List.of("m"), ids(out));
        assertTrue(f.suppresses("c9"));
        assertFalse(f.suppresses("c10"));
    }
}
