package org.transcriptsearch.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.transcriptsearch.sandbox.corpus.Corpus;
import org.transcriptsearch.sandbox.corpus.Dialogue;
import org.transcriptsearch.sandbox.corpus.GoldenConversation;
import org.transcriptsearch.sandbox.corpus.GoldenMessage;
import org.transcriptsearch.sandbox.corpus.Option;
import org.transcriptsearch.sandbox.corpus.PersonalData;
import org.transcriptsearch.sandbox.corpus.Timeline;
import org.transcriptsearch.sandbox.corpus.Turn;
import org.transcriptsearch.sandbox.corpus.Understanding;

/**
 * What a perfect harvester of this sandbox ends up with, per vendor, live: it includes growth and
 * conversations added after start. Counts come from the sandbox's index and cost nothing; id sets and
 * message lists are generated on demand (a million ids take a second or two).
 * <ul>
 *   <li>Conversations: what the vendor lists (CXone and AgentX records, Kore sessions), generated ones
 *       plus the vendor's golden samples that are listed.</li>
 *   <li>Messages: one per document the indexer writes: CXone {@code user} + {@code bot} tracker events,
 *       Kore messages, AgentX messages, golden ones included (CXone 8, Kore 2, AgentX 3).</li>
 * </ul>
 */
public final class GroundTruth {
    private final Map<Vendor, Corpus> corpora;

    GroundTruth(Map<Vendor, Corpus> corpora) {
        this.corpora = corpora;
    }

    public long conversationCount(Vendor vendor) {
        return corpus(vendor).timeline().conversationCount();
    }

    public long conversationCount(String vendor) {
        return conversationCount(Vendor.of(vendor));
    }

    public long messageCount(Vendor vendor) {
        return corpus(vendor).timeline().messageCount();
    }

    public long messageCount(String vendor) {
        return messageCount(Vendor.of(vendor));
    }

    /** Messages in one conversation now. */
    public int messageCount(Vendor vendor, String conversationId) {
        Corpus corpus = corpus(vendor);
        return corpus.timeline().turnCount(ref(corpus, conversationId));
    }

    public long userMessageCount(Vendor vendor) {
        return corpus(vendor).timeline().userMessageCount();
    }

    public long userMessageCount(String vendor) {
        return userMessageCount(Vendor.of(vendor));
    }

    /** CXone user messages whose intent is nlu_fallback; 0 for the vendors that give no intent. */
    public long fallbackCount(Vendor vendor) {
        Corpus corpus = corpus(vendor);
        return vendor == Vendor.CXONE ? corpus.timeline().fallbackMessageCount() : 0;
    }

    public long fallbackCount(String vendor) {
        return fallbackCount(Vendor.of(vendor));
    }

    /**
     * Listed conversations in the order the vendor lists them: by start time, oldest first (CXone's export
     * order and AgentX's). Conversations added after start come last; the golden samples lie mid-span.
     */
    public List<String> conversationIds(Vendor vendor) {
        Corpus corpus = corpus(vendor);
        Timeline timeline = corpus.timeline();
        List<String> ids = new ArrayList<>(timeline.conversationCount());
        for (int position = 0; position < timeline.conversationCount(); position++) {
            corpus.conversationId(timeline.conversationRef(position)).ifPresent(ids::add);
        }
        return List.copyOf(ids);
    }

    public List<String> conversationIds(String vendor) {
        return conversationIds(Vendor.of(vendor));
    }

    /**
     * Every vendor message id a harvester will see. CXone bot events without {@code data.custom.msgid} have
     * no id, so for CXone this set is smaller than {@link #messageCount}.
     */
    public Set<String> messageIds(Vendor vendor) {
        Corpus corpus = corpus(vendor);
        Set<String> ids = new HashSet<>();
        for (int ordinal = 0; ordinal < corpus.generatedCount(); ordinal++) {
            var shape = corpus.shape(ordinal);
            for (int turn = 0; turn < shape.size(); turn++) {
                corpus.ids().messageId(ordinal, turn, shape.move(turn)).ifPresent(ids::add);
            }
        }
        corpus.golden().forEach(g -> g.messages().forEach(m -> m.messageId().ifPresent(ids::add)));
        return ids;
    }

    public Set<String> messageIds(String vendor) {
        return messageIds(Vendor.of(vendor));
    }

    /** One conversation's messages in order, as served now. */
    public List<ExpectedMessage> messagesInConversation(Vendor vendor, String conversationId) {
        Corpus corpus = corpus(vendor);
        int ref = ref(corpus, conversationId);
        return Corpus.isGolden(ref) ? golden(vendor, corpus.golden(ref)) : generated(vendor, corpus, ref);
    }

    public List<ExpectedMessage> messagesInConversation(String vendor, String conversationId) {
        return messagesInConversation(Vendor.of(vendor), conversationId);
    }

    /** Every message of the vendor, generated lazily conversation by conversation. */
    public Stream<ExpectedMessage> messages(Vendor vendor) {
        Corpus corpus = corpus(vendor);
        Stream<ExpectedMessage> generated = IntStream.range(0, corpus.generatedCount())
                .boxed().flatMap(ordinal -> generated(vendor, corpus, ordinal).stream());
        Stream<ExpectedMessage> golden = corpus.golden().stream().flatMap(g -> golden(vendor, g).stream());
        return Stream.concat(generated, golden);
    }

    /** A value of personal data a customer typed, and the conversation it is in. */
    public record PlantedValue(String conversationId, String kind, String value) {
    }

    /** Every value of personal data the vendor's customers typed (see {@link PersonalData}). */
    public List<PlantedValue> personalData(Vendor vendor) {
        Corpus corpus = corpus(vendor);
        List<PlantedValue> out = new ArrayList<>();
        for (int ordinal = 0; ordinal < corpus.generatedCount(); ordinal++) {
            String conversationId = corpus.ids().conversationId(ordinal);
            for (PersonalData.Planted p : corpus.dialogue(ordinal).personal()) {
                out.add(new PlantedValue(conversationId, p.kind(), p.value()));
            }
        }
        return List.copyOf(out);
    }

    /** The conversation's language (generated conversations; empty for golden samples). */
    public Optional<String> language(Vendor vendor, String conversationId) {
        Corpus corpus = corpus(vendor);
        int ref = ref(corpus, conversationId);
        return Corpus.isGolden(ref) ? Optional.empty() : Optional.of(corpus.dialogue(ref).language().code());
    }

    private static List<ExpectedMessage> generated(Vendor vendor, Corpus corpus, int ordinal) {
        Dialogue dialogue = corpus.dialogue(ordinal);
        String conversationId = corpus.ids().conversationId(ordinal);
        List<ExpectedMessage> out = new ArrayList<>(dialogue.turns().size());
        for (Turn turn : dialogue.turns()) {
            Optional<Understanding> understood = vendor == Vendor.CXONE ? turn.understanding() : Optional.empty();
            out.add(new ExpectedMessage(vendor, Optional.of(conversationId), turn.index(),
                    corpus.ids().messageId(ordinal, turn.index(), turn.move()), turn.fromUser() ? "user" : "bot",
                    servedTime(vendor, turn), turn.text(), understood.map(Understanding::intent),
                    understood.map(u -> OptionalDouble.of(u.confidence())).orElse(OptionalDouble.empty()),
                    understood.map(Understanding::fallback).orElse(false),
                    turn.options().stream().map(Option::title).toList(),
                    Optional.of(dialogue.language().code())));
        }
        return out;
    }

    /** As the vendor serves it: AgentX gives user messages in whole seconds (as in its sample). */
    private static Instant servedTime(Vendor vendor, Turn turn) {
        long ms = vendor == Vendor.AGENTX && turn.fromUser() ? Math.floorDiv(turn.atMs(), 1000L) * 1000 : turn.atMs();
        return Instant.ofEpochMilli(ms);
    }

    private static List<ExpectedMessage> golden(Vendor vendor, GoldenConversation conversation) {
        List<ExpectedMessage> out = new ArrayList<>();
        List<GoldenMessage> messages = conversation.messages();
        for (int seq = 0; seq < messages.size(); seq++) {
            GoldenMessage m = messages.get(seq);
            out.add(new ExpectedMessage(vendor, conversation.conversationId(), seq, m.messageId(),
                    m.fromUser() ? "user" : "bot", Instant.ofEpochMilli(m.atMs()), m.text(), m.intent(),
                    OptionalDouble.empty(), m.fallback(), List.of(), Optional.empty()));
        }
        return out;
    }

    private static int ref(Corpus corpus, String conversationId) {
        OptionalInt ref = corpus.refOf(conversationId);
        if (ref.isEmpty()) {
            throw new IllegalArgumentException(corpus.vendor().key() + " has no conversation " + conversationId);
        }
        return ref.getAsInt();
    }

    private Corpus corpus(Vendor vendor) {
        Corpus corpus = corpora.get(vendor);
        if (corpus == null) {
            throw new IllegalArgumentException(vendor.key() + " is not served by this sandbox");
        }
        return corpus;
    }
}
