package org.transcriptsearch.sandbox.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.transcriptsearch.sandbox.Vendor;

/**
 * Decides the shape of generated conversations: a customer with a problem, the bot asking for details,
 * answering, sometimes not understanding (about one customer message in eight), sometimes handing over to
 * an agent, and the customer saying thanks. AgentX bots open with a menu (as in the vendor's sample),
 * Kore bots do half the time, CXone (Rasa) bots wait for the customer.
 */
public final class ShapeWriter {
    private static final long SHAPE = StableIds.tag("shape");
    private static final long START = StableIds.tag("start");
    private static final long GROWTH = StableIds.tag("growth-shape");

    private final long seed;
    private final Vendor vendor;

    public ShapeWriter(long seed, Vendor vendor) {
        this.seed = seed;
        this.vendor = vendor;
    }

    /** A base conversation laid out by {@code layout}. */
    public Shape base(Layout layout, int ordinal) {
        long start = layout.startOf(StableIds.mix(seed, START, vendor.ordinal(), ordinal), ordinal);
        return startingAt(ordinal, start);
    }

    /** A conversation added after start: the same script, shifted so that its last message is at {@code endMs}. */
    public Shape endingAt(int ordinal, long endMs) {
        Shape relative = startingAt(ordinal, 0);
        return startingAt(ordinal, endMs - relative.lastMs());
    }

    Shape startingAt(int ordinal, long startMs) {
        SplittableRandom random = StableIds.random(StableIds.mix(seed, SHAPE, vendor.ordinal(), ordinal));
        List<Move> script = script(random);
        long[] at = new long[script.size()];
        long t = startMs;
        for (int i = 0; i < at.length; i++) {
            if (i > 0) {
                t += gapMs(random, script.get(i - 1), script.get(i));
            }
            at[i] = t;
        }
        return new Shape(at, script.toArray(Move[]::new), at.length);
    }

    /**
     * {@code extra} more messages for a conversation, continuing its exchange and ending at {@code nowMs}
     * (or squeezed in after its last message when that is too close to now).
     */
    GrowthBatch growth(int ordinal, Shape current, int extra, long nowMs) {
        SplittableRandom random = StableIds.random(
                StableIds.mix(seed, GROWTH, vendor.ordinal(), ordinal, current.size()));
        Move[] moves = new Move[extra];
        long[] gaps = new long[extra];
        Move previous = current.move(current.size() - 1);
        long total = 0;
        for (int i = 0; i < extra; i++) {
            Move next = previous.fromUser() ? Move.BOT_ANSWER_FOLLOWUP : (i == 0 ? Move.USER_MORE : Move.USER_FOLLOWUP);
            gaps[i] = gapMs(random, previous, next);
            total += gaps[i];
            moves[i] = next;
            previous = next;
        }
        long[] at = new long[extra];
        long last = current.lastMs();
        if (last + total <= nowMs) {
            long t = nowMs - total;
            for (int i = 0; i < extra; i++) {
                t += gaps[i];
                at[i] = t;
            }
        } else {
            long room = Math.max(0, nowMs - last);
            for (int i = 0; i < extra; i++) {
                long t = last + room * (i + 1) / extra;
                at[i] = Math.max(t, (i == 0 ? last : at[i - 1]) + 1);
            }
        }
        return new GrowthBatch(at, moves);
    }

    private List<Move> script(SplittableRandom random) {
        boolean botOpens = vendor == Vendor.AGENTX || (vendor == Vendor.KORE && random.nextBoolean());
        int userTurns = 2 + random.nextInt(6);
        boolean handover = random.nextInt(100) < 6;
        List<Move> moves = new ArrayList<>();
        if (botOpens) {
            moves.add(Move.BOT_MENU);
        }
        boolean problemStated = false;
        boolean detailGiven = false;
        for (int u = 0; u < userTurns; u++) {
            Move lastBot = moves.isEmpty() ? Move.BOT_MENU : moves.get(moves.size() - 1);
            if (u == userTurns - 1) {
                moves.add(handover ? Move.USER_FOLLOWUP : Move.USER_THANKS);
                moves.add(handover ? Move.BOT_HANDOVER : Move.BOT_GOODBYE);
            } else if (lastBot == Move.BOT_AFFIRM) {
                boolean yes = random.nextInt(10) < 7;
                moves.add(yes ? Move.USER_YES : Move.USER_NO);
                moves.add(yes ? Move.BOT_ASK : Move.BOT_WELCOME);
                problemStated |= yes;
            } else if (u > 0 && random.nextInt(100) < 22) {
                moves.add(Move.USER_FALLBACK);
                moves.add(Move.BOT_AFFIRM);
            } else if (u == 0 && !botOpens && random.nextBoolean()) {
                moves.add(Move.USER_GREETING);
                moves.add(Move.BOT_WELCOME);
            } else if (!problemStated) {
                moves.add(Move.USER_PROBLEM);
                moves.add(Move.BOT_ASK);
                problemStated = true;
            } else if (!detailGiven) {
                moves.add(Move.USER_DETAIL);
                if (random.nextInt(5) == 0) {
                    moves.add(Move.BOT_WAIT);
                }
                moves.add(Move.BOT_ANSWER);
                detailGiven = true;
            } else {
                moves.add(Move.USER_FOLLOWUP);
                moves.add(Move.BOT_ANSWER_FOLLOWUP);
            }
        }
        return moves;
    }

    /** Customers take seconds to type; bots answer within a second or two. Keeps every conversation under 10 min. */
    private static long gapMs(SplittableRandom random, Move previous, Move next) {
        if (next.fromUser()) {
            return 4_000 + random.nextInt(40_000);
        }
        return previous.fromUser() ? 300 + random.nextInt(2_200) : 1_500 + random.nextInt(4_500);
    }
}
