package org.transcriptsearch.indexer.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.indexer.sink.Fence;
import org.transcriptsearch.indexer.source.Checkpoint;

/**
 * The leases one command holds (a harvest its source's, a rebuild every source's), kept renewed on a
 * thread of their own, and the proof every fenced write asks for ({@link #check}).
 *
 * <p>A lease is taken to be held only until {@code ttl - margin} after the last renewal <em>began</em>,
 * measured on this process's monotonic clock and, separately, on its wall clock: a process that was
 * suspended (SIGSTOP, a VM pause) or whose wall clock jumped finds its proof lapsed before anyone else
 * can have taken the lease (others wait for {@code ttl} in the cluster's time). A lapsed lease is renewed
 * before anything more is written; the renewal is conditional, so it succeeds only if nobody took the
 * lease meanwhile. One that fails that way is lost for good: every later check says so.
 */
public final class LeaseKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final StateStore store;
    private final Duration ttl;
    private final long marginNanos;
    private final LongSupplier nanoTime;
    private final LongSupplier wallMillis;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private ScheduledExecutorService renewer;

    /** One held lease and how long it is proven held. */
    private static final class Held {
        volatile Lease lease;
        volatile long renewedAtNanos;
        volatile long validUntilNanos;
        volatile long validUntilWallMillis;
        volatile String lost;
        volatile String lastError;
    }

    /** Thrown by {@link #check} while a lease cannot be shown to be held but is not known to be lost: wait and ask again. */
    public static final class Unproven extends Fence.Unproven {
        Unproven(String message) {
            super(message);
        }
    }

    public LeaseKeeper(StateStore store, Duration ttl) {
        this(store, ttl, System::nanoTime, System::currentTimeMillis);
    }

    LeaseKeeper(StateStore store, Duration ttl, LongSupplier nanoTime, LongSupplier wallMillis) {
        this.store = store;
        this.ttl = ttl;
        this.marginNanos = Math.max(ttl.toNanos() / 5, Duration.ofMillis(500).toNanos());
        this.nanoTime = nanoTime;
        this.wallMillis = wallMillis;
    }

    public StateStore store() {
        return store;
    }

    /** Takes the source's lease and fences its streams' checkpoints ({@link StateStore#acquire}); renewed until released. */
    public Lease acquire(String source, String holder, List<String> streams) {
        long t0 = nanoTime.getAsLong();
        long w0 = wallMillis.getAsLong();
        Lease lease = store.acquire(source, holder, ttl, streams);
        Held h = new Held();
        proven(h, lease, t0, w0);
        held.put(source, h);
        return lease;
    }

    /** Renews the held leases on a daemon thread, often enough that a live process never lets one lapse. */
    public synchronized void startRenewing() {
        if (renewer == null) {
            renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lease-keeper");
                t.setDaemon(true);
                return t;
            });
            long tick = Math.max(100, Math.min(1_000, ttl.toMillis() / 10));
            renewer.scheduleWithFixedDelay(this::renewDue, tick, tick, TimeUnit.MILLISECONDS);
        }
    }

    /** The lease as last renewed. */
    public Lease lease(String source) {
        return holding(source).lease;
    }

    /**
     * Throws {@link LeaseLostException} once the source's lease is lost, {@link Unproven} while it is
     * not proven held (a renewal is due first); returns quietly while it is.
     */
    public void check(String source) {
        Held h = holding(source);
        if (h.lost != null) {
            throw new LeaseLostException(h.lost);
        }
        if (nanoTime.getAsLong() >= h.validUntilNanos || wallMillis.getAsLong() >= h.validUntilWallMillis) {
            throw new Unproven("the lease of source " + source + " was not renewed in time"
                    + (h.lastError == null ? "" : " (" + h.lastError + ")") + "; writes wait until it is");
        }
    }

    /** The fence for the source's writes. */
    public Fence fence(String source) {
        return () -> check(source);
    }

    /**
     * Stores a checkpoint under the lease (refused once the source has a newer holder, never backwards).
     * Blocking. A lapsed lease is renewed first.
     */
    public void saveCheckpoint(String source, String stream, Checkpoint checkpoint) {
        Held h = holding(source);
        prove(source);
        try {
            store.saveCheckpoint(h.lease, stream, checkpoint);
        } catch (LeaseLostException e) {
            h.lost = e.getMessage();
            throw e;
        }
    }

    /**
     * Returns once the lease is proven held, renewing it first if its proof has lapsed; throws
     * {@link LeaseLostException} if it is lost. Blocking: for writes made off the event loop (run history).
     */
    public void prove(String source) {
        try {
            check(source);
        } catch (Unproven u) {
            renew(source, holding(source));
            check(source);
        }
    }

    /** Renews every lease that is due (a third of the ttl since the last renewal) or lapsed. */
    void renewDue() {
        long now = nanoTime.getAsLong();
        held.forEach((source, h) -> {
            boolean due = now - h.renewedAtNanos >= ttl.toNanos() / 3 || now >= h.validUntilNanos
                    || wallMillis.getAsLong() >= h.validUntilWallMillis;
            if (due && h.lost == null) {
                try {
                    renew(source, h);
                } catch (RuntimeException e) {
                    if (!(e instanceof LeaseLostException)) {
                        LOG.warn("the lease of source {} could not be renewed ({}); trying again", source, e.getMessage());
                    }
                }
            }
        });
    }

    private void renew(String source, Held h) {
        long t0 = nanoTime.getAsLong();
        long w0 = wallMillis.getAsLong();
        try {
            proven(h, store.renew(h.lease, ttl), t0, w0);
        } catch (LeaseLostException e) {
            h.lost = e.getMessage();
            LOG.error("{}", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            h.lastError = e.getMessage();
            throw e;
        }
    }

    private void proven(Held h, Lease lease, long t0, long w0) {
        h.lease = lease;
        h.renewedAtNanos = t0;
        h.validUntilNanos = t0 + ttl.toNanos() - marginNanos;
        h.validUntilWallMillis = w0 + (ttl.toNanos() - marginNanos) / 1_000_000;
        h.lastError = null;
    }

    /** Gives the source's lease back if it is still ours, and stops renewing it. */
    public void release(String source) {
        Held h = held.remove(source);
        if (h != null && h.lost == null) {
            try {
                store.release(h.lease);
            } catch (RuntimeException e) {
                LOG.warn("the lease of source {} could not be given back ({}); it expires at {}", source, e.getMessage(),
                        h.lease.expiresAt());
            }
        }
    }

    private Held holding(String source) {
        Held h = held.get(source);
        if (h == null) {
            throw new LeaseLostException("source " + source + " is not held by this process");
        }
        return h;
    }

    /** Stops renewing and gives back every lease still held. */
    @Override
    public void close() {
        synchronized (this) {
            if (renewer != null) {
                renewer.shutdownNow();
                try {
                    renewer.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        List.copyOf(held.keySet()).forEach(this::release);
    }
}
