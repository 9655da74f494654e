package org.transcriptsearch.sandbox.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.sandbox.SandboxClock;
import org.transcriptsearch.sandbox.Vendor;

class CorpusTest {
    private static final Instant ANCHOR = Instant.parse("2025-06-01T12:00:00Z");
    private static final Phrasebook BOOK = Phrasebook.load();
    private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");
    private static final Pattern KANA = Pattern.compile("[\\p{IsHiragana}\\p{IsKatakana}]");

    private static Corpus corpus(Vendor vendor, int conversations, long seed) {
        Layout layout = Layout.of(ANCHOR, 21, conversations);
        return new Corpus(vendor, seed, layout, new SandboxClock(ANCHOR), new TestIds(), List.of(), BOOK);
    }

    /** Plain ids, so this test stays about the corpus. */
    private static final class TestIds implements VendorIds {
        @Override
        public String conversationId(int ordinal) {
            return "c" + ordinal;
        }

        @Override
        public java.util.Optional<String> messageId(int ordinal, int turn, Move move) {
            return java.util.Optional.of(ordinal + "/" + turn);
        }
    }

    @Test
    void languagesAreMixedAboutEqually() {
        Corpus corpus = corpus(Vendor.KORE, 1200, 42);
        Map<Language, Integer> counts = new EnumMap<>(Language.class);
        for (int i = 0; i < 1200; i++) {
            counts.merge(corpus.dialogue(i).language(), 1, Integer::sum);
        }
        for (Language language : Language.values()) {
            int n = counts.getOrDefault(language, 0);
            assertTrue(n > 240 && n < 360, language + ": " + n);
        }
    }

    @Test
    void textsAreInTheConversationsLanguage() {
        Corpus corpus = corpus(Vendor.CXONE, 400, 42);
        for (int i = 0; i < 400; i++) {
            Dialogue d = corpus.dialogue(i);
            String all = String.join(" ", d.turns().stream().map(Turn::text).toList());
            switch (d.language()) {
                case KO -> assertTrue(HANGUL.matcher(all).find(), all);
                case JA -> assertTrue(KANA.matcher(all).find(), all);
                case ZH -> assertTrue(!HANGUL.matcher(all).find() && !KANA.matcher(all).find()
                        && all.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN), all);
                case EN -> assertTrue(all.chars().filter(Character::isLetter).allMatch(c -> c < 0x250), all);
            }
        }
    }

    @Test
    void aboutOneCustomerMessageInEightIsNotUnderstood() {
        Corpus corpus = corpus(Vendor.CXONE, 2000, 7);
        Timeline timeline = corpus.timeline();
        double share = (double) timeline.fallbackMessageCount() / timeline.userMessageCount();
        assertTrue(share > 0.08 && share < 0.16, "fallback share " + share);
        int sum = 0;
        for (int i = 0; i < 2000; i++) {
            sum += corpus.dialogue(i).turns().stream()
                    .filter(t -> t.understanding().map(Understanding::fallback).orElse(false)).count();
        }
        assertEquals(timeline.fallbackMessageCount(), sum);
    }

    @Test
    void messagesLieInTheSpanAndEndTenMinutesBeforeTheAnchor() {
        Corpus corpus = corpus(Vendor.AGENTX, 1500, 3);
        Timeline timeline = corpus.timeline();
        long from = ANCHOR.minus(Duration.ofDays(21)).toEpochMilli();
        long to = ANCHOR.minus(Duration.ofMinutes(10)).toEpochMilli();
        assertTrue(timeline.messageTime(0) >= from);
        assertTrue(timeline.messageTime(timeline.messageCount() - 1) <= to);
        assertTrue(timeline.messageTime(timeline.messageCount() - 1) > to - Duration.ofHours(2).toMillis(),
                "the newest messages are recent");
        for (int i = 1; i < timeline.messageCount(); i++) {
            assertTrue(timeline.messageTime(i - 1) <= timeline.messageTime(i));
        }
    }

    @Test
    void sameSeedSameWordsOtherSeedOtherWords() {
        assertEquals(corpus(Vendor.KORE, 50, 42).dialogue(17), corpus(Vendor.KORE, 50, 42).dialogue(17));
        assertNotEquals(corpus(Vendor.KORE, 50, 42).dialogue(17).turns(), corpus(Vendor.KORE, 50, 43).dialogue(17).turns());
    }

    @Test
    void growthAppendsLaterMessagesAndKeepsWhatWasSaid() {
        Corpus corpus = corpus(Vendor.CXONE, 50, 42);
        Dialogue before = corpus.dialogue(5);
        corpus.grow(5, 3);
        Dialogue after = corpus.dialogue(5);
        assertEquals(before.turns().size() + 3, after.turns().size());
        assertEquals(before.turns(), after.turns().subList(0, before.turns().size()));
        assertTrue(after.lastMs() > before.lastMs());
        assertTrue(after.lastMs() <= ANCHOR.toEpochMilli() + 5_000, "grown messages end at the sandbox's now");
        assertEquals(before.turns(), corpus.dialogue(5, before.turns().size()).turns(), "a snapshot is the old version");
        Timeline timeline = corpus.timeline();
        assertEquals(after.turns().size(), timeline.turnCount(5));
    }

    @Test
    void timelineWindowsMatchABruteForceCount() {
        Corpus corpus = corpus(Vendor.KORE, 800, 9);
        Timeline timeline = corpus.timeline();
        long from = ANCHOR.minus(Duration.ofDays(9)).toEpochMilli();
        long to = ANCHOR.minus(Duration.ofDays(3)).toEpochMilli();
        int brute = 0;
        for (int i = 0; i < 800; i++) {
            Shape shape = corpus.shape(i);
            for (int t = 0; t < shape.size(); t++) {
                brute += shape.atMs(t) >= from && shape.atMs(t) < to ? 1 : 0;
            }
        }
        assertEquals(brute, timeline.firstMessageAtOrAfter(to) - timeline.firstMessageAtOrAfter(from));
    }

    @Test
    void keysetPositionsSurviveARebuild() {
        Corpus corpus = corpus(Vendor.AGENTX, 300, 4);
        Timeline first = corpus.timeline();
        int position = first.messageCount() / 2;
        int ref = first.messageRef(position);
        int turn = first.messageTurn(position);
        long at = first.messageTime(position);
        corpus.add(3);
        Timeline second = corpus.timeline();
        int after = second.messagePositionAfter(at, ref, turn);
        assertEquals(ref, second.messageRef(after - 1));
        assertEquals(turn, second.messageTurn(after - 1));
    }
}
