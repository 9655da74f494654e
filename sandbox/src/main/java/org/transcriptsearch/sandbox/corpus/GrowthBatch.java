package org.transcriptsearch.sandbox.corpus;

/** Messages added to an existing conversation after start, fixed when they were added. */
record GrowthBatch(long[] atMs, Move[] moves) {
    int size() {
        return moves.length;
    }
}
