package org.transcriptsearch.sandbox.corpus;

import java.util.Arrays;

/** Who says what kind of thing when in one conversation: the moves and their times, no text. */
public final class Shape {
    private final long[] atMs;
    private final Move[] moves;
    private final int baseTurns;

    Shape(long[] atMs, Move[] moves, int baseTurns) {
        if (atMs.length != moves.length || atMs.length == 0) {
            throw new IllegalArgumentException("a shape needs one time per move and at least one move");
        }
        this.atMs = atMs;
        this.moves = moves;
        this.baseTurns = baseTurns;
    }

    public int size() {
        return moves.length;
    }

    /** Turns generated with the conversation; those after it were added by growth. */
    public int baseTurns() {
        return baseTurns;
    }

    public Move move(int turn) {
        return moves[turn];
    }

    public long atMs(int turn) {
        return atMs[turn];
    }

    public long startMs() {
        return atMs[0];
    }

    public long lastMs() {
        return atMs[atMs.length - 1];
    }

    public int userTurns() {
        int n = 0;
        for (Move move : moves) {
            n += move.fromUser() ? 1 : 0;
        }
        return n;
    }

    public int fallbackTurns() {
        int n = 0;
        for (Move move : moves) {
            n += move.fallback() ? 1 : 0;
        }
        return n;
    }

    /** The first {@code turns} turns, as a snapshot taken before later growth saw them. */
    public Shape limit(int turns) {
        if (turns >= moves.length) {
            return this;
        }
        return new Shape(Arrays.copyOf(atMs, turns), Arrays.copyOf(moves, turns), Math.min(baseTurns, turns));
    }

    Shape append(GrowthBatch batch) {
        long[] times = Arrays.copyOf(atMs, atMs.length + batch.size());
        Move[] all = Arrays.copyOf(moves, moves.length + batch.size());
        for (int i = 0; i < batch.size(); i++) {
            times[atMs.length + i] = batch.atMs()[i];
            all[moves.length + i] = batch.moves()[i];
        }
        return new Shape(times, all, baseTurns);
    }
}
