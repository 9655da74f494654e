package org.transcriptsearch.indexer.harvest;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * The conversations a run has written so far, as a Bloom filter of fixed size (4 MiB, whatever the run's
 * size). On a source with nothing stored when the run began, only a conversation this may contain can
 * have a stored document, so only those are looked up: a false positive costs one lookup, never a wrong
 * answer. At a million conversations about one in 1,700 answers "maybe" wrongly.
 */
final class WrittenConversations {
    private static final int BITS = 1 << 25;
    private static final int HASHES = 3;

    private final BitSet bits = new BitSet(BITS);

    void add(String conversationId) {
        long h = hash(conversationId);
        for (int i = 0; i < HASHES; i++) {
            bits.set(index(h, i));
        }
    }

    boolean mayContain(String conversationId) {
        long h = hash(conversationId);
        for (int i = 0; i < HASHES; i++) {
            if (!bits.get(index(h, i))) {
                return false;
            }
        }
        return true;
    }

    /** Double hashing: the i-th probe is {@code h1 + i * h2}. */
    private static int index(long h, int i) {
        int h1 = (int) h;
        int h2 = (int) (h >>> 32) | 1;
        return (h1 + i * h2) & (BITS - 1);
    }

    /** 64-bit FNV-1a over the UTF-8 bytes, then a final avalanche (murmur3's fmix64). */
    private static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb93fe53a87fdL;
        h ^= h >>> 33;
        return h;
    }
}
