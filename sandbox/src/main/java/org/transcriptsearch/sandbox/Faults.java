package org.transcriptsearch.sandbox;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults queued for the next calls, and the calls counted per endpoint. A fault queued for a vendor
 * goes to whichever of its endpoints is called next; one queued for an endpoint waits for that endpoint
 * (the endpoint's own queue goes first). Faults are taken in order; one that does not fit a call
 * (a malformed or future record on an empty page, an expired scroll on a call without scrollId) stays queued.
 * Calls are counted as they arrive, whatever their fate (refused, rate-limited, faulted or served).
 */
public final class Faults {
    private final Set<Vendor> served;
    private final Map<Endpoint, Deque<Pending>> byEndpoint = new EnumMap<>(Endpoint.class);
    private final Map<Vendor, Deque<Pending>> byVendor = new EnumMap<>(Vendor.class);
    private final Map<Endpoint, AtomicLong> calls = new EnumMap<>(Endpoint.class);
    private final List<FaultEvent> delivered = new ArrayList<>();
    private final SandboxClock clock;

    /** A queued fault with the calls it still applies to. */
    static final class Pending {
        private final Fault fault;
        private int remaining;

        private Pending(Fault fault) {
            this.fault = fault;
            this.remaining = fault.count();
        }

        Fault fault() {
            return fault;
        }
    }

    Faults(Set<Vendor> served, SandboxClock clock) {
        this.served = Set.copyOf(served);
        this.clock = clock;
        for (Endpoint endpoint : Endpoint.values()) {
            byEndpoint.put(endpoint, new ArrayDeque<>());
            calls.put(endpoint, new AtomicLong());
        }
        for (Vendor vendor : Vendor.values()) {
            byVendor.put(vendor, new ArrayDeque<>());
        }
    }

    /** Queues a fault for the vendor's next call(s), on whichever of its endpoints. */
    public synchronized Faults next(Vendor vendor, Fault fault) {
        check(vendor, fault);
        byVendor.get(vendor).addLast(new Pending(fault));
        return this;
    }

    /** Queues a fault for this endpoint's next call(s). */
    public synchronized Faults next(Endpoint endpoint, Fault fault) {
        check(endpoint.vendor(), fault);
        byEndpoint.get(endpoint).addLast(new Pending(fault));
        return this;
    }

    /** Drops every queued fault (counters and the delivery log stay). */
    public synchronized void clear() {
        byEndpoint.values().forEach(Deque::clear);
        byVendor.values().forEach(Deque::clear);
    }

    /** Faults still queued for the vendor (on any of its endpoints). */
    public synchronized int pending(Vendor vendor) {
        int n = byVendor.get(vendor).size();
        for (Endpoint endpoint : Endpoint.values()) {
            n += endpoint.vendor() == vendor ? byEndpoint.get(endpoint).size() : 0;
        }
        return n;
    }

    public long callCount(Endpoint endpoint) {
        return calls.get(endpoint).get();
    }

    public long callCount(Vendor vendor) {
        long n = 0;
        for (Endpoint endpoint : Endpoint.values()) {
            n += endpoint.vendor() == vendor ? calls.get(endpoint).get() : 0;
        }
        return n;
    }

    public void resetCallCounts() {
        calls.values().forEach(c -> c.set(0));
    }

    /** Every fault delivered so far, oldest first. */
    public synchronized List<FaultEvent> delivered() {
        return List.copyOf(delivered);
    }

    /** Faults delivered to one vendor. */
    public synchronized List<FaultEvent> delivered(Vendor vendor) {
        return delivered.stream().filter(e -> e.endpoint().vendor() == vendor).toList();
    }

    void countCall(Endpoint endpoint) {
        calls.get(endpoint).incrementAndGet();
    }

    synchronized Optional<Pending> peek(Endpoint endpoint) {
        Pending own = byEndpoint.get(endpoint).peekFirst();
        return Optional.ofNullable(own != null ? own : byVendor.get(endpoint.vendor()).peekFirst());
    }

    /** Takes one use of the fault for this call; false if another call took its last use meanwhile. */
    synchronized boolean claim(Endpoint endpoint, Pending pending) {
        if (pending.remaining <= 0) {
            return false;
        }
        pending.remaining--;
        if (pending.remaining == 0) {
            byEndpoint.get(endpoint).remove(pending);
            byVendor.get(endpoint.vendor()).remove(pending);
        }
        return true;
    }

    synchronized void recordDelivery(Endpoint endpoint, Fault fault, String detail) {
        delivered.add(new FaultEvent(clock.now(), endpoint, fault, detail));
    }

    private void check(Vendor vendor, Fault fault) {
        if (!served.contains(vendor)) {
            throw new IllegalArgumentException(vendor.key() + " is not served by this sandbox");
        }
        if (fault.kind() == Fault.Kind.EXPIRED_SCROLL && vendor != Vendor.CXONE) {
            throw new IllegalArgumentException("expiredScroll applies to CXone only: " + vendor.key() + " has no scroll");
        }
    }
}
