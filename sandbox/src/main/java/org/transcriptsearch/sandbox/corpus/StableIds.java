package org.transcriptsearch.sandbox.corpus;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Deterministic randomness: every id, pick and gap in the sandbox is drawn from a key mixed from the
 * seed and what is being drawn, so conversation i never depends on conversation i-1 and nothing has to
 * be kept in memory to serve it again.
 */
public final class StableIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] ALNUM =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private StableIds() {
    }

    /** Mixes the parts into one well-spread 64-bit key (SplitMix64 steps). */
    public static long mix(long... parts) {
        long h = 0x6A09E667F3BCC909L;
        for (long part : parts) {
            h = splitMix(h ^ part);
        }
        return h;
    }

    /** A stable 64-bit tag for a purpose name, to keep the streams for different purposes apart. */
    public static long tag(String purpose) {
        long h = 0xCBF29CE484222325L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001B3L;
        }
        return h;
    }

    public static SplittableRandom random(long key) {
        return new SplittableRandom(key);
    }

    public static String hex(long key, int length) {
        SplittableRandom random = new SplittableRandom(key);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = HEX[random.nextInt(16)];
        }
        return new String(out);
    }

    public static String alnum(long key, int length) {
        SplittableRandom random = new SplittableRandom(key);
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALNUM[random.nextInt(ALNUM.length)];
        }
        return new String(out);
    }

    /** A version-4-looking UUID: {@code 8-4-4-4-12} lowercase hex. */
    public static String uuid(long key) {
        String h = hex(key, 32);
        char variant = "89ab".charAt((int) Math.floorMod(key, 4L));
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-"
                + variant + h.substring(17, 20) + "-" + h.substring(20, 32);
    }

    private static long splitMix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
