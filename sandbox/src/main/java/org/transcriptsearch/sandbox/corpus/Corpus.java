package org.transcriptsearch.sandbox.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.transcriptsearch.sandbox.SandboxClock;
import org.transcriptsearch.sandbox.Vendor;

/**
 * Everything one vendor serves: generated conversations (a pure function of seed and ordinal), the
 * conversations added after start, the growth of existing ones, and the vendor's golden samples.
 * Mutations replace an immutable {@link State}, so readers on other threads always see a whole version;
 * the {@link Timeline} is rebuilt lazily for the version it is asked for.
 */
public final class Corpus {
    private static final int RECENT_DIALOGUES = 4096;
    private final Vendor vendor;
    private final Layout layout;
    private final SandboxClock clock;
    private final VendorIds ids;
    private final List<GoldenConversation> golden;
    private final ShapeWriter shapes;
    private final DialogueWriter writer;
    private volatile State state = new State(0, new long[0], Map.of());
    private Timeline timeline;
    private final Map<String, Integer> refsById = new HashMap<>();
    private final Map<Long, Dialogue> recent = new LinkedHashMap<>(RECENT_DIALOGUES, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Dialogue> eldest) {
            return size() > RECENT_DIALOGUES;
        }
    };
    private int ordinalsIndexed = -1;

    private record State(long version, long[] addedEndMs, Map<Integer, List<GrowthBatch>> growth) {
    }

    public Corpus(Vendor vendor, long seed, Layout layout, SandboxClock clock, VendorIds ids,
                  List<GoldenConversation> golden, Phrasebook phrasebook) {
        this.vendor = vendor;
        this.layout = layout;
        this.clock = clock;
        this.ids = ids;
        this.golden = List.copyOf(golden);
        this.shapes = new ShapeWriter(seed, vendor);
        this.writer = new DialogueWriter(phrasebook, seed, vendor);
    }

    public Vendor vendor() {
        return vendor;
    }

    public VendorIds ids() {
        return ids;
    }

    /** Generated conversations: the base ones and those added after start. */
    public int generatedCount() {
        return layout.baseCount() + state.addedEndMs().length;
    }

    public Shape shape(int ordinal) {
        State current = state;
        return shape(current, ordinal);
    }

    private Shape shape(State current, int ordinal) {
        if (ordinal < 0 || ordinal >= layout.baseCount() + current.addedEndMs().length) {
            throw new IllegalArgumentException(vendor.key() + " has no generated conversation #" + ordinal);
        }
        Shape shape = ordinal < layout.baseCount()
                ? shapes.base(layout, ordinal)
                : shapes.endingAt(ordinal, current.addedEndMs()[ordinal - layout.baseCount()]);
        for (GrowthBatch batch : current.growth().getOrDefault(ordinal, List.of())) {
            shape = shape.append(batch);
        }
        return shape;
    }

    public Dialogue dialogue(int ordinal) {
        return cached(ordinal, shape(ordinal));
    }

    /** The conversation as it was when it had {@code turns} messages (a CXone scroll snapshot). */
    public Dialogue dialogue(int ordinal, int turns) {
        return cached(ordinal, shape(ordinal).limit(turns));
    }

    /**
     * Consecutive Kore and AgentX pages show the same few dozen interleaved conversations, so the words of
     * the last ones written are kept; a grown conversation has another size and is written anew.
     */
    private Dialogue cached(int ordinal, Shape shape) {
        long key = ((long) ordinal << 16) | shape.size();
        synchronized (recent) {
            Dialogue hit = recent.get(key);
            if (hit != null) {
                return hit;
            }
        }
        Dialogue dialogue = writer.write(ordinal, shape);
        synchronized (recent) {
            recent.put(key, dialogue);
        }
        return dialogue;
    }

    public static boolean isGolden(int ref) {
        return ref < 0;
    }

    public GoldenConversation golden(int ref) {
        return golden.get(-ref - 1);
    }

    public List<GoldenConversation> golden() {
        return golden;
    }

    /** The vendor's id of a generated or golden conversation; empty for a golden Kore message without session. */
    public Optional<String> conversationId(int ref) {
        return isGolden(ref) ? golden(ref).conversationId() : Optional.of(ids.conversationId(ref));
    }

    /** The ref of a conversation by the vendor's id (generated or golden). */
    public synchronized OptionalInt refOf(String conversationId) {
        int generated = generatedCount();
        if (ordinalsIndexed < 0) {
            for (int index = 0; index < golden.size(); index++) {
                int ref = -(index + 1);
                golden.get(index).conversationId().ifPresent(id -> refsById.put(id, ref));
            }
            ordinalsIndexed = 0;
        }
        for (; ordinalsIndexed < generated; ordinalsIndexed++) {
            refsById.put(ids.conversationId(ordinalsIndexed), ordinalsIndexed);
        }
        Integer ref = refsById.get(conversationId);
        return ref == null ? OptionalInt.empty() : OptionalInt.of(ref);
    }

    public synchronized Timeline timeline() {
        State current = state;
        if (timeline == null || timeline.version() != current.version()) {
            timeline = Timeline.build(current.version(), layout.baseCount() + current.addedEndMs().length,
                    ordinal -> shape(current, ordinal), golden);
        }
        return timeline;
    }

    /** Adds {@code extra} messages to a generated conversation, the last of them at the sandbox's now. */
    public synchronized void grow(int ordinal, int extra) {
        if (extra < 1) {
            throw new IllegalArgumentException("extraMessages must be >= 1, was " + extra);
        }
        State current = state;
        Shape shape = shape(current, ordinal);
        if (shape.size() + extra > Short.MAX_VALUE) {
            throw new IllegalArgumentException("a conversation holds at most " + Short.MAX_VALUE + " messages");
        }
        GrowthBatch batch = shapes.growth(ordinal, shape, extra, clock.nowMs());
        Map<Integer, List<GrowthBatch>> growth = new HashMap<>(current.growth());
        List<GrowthBatch> batches = new ArrayList<>(growth.getOrDefault(ordinal, List.of()));
        batches.add(batch);
        growth.put(ordinal, List.copyOf(batches));
        state = new State(current.version() + 1, current.addedEndMs(), Map.copyOf(growth));
    }

    /** Adds {@code n} new generated conversations that end at the sandbox's now; returns their ids. */
    public synchronized List<String> add(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        State current = state;
        long now = clock.nowMs();
        long[] ends = Arrays.copyOf(current.addedEndMs(), current.addedEndMs().length + n);
        int firstOrdinal = layout.baseCount() + current.addedEndMs().length;
        List<String> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // A few seconds apart, so their order is their ordinal's.
            ends[current.addedEndMs().length + i] = now - (long) (n - 1 - i) * 1_000;
            added.add(ids.conversationId(firstOrdinal + i));
        }
        state = new State(current.version() + 1, ends, current.growth());
        return List.copyOf(added);
    }
}
