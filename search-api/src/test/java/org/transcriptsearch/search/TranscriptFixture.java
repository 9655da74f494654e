package org.transcriptsearch.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.transcriptsearch.document.ConversationDocument;
import org.transcriptsearch.document.HarvestStamp;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * Transcripts in four languages over the three vendors, built as the indexer's own document records
 * (so their shape is the mapping's) and written with a plain {@code _bulk}. Tests compute what they
 * expect from {@link #messages} with streams, independently of Elasticsearch.
 */
final class TranscriptFixture {
    /** A CXone-style id: ';' must survive the URL. */
    static final String CXONE_CONVERSATION = "contact;4711;case 9";
    static final Instant DAY = Instant.parse("2025-03-10T09:00:00Z");

    final List<MessageDocument> messages = new ArrayList<>();
    final List<ConversationDocument> conversations = new ArrayList<>();

    TranscriptFixture() {
        conversation("kore", "kore-banking", Named.of("st-1", "Banking Bot"), "web", "k-en-1", 0, List.of(
                user("I want to reset my password", "en", "reset_password", 0.92f, false),
                bot("Sure, I can help you reset your password.", "en"),
                user("my card was stolen yesterday", "en", "report_card", 0.41f, false),
                bot("I have blocked your card.", "en")));
        conversation("kore", "kore-banking", Named.of("st-1", "Banking Bot"), "web", "k-ko-1", 1, List.of(
                user("비밀번호를 재설정하고 싶어요", "ko", "reset_password", 0.88f, false),
                bot("비밀번호 재설정을 도와드릴게요", "ko"),
                user("음", "ko", "nlu_fallback", 0.12f, true)));
        conversation("cxone", "cxone-support", Named.of(null, "Support Bot"), "chat", CXONE_CONVERSATION, 2, List.of(
                user("パスワードをリセットしたい", "ja", "reset_password", 0.35f, false),
                bot("パスワードのリセット方法をご案内します", "ja"),
                user("ありがとう", "ja", "nlu_fallback", 0.10f, true)));
        conversation("agentx", "agentx-store", Named.of("r3-218210", "Store Bot"), "whatsapp", "ax-zh-1", 3, List.of(
                user("我想重置密码", "zh", "reset_password", 0.77f, false),
                bot("好的，我来帮您重置密码", "zh"),
                user("退货政策是什么", "zh", "return_policy", 0.65f, false),
                user("嗯嗯", "zh", "fallback", 0.2f, true)));
        conversation("agentx", "agentx-store", Named.of("r3-218210", "Store Bot"), null, "ax-en-2", 4, List.of(
                user("Where is my refund?", "en", "refund_status", 0.95f, false),
                agent("Your refund & return <ok> is on its way", "en"),
                user("thanks", "en", null, null, null)));
        // Many messages at identical times: paging must still serve each exactly once.
        List<Turn> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(i % 2 == 0 ? user("balance inquiry number " + i, "en", "check_balance", 0.3f + i / 50f, false)
                    : bot("your balance is " + i + " dollars", "en"));
        }
        conversation("kore", "kore-banking", Named.of("st-1", "Banking Bot"), "ivr", "k-en-many", 5, many);
    }

    /** @param pii the kinds of personal data redaction replaced in it (null: none) */
    record Turn(String role, String text, String language, String intent, Float confidence, Boolean fallback,
                List<String> pii) {
        /** This turn as redaction stores it: placeholders in its text, and the kinds they stand for. */
        Turn redacted(String... kinds) {
            return new Turn(role, text, language, intent, confidence, fallback, List.of(kinds));
        }
    }

    static Turn user(String text, String lang, String intent, Float confidence, Boolean fallback) {
        return new Turn("user", text, lang, intent, confidence, fallback, null);
    }

    static Turn bot(String text, String lang) {
        return new Turn("bot", text, lang, null, null, null, null);
    }

    static Turn agent(String text, String lang) {
        return new Turn("agent", text, lang, null, null, null, null);
    }

    static final String REDACTED_CONVERSATION = "ax-pii-1";
    /** A customer typing what looks like markup right around a placeholder: the page must show it as text. */
    static final String HOSTILE = "<img src=x onerror=\"document.body.dataset.pwned=1\">[CARD]</b>&amp;";

    /**
     * Adds a conversation as harvested with redaction on: placeholders in the text and options, and pii on
     * the messages that held personal data; a customer who typed "[OK]" and "[CARD]" in a message that held
     * none (not placeholders), and one whose card was only talked about.
     */
    TranscriptFixture withRedactions() {
        conversation("agentx", "agentx-store", Named.of("r3-218210", "Store Bot"), "web", REDACTED_CONVERSATION, 6, List.of(
                user("my card [CARD] was charged twice, write to [EMAIL]", "en", "report_card", 0.9f, false)
                        .redacted("card", "email"),
                bot("I will write to [EMAIL] today", "en").redacted("email"),
                user(HOSTILE + " is my card", "en", "report_card", 0.8f, false).redacted("card"),
                user("I typed [OK] and [CARD] myself", "en", null, null, null),
                user("my card was declined", "en", "report_card", 0.7f, false),
                user("member number [MEMBER_ID] please", "en", null, null, null).redacted("member_id"),
                user("전화번호는 [PHONE] 입니다", "ko", null, null, null).redacted("phone")));
        return this;
    }

    void conversation(String vendor, String source, Named bot, String channel, String id, int day,
                              List<Turn> turns) {
        Instant start = DAY.plusSeconds(86_400L * day);
        List<MessageDocument> docs = new ArrayList<>();
        for (int seq = 0; seq < turns.size(); seq++) {
            Turn t = turns.get(seq);
            // The first two share a timestamp, and the long conversation runs in blocks of five identical
            // times: order must come from message.seq, paging from the tie-breaker.
            long offset = id.equals("k-en-many") ? (seq / 5) * 60L : Math.max(0, seq - 1) * 30L;
            MessageDocument.Intent intent = t.intent() == null ? null
                    : new MessageDocument.Intent(t.intent(), t.confidence(), t.fallback(), null);
            docs.add(new MessageDocument(start.plusSeconds(offset), vendor, source, bot,
                    new MessageDocument.ConversationRef(id), new MessageDocument.MessageRef("m" + seq, seq, "text"),
                    t.role(), t.text(), t.language(), intent, null, Named.of(null, channel), null, null,
                    t.role().equals("bot") ? (t.pii() != null ? List.of("Yes, [EMAIL]", "No") : List.of("Yes", "No")) : null,
                    "text/plain", t.pii(), null, null));
        }
        messages.addAll(docs);
        Instant end = docs.get(docs.size() - 1).timestamp();
        List<Float> scores = docs.stream().filter(m -> m.intent() != null && m.intent().confidence() != null)
                .map(m -> m.intent().confidence()).toList();
        ConversationDocument.Confidence confidence = scores.isEmpty() ? null : new ConversationDocument.Confidence(
                scores.stream().min(Float::compare).orElseThrow(),
                (float) scores.stream().mapToDouble(Float::doubleValue).average().orElseThrow());
        conversations.add(new ConversationDocument(start, vendor, source, bot,
                new ConversationDocument.Conversation(id, 100L + day, start, end, end.toEpochMilli() - start.toEpochMilli(), end),
                new ConversationDocument.Counts(docs.size(), (int) docs.stream().filter(m -> m.role().equals("user")).count(),
                        (int) docs.stream().filter(m -> m.role().equals("bot")).count(),
                        (int) docs.stream().filter(m -> m.role().equals("agent")).count(), 0),
                docs.stream().map(MessageDocument::text).toList(),
                docs.stream().filter(m -> m.intent() != null).map(m -> m.intent().name()).distinct().toList(),
                new ConversationDocument.Fallback((int) docs.stream().filter(m -> m.intent() != null
                        && Boolean.TRUE.equals(m.intent().fallback())).count()),
                confidence, turns.get(0).language(), List.of(turns.get(0).language()),
                docs.stream().filter(m -> m.pii() != null).flatMap(m -> m.pii().stream()).distinct().sorted().toList(), turns.get(0).language() + "-XX",
                channel == null ? null : Named.of("channel-" + channel, channel),
                MessageDocument.CustomerRef.of("customer-" + day), List.of("fixture"),
                List.of("start", "menu"), day % 2 == 0, false, Map.of("queue", "queue-" + day),
                new HarvestStamp("run-1", DAY), null));
    }

    /** Writes everything through {@code _bulk}, messages in reverse order (order must not come from indexing). */
    void index(TestElasticsearch es, IndexNames names) {
        ObjectMapper json = es.connection().json();
        StringBuilder bulk = new StringBuilder();
        try {
            List<MessageDocument> reversed = new ArrayList<>(messages);
            java.util.Collections.reverse(reversed);
            for (MessageDocument m : reversed) {
                bulk.append("{\"index\":{\"_index\":\"").append(names.messages()).append("\",\"_id\":\"")
                        .append(m.id()).append("\"}}\n").append(json.writeValueAsString(m)).append('\n');
            }
            for (ConversationDocument c : conversations) {
                bulk.append("{\"index\":{\"_index\":\"").append(names.conversations()).append("\",\"_id\":\"")
                        .append(c.id()).append("\"}}\n").append(json.writeValueAsString(c)).append('\n');
            }
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
        String answer = es.request("POST", "/_bulk?refresh=true", bulk.toString());
        if (answer.contains("\"errors\":true")) {
            throw new AssertionError("bulk failed: " + answer);
        }
    }

    /** Keeps only these sources' messages and conversations: what a key scoped to them may read. */
    TranscriptFixture retainSources(java.util.Set<String> sources) {
        messages.removeIf(m -> !sources.contains(m.source()));
        conversations.removeIf(c -> !sources.contains(c.source()));
        return this;
    }

        long count(Predicate<MessageDocument> p) {
        return messages.stream().filter(p).count();
    }

    Map<String, Long> countBy(java.util.function.Function<MessageDocument, String> key, Predicate<MessageDocument> p) {
        return messages.stream().filter(p).filter(m -> key.apply(m) != null)
                .collect(Collectors.groupingBy(key, Collectors.counting()));
    }

    List<MessageDocument> conversation(String source, String id) {
        return messages.stream().filter(m -> m.source().equals(source) && m.conversation().id().equals(id))
                .sorted(Comparator.comparing(m -> m.message().seq())).toList();
    }
}
