package org.transcriptsearch.indexer.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.Named;

/** Counted statistics keep to what the terms aggregation would answer for the same stored messages. */
class MessageStatsTest {
    private static final Instant T0 = Instant.parse("2024-07-01T09:00:00Z");

    @Test
    void noMessagesNoStatistics() {
        assertNull(MessageStats.of(List.of()));
        assertNull(MessageStats.fromBucket(null));
    }

    @Test
    void termsAreOrderedByCountThenByUtf8BytesNotByUtf16() {
        // U+FF71 (ｱ) sorts before U+1F600 (😀) in UTF-8 bytes (EF.. < F0..), after it in UTF-16 (FF71 > D83D).
        List<MessageDocument> ms = List.of(
                user(0, "😀", 0.5f, false, null), user(1, "ｱ", 0.5f, false, null),
                user(2, "b", 0.5f, false, null), user(3, "b", 0.5f, false, null), user(4, "a", 0.5f, false, null));
        assertEquals(List.of("b", "a", "ｱ", "😀"), MessageStats.of(ms).intents());
    }

    @Test
    void termsAreCutAtTheAggregationSize() {
        List<MessageDocument> ms = new ArrayList<>();
        for (int i = 0; i < MessageStats.INTENTS + 5; i++) {
            ms.add(user(i, String.format("intent-%03d", i), 0.5f, false, null));
        }
        List<String> intents = MessageStats.of(ms).intents();
        assertEquals(MessageStats.INTENTS, intents.size());
        assertEquals("intent-000", intents.get(0));
        assertEquals(String.format("intent-%03d", MessageStats.INTENTS - 1), intents.get(intents.size() - 1));
    }

    @Test
    void countsFallbacksConfidenceTimesAndTagsAsStored() {
        List<MessageDocument> ms = List.of(
                user(0, "greet", 0.9f, false, List.of("vip", "vip", "new")),
                bot(1, T0.plusMillis(1500).plusNanos(999_999)),
                user(2, "nlu_fallback", 0.3f, true, List.of("new")),
                user(3, null, null, false, null));
        MessageStats s = MessageStats.of(ms);
        assertEquals(4, s.total());
        assertEquals(Map.of("user", 3, "bot", 1), s.roles());
        assertEquals(1, s.fallback());
        assertEquals(0.3f, s.confidenceMin());
        assertEquals((float) (((double) 0.9f + (double) 0.3f) / 2), s.confidenceAvg());
        assertEquals(List.of("new", "vip"), s.tags()); // a tag twice on one message counts once
        assertEquals(T0, s.first());
        assertEquals(T0.plusMillis(3000), s.last());
        assertEquals(T0.plusMillis(1500), MessageStats.of(List.of(ms.get(1))).last()); // milliseconds, as stored
    }

    @Test
    void theSampleIsTheMessageWithTheHighestSeq() {
        MessageDocument early = user(5, "a", 0.5f, false, null);
        MessageDocument late = withCustomer(user(9, "a", 0.5f, false, null), "late");
        MessageStats s = MessageStats.of(List.of(withCustomer(early, "early"), late));
        assertEquals("late", s.customer().id());
        assertEquals("late", MessageStats.of(List.of(late, withCustomer(early, "early"))).customer().id());
    }

    @Test
    void readsTheAggregationBucket() throws Exception {
        var bucket = new ObjectMapper().readTree("""
                {"key":"c1","doc_count":3,"first":{"value":1719824400000},"last":{"value":1719824460000},
                 "roles":{"buckets":[{"key":"user","doc_count":2},{"key":"bot","doc_count":1}]},
                 "intents":{"buckets":[{"key":"greet","doc_count":2}]},"langs":{"buckets":[{"key":"ko","doc_count":3}]},
                 "tags":{"buckets":[]},"fallback":{"doc_count":0},"conf_min":{"value":0.25},"conf_avg":{"value":0.5},
                 "sample":{"hits":{"hits":[{"_source":{"channel":{"name":"web"},"customer":{"id":"u1"}}}]}}}""");
        MessageStats s = MessageStats.fromBucket(bucket);
        assertEquals(3, s.total());
        assertEquals(T0, s.first());
        assertEquals(T0.plusSeconds(60), s.last());
        assertEquals(Map.of("user", 2, "bot", 1), s.roles());
        assertEquals(List.of("greet"), s.intents());
        assertEquals(List.of("ko"), s.languages());
        assertEquals(0.25f, s.confidenceMin());
        assertEquals(Named.of(null, "web"), s.channel());
        assertEquals("u1", s.customer().id());
        assertNull(s.bot());
    }

    private static MessageDocument user(int seq, String intent, Float confidence, boolean fallback, List<String> tags) {
        return new MessageDocument(T0.plusSeconds(seq), "cxone", "s", null, new MessageDocument.ConversationRef("c1"),
                new MessageDocument.MessageRef("m" + seq, seq, "user"), "user", "hello", "en",
                intent == null && confidence == null ? null : new MessageDocument.Intent(intent, confidence, fallback, null),
                null, null, null, tags, null, null, null, null, null);
    }

    private static MessageDocument bot(int seq, Instant at) {
        return new MessageDocument(at, "cxone", "s", null, new MessageDocument.ConversationRef("c1"),
                new MessageDocument.MessageRef("m" + seq, seq, "bot"), "bot", "hi", "en", null, null, null, null, null,
                null, null, null, null, null);
    }

    private static MessageDocument withCustomer(MessageDocument m, String id) {
        return new MessageDocument(m.timestamp(), m.vendor(), m.source(), m.bot(), m.conversation(), m.message(), m.role(),
                m.text(), m.language(), m.intent(), m.entities(), m.channel(), MessageDocument.CustomerRef.of(id), m.tags(),
                m.options(), m.contentType(), null, m.harvest(), m.raw());
    }
}
