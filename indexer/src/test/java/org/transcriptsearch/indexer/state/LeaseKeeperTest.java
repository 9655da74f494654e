package org.transcriptsearch.indexer.state;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.indexer.source.Checkpoint;

/**
 * Leases and the checkpoint fence over an in-memory state index, with every clock in the test's hands:
 * the cluster's (which leases are measured by) and each process's own monotonic and wall clocks.
 */
class LeaseKeeperTest {
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final List<String> STREAMS = List.of("messages", "conversations");
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final InMemoryStateDocuments docs = new InMemoryStateDocuments();
    private Instant cluster = T0;
    private final StateStore store = new StateStore(docs, () -> cluster);

    /** One process: its own monotonic and wall clocks. */
    private final class Process {
        long nanos = 5_000_000_000L;
        long wall = T0.toEpochMilli();
        final LeaseKeeper keeper = new LeaseKeeper(store, TTL, () -> nanos, () -> wall);

        void sleep(Duration d) {
            nanos += d.toNanos();
            wall += d.toMillis();
        }
    }

    private void passes(Duration d, Process... running) {
        cluster = cluster.plus(d);
        for (Process p : running) {
            p.sleep(d);
        }
    }

    @Test
    void aSecondHarvesterIsRefusedWhileTheLeaseIsRenewed() {
        Process a = new Process();
        Process b = new Process();
        a.keeper.acquire("s", "a", STREAMS);
        for (int i = 0; i < 10; i++) {
            passes(Duration.ofSeconds(11), a, b);
            a.keeper.renewDue();
            assertDoesNotThrow(() -> a.keeper.check("s"));
        }
        LeaseHeldException held = assertThrows(LeaseHeldException.class, () -> b.keeper.acquire("s", "b", STREAMS));
        assertTrue(held.getMessage().contains("is being harvested by a"), held.getMessage());
    }

    @Test
    void aHarvesterSuspendedPastTheTtlStopsWritingAndNeverMovesACheckpointBack() {
        Process a = new Process();
        Process b = new Process();
        a.keeper.acquire("s", "a", STREAMS);
        a.keeper.saveCheckpoint("s", "messages", Checkpoint.through(T0.minusSeconds(600)));
        // a is stopped (SIGSTOP): its clocks stand still while the world moves on
        passes(TTL.plusSeconds(1), b);
        Lease taken = b.keeper.acquire("s", "b", STREAMS);
        assertEquals(2, taken.epoch());
        b.keeper.saveCheckpoint("s", "messages", Checkpoint.through(T0.plusSeconds(25)));
        // a resumes: its monotonic clock has run on meanwhile (as CLOCK_MONOTONIC does under SIGSTOP)
        a.sleep(TTL.plusSeconds(1));
        assertThrows(LeaseKeeper.Unproven.class, () -> a.keeper.check("s"), "a lapsed lease must not pass the fence");
        a.keeper.renewDue();
        LeaseLostException lost = assertThrows(LeaseLostException.class, () -> a.keeper.check("s"));
        assertTrue(lost.getMessage().contains("stopped writing"), lost.getMessage());
        assertThrows(LeaseLostException.class, () -> a.keeper.saveCheckpoint("s", "messages", Checkpoint.through(T0)));
        assertEquals(Checkpoint.through(T0.plusSeconds(25)), store.checkpoint("s", "messages"));
        a.keeper.close(); // must not give b's lease away
        assertEquals("b", store.lease("s").orElseThrow().holder());
    }

    @Test
    void theEpochFenceRefusesAStaleHolderEvenWhenItsOwnClockSaysAllIsWell() {
        Process a = new Process();
        Lease stale = a.keeper.acquire("s", "a", STREAMS);
        passes(TTL.plusSeconds(1));
        new Process().keeper.acquire("s", "b", STREAMS);
        // a's clocks never moved (a VM paused whole): only the fence in the state index can stop it
        assertDoesNotThrow(() -> a.keeper.check("s"));
        assertThrows(LeaseLostException.class, () -> store.saveCheckpoint(stale, "messages", Checkpoint.through(T0)));
        assertThrows(LeaseLostException.class, () -> a.keeper.saveCheckpoint("s", "conversations", Checkpoint.through(T0)));
        assertThrows(LeaseLostException.class, () -> a.keeper.check("s"), "once refused, lost for good");
    }

    @Test
    void aCheckpointNeverMovesBackwards() {
        Process a = new Process();
        a.keeper.acquire("s", "a", STREAMS);
        a.keeper.saveCheckpoint("s", "messages", Checkpoint.through(T0));
        a.keeper.saveCheckpoint("s", "messages", Checkpoint.through(T0.minusSeconds(3600)));
        assertEquals(Checkpoint.through(T0), store.checkpoint("s", "messages"));
    }

    @Test
    void aWallClockJumpPastTheExpiryIsRenewedBeforeAnyWriteAndGoesOnIfNobodyTookTheSource() {
        Process a = new Process();
        a.keeper.acquire("s", "a", STREAMS);
        a.wall += Duration.ofHours(2).toMillis(); // a laptop woke up, or NTP stepped the clock
        assertThrows(LeaseKeeper.Unproven.class, () -> a.keeper.check("s"));
        a.keeper.saveCheckpoint("s", "messages", Checkpoint.through(T0)); // renews first, then writes
        assertDoesNotThrow(() -> a.keeper.check("s"));
        assertEquals(Checkpoint.through(T0), store.checkpoint("s", "messages"));
    }

    @Test
    void leasesAreMeasuredInTheClustersTimeNotTheContendersOwn() {
        Process a = new Process();
        Process fast = new Process();
        fast.wall += Duration.ofHours(1).toMillis(); // a host whose clock runs an hour ahead
        a.keeper.acquire("s", "a", STREAMS);
        passes(Duration.ofSeconds(5), a, fast);
        assertThrows(LeaseHeldException.class, () -> fast.keeper.acquire("s", "fast", STREAMS));
    }

    @Test
    void aReleasedLeaseIsFreeAtOnceAndTheNextHolderFencesWithTheNextEpoch() {
        Process a = new Process();
        a.keeper.acquire("s", "a", STREAMS);
        a.keeper.release("s");
        assertTrue(!store.lease("s").orElseThrow().expiresAt().isAfter(cluster), "a released lease is expired");
        Lease next = new Process().keeper.acquire("s", "b", STREAMS);
        assertEquals(2, next.epoch(), "epochs only grow, released or not");
        assertThrows(LeaseLostException.class, () -> a.keeper.check("s"));
    }
}
