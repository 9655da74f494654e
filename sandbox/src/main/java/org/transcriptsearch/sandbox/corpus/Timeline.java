package org.transcriptsearch.sandbox.corpus;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An immutable index of one vendor's data at one version: listed conversations ordered by
 * {@code (start, ref)} and messages ordered by {@code (time, ref, turn)}, each packed into one sorted
 * {@code long[]} so a million messages cost 14 bytes each and a time window is two binary searches.
 * Refs: generated conversations are their ordinal (>= 0), golden ones are {@code -(index + 1)}.
 * Ties are broken by ref and turn, which never change order between versions, so a keyset position
 * taken in one version means the same in the next.
 */
public final class Timeline {
    private final long version;
    private final long base;
    private final int entryBits;
    private final int goldenCount;
    private final long[] messageKeys;
    private final int[] entryRef;
    private final short[] entryTurn;
    private final int[] firstEntryOfOrdinal;
    private final int[] firstEntryOfGolden;
    private final long[] conversationKeys;
    private final long[] conversationLast;
    private final long userMessages;
    private final long fallbackMessages;

    private Timeline(long version, long base, int entryBits, int goldenCount, long[] messageKeys, int[] entryRef,
                     short[] entryTurn, int[] firstEntryOfOrdinal, int[] firstEntryOfGolden, long[] conversationKeys,
                     long[] conversationLast, long userMessages, long fallbackMessages) {
        this.version = version;
        this.base = base;
        this.entryBits = entryBits;
        this.goldenCount = goldenCount;
        this.messageKeys = messageKeys;
        this.entryRef = entryRef;
        this.entryTurn = entryTurn;
        this.firstEntryOfOrdinal = firstEntryOfOrdinal;
        this.firstEntryOfGolden = firstEntryOfGolden;
        this.conversationKeys = conversationKeys;
        this.conversationLast = conversationLast;
        this.userMessages = userMessages;
        this.fallbackMessages = fallbackMessages;
    }

    static Timeline build(long version, int generated, IntFunction<Shape> shapes, List<GoldenConversation> golden) {
        int g = golden.size();
        long[] starts = new long[generated];
        long[] lasts = new long[generated];
        int[] firstEntryOfOrdinal = new int[generated];
        int[] firstEntryOfGolden = new int[g];
        long[] times = new long[Math.max(16, generated * 10)];
        int[] refs = new int[times.length];
        short[] turns = new short[times.length];
        int entries = 0;
        long users = 0;
        long fallbacks = 0;
        // Golden refs first, ascending (-g .. -1), then ordinals: entry order is (ref, turn) order.
        for (int index = g - 1; index >= 0; index--) {
            GoldenConversation conversation = golden.get(index);
            firstEntryOfGolden[index] = entries;
            for (int turn = 0; turn < conversation.messages().size(); turn++) {
                GoldenMessage message = conversation.messages().get(turn);
                if (entries == times.length) {
                    times = Arrays.copyOf(times, entries * 2);
                    refs = Arrays.copyOf(refs, entries * 2);
                    turns = Arrays.copyOf(turns, entries * 2);
                }
                times[entries] = message.atMs();
                refs[entries] = -(index + 1);
                turns[entries] = (short) turn;
                entries++;
                users += message.fromUser() ? 1 : 0;
                fallbacks += message.fallback() ? 1 : 0;
            }
        }
        for (int ordinal = 0; ordinal < generated; ordinal++) {
            Shape shape = shapes.apply(ordinal);
            starts[ordinal] = shape.startMs();
            lasts[ordinal] = shape.lastMs();
            firstEntryOfOrdinal[ordinal] = entries;
            if (entries + shape.size() > times.length) {
                int size = Math.max(times.length * 2, entries + shape.size());
                times = Arrays.copyOf(times, size);
                refs = Arrays.copyOf(refs, size);
                turns = Arrays.copyOf(turns, size);
            }
            for (int turn = 0; turn < shape.size(); turn++) {
                times[entries] = shape.atMs(turn);
                refs[entries] = ordinal;
                turns[entries] = (short) turn;
                entries++;
            }
            users += shape.userTurns();
            fallbacks += shape.fallbackTurns();
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < entries; i++) {
            min = Math.min(min, times[i]);
            max = Math.max(max, times[i]);
        }
        for (GoldenConversation conversation : golden) {
            min = Math.min(min, conversation.startMs());
            max = Math.max(max, conversation.lastMs());
        }
        if (min == Long.MAX_VALUE) {
            min = 0;
            max = 0;
        }
        long base = min;
        int timeBits = Math.max(1, 64 - Long.numberOfLeadingZeros(max - base));
        int entryBits = 63 - timeBits;
        long conversationSlots = (long) generated + g;
        if (entries >= (1L << entryBits) || conversationSlots >= (1L << entryBits)) {
            throw new IllegalStateException("too many messages (" + entries + ") over too long a time span ("
                    + (max - base) + " ms) to index; use fewer conversations or fewer spanDays");
        }
        long[] messageKeys = new long[entries];
        for (int i = 0; i < entries; i++) {
            messageKeys[i] = ((times[i] - base) << entryBits) | i;
        }
        Arrays.parallelSort(messageKeys);

        int listed = generated;
        for (GoldenConversation conversation : golden) {
            listed += conversation.listed() ? 1 : 0;
        }
        long[] conversationKeys = new long[listed];
        int c = 0;
        for (int index = 0; index < g; index++) {
            if (golden.get(index).listed()) {
                conversationKeys[c++] = ((golden.get(index).startMs() - base) << entryBits) | slot(-(index + 1), g);
            }
        }
        for (int ordinal = 0; ordinal < generated; ordinal++) {
            conversationKeys[c++] = ((starts[ordinal] - base) << entryBits) | slot(ordinal, g);
        }
        Arrays.sort(conversationKeys);
        long[] conversationLast = new long[listed];
        long mask = (1L << entryBits) - 1;
        for (int i = 0; i < listed; i++) {
            int ref = (int) (conversationKeys[i] & mask) - g;
            conversationLast[i] = ref >= 0 ? lasts[ref] : golden.get(-ref - 1).lastMs();
        }
        return new Timeline(version, base, entryBits, g, messageKeys, Arrays.copyOf(refs, entries),
                Arrays.copyOf(turns, entries), firstEntryOfOrdinal, firstEntryOfGolden, conversationKeys,
                conversationLast, users, fallbacks);
    }

    private static long slot(int ref, int goldenCount) {
        return (long) ref + goldenCount;
    }

    public long version() {
        return version;
    }

    // ---- conversations (listed ones), ordered by (start, ref)

    public int conversationCount() {
        return conversationKeys.length;
    }

    public int conversationRef(int position) {
        return (int) (conversationKeys[position] & mask()) - goldenCount;
    }

    public long conversationStart(int position) {
        return (conversationKeys[position] >>> entryBits) + base;
    }

    public long conversationLast(int position) {
        return conversationLast[position];
    }

    /** The first position whose (start, ref) comes after the given one: where a keyset page resumes. */
    public int conversationPositionAfter(long startMs, int ref) {
        if (startMs < base) {
            return 0;
        }
        long key = ((startMs - base) << entryBits) | slot(ref, goldenCount);
        int found = Arrays.binarySearch(conversationKeys, key);
        return found >= 0 ? found + 1 : -found - 1;
    }

    // ---- messages, ordered by (time, ref, turn)

    public int messageCount() {
        return messageKeys.length;
    }

    public long userMessageCount() {
        return userMessages;
    }

    public long fallbackMessageCount() {
        return fallbackMessages;
    }

    public long messageTime(int position) {
        return (messageKeys[position] >>> entryBits) + base;
    }

    public int messageRef(int position) {
        return entryRef[entry(position)];
    }

    public int messageTurn(int position) {
        return entryTurn[entry(position)];
    }

    /** The first position whose time is at or after {@code ms}. */
    public int firstMessageAtOrAfter(long ms) {
        if (ms <= base) {
            return 0;
        }
        long rel = ms - base;
        if (rel >= (1L << (63 - entryBits))) {
            return messageKeys.length;
        }
        int found = Arrays.binarySearch(messageKeys, rel << entryBits);
        return found >= 0 ? found : -found - 1;
    }

    /** The first position after the message {@code (ref, turn)} sent at {@code ms}: where a keyset page resumes. */
    public int messagePositionAfter(long ms, int ref, int turn) {
        int first = ref >= 0 ? firstEntryOfOrdinal[ref] : firstEntryOfGolden[-ref - 1];
        long key = ((ms - base) << entryBits) | (first + turn);
        int found = Arrays.binarySearch(messageKeys, key);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** How many messages the conversation has in this version. */
    public int turnCount(int ref) {
        if (ref >= 0) {
            int end = ref + 1 < firstEntryOfOrdinal.length ? firstEntryOfOrdinal[ref + 1] : entryRef.length;
            return end - firstEntryOfOrdinal[ref];
        }
        int index = -ref - 1;
        int end = index == 0 ? (firstEntryOfOrdinal.length > 0 ? firstEntryOfOrdinal[0] : entryRef.length)
                : firstEntryOfGolden[index - 1];
        return end - firstEntryOfGolden[index];
    }

    /** Whether {@code (ref, turn)} exists in this version (a cursor from a client may name anything). */
    public boolean hasMessage(int ref, int turn) {
        boolean known = ref >= 0 ? ref < firstEntryOfOrdinal.length : -ref - 1 < firstEntryOfGolden.length;
        return known && turn >= 0 && turn < turnCount(ref);
    }

    private int entry(int position) {
        return (int) (messageKeys[position] & mask());
    }

    private long mask() {
        return (1L << entryBits) - 1;
    }
}
