package org.transcriptsearch.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The faults a test has asked a {@link FaultProxy} for, and what it delivered. Everything happens under
 * one lock, so rules can change while traffic flows, and "the next N operations" means the next N in
 * arrival order even across concurrent requests (a request's operations are chosen all at once).
 */
final class FaultRules {
    /** Fails the next {@code left} operations that match. */
    private static final class Counted {
        final ItemFault kind;
        final Predicate<BulkOperation> which;
        int left;

        Counted(ItemFault kind, Predicate<BulkOperation> which, int left) {
            this.kind = kind;
            this.which = which;
            this.left = left;
        }
    }

    /** Answers the next {@code left} requests whose path matches. */
    private static final class Requests {
        final RequestFault fault;
        final Predicate<String> path;
        int left;

        Requests(RequestFault fault, Predicate<String> path, int left) {
            this.fault = fault;
            this.path = path;
            this.left = left;
        }
    }

    private record Sticky(ItemFault kind, Predicate<BulkOperation> which) {
    }

    private record Chance(ItemFault kind, double rate, Random random) {
    }

    private final List<Counted> counted = new ArrayList<>();
    private final List<Sticky> sticky = new ArrayList<>();
    private final List<Chance> chances = new ArrayList<>();
    private final List<Requests> requests = new ArrayList<>();
    private final Map<ItemFault, Long> faulted = new EnumMap<>(ItemFault.class);
    private final List<InjectedFault> log = new ArrayList<>();
    private long failedRequests;
    private long cutRequests;

    synchronized void failItems(ItemFault kind, Predicate<BulkOperation> which, int count) {
        if (count > 0) {
            counted.add(new Counted(kind, which, count));
        }
    }

    synchronized void failAlways(ItemFault kind, Predicate<BulkOperation> which) {
        sticky.add(new Sticky(kind, which));
    }

    synchronized void failRandomly(ItemFault kind, double rate, long seed) {
        chances.add(new Chance(kind, rate, new Random(seed)));
    }

    synchronized void failRequests(RequestFault fault, Predicate<String> path, int count) {
        if (count > 0) {
            requests.add(new Requests(fault, path, count));
        }
    }

    synchronized void clear() {
        counted.clear();
        sticky.clear();
        chances.clear();
        requests.clear();
    }

    /** Whether a bulk request needs taking apart at all (most traffic passes untouched when none is set). */
    synchronized boolean anyItemRule() {
        return !counted.isEmpty() || !sticky.isEmpty() || !chances.isEmpty();
    }

    /** The faults for one request's operations, by position; each is logged and counted as delivered. */
    synchronized Map<Integer, InjectedFault> choose(List<BulkOperation> ops) {
        Map<Integer, InjectedFault> chosen = new HashMap<>();
        for (BulkOperation op : ops) {
            pick(op).ifPresent(kind -> {
                // Elasticsearch gives an operation without _id a generated one before it can fail, so the item has one
                String id = op.id().isEmpty() ? generatedId() : op.id();
                InjectedFault fault = new InjectedFault(kind, op.index(), id, Instant.now());
                chosen.put(op.position(), fault);
                log.add(fault);
                faulted.merge(kind, 1L, Long::sum);
            });
        }
        return chosen;
    }

    /** Counted rules first (they are what a test waits for), then sticky ones, then chance. */
    private Optional<ItemFault> pick(BulkOperation op) {
        Optional<ItemFault> drawn = Optional.empty();
        for (Chance c : chances) {
            // every rule draws for every operation, so a seed gives the same choices whatever else is set
            if (c.random().nextDouble() < c.rate() && drawn.isEmpty()) {
                drawn = Optional.of(c.kind());
            }
        }
        for (Iterator<Counted> it = counted.iterator(); it.hasNext();) {
            Counted c = it.next();
            if (c.which.test(op)) {
                if (--c.left == 0) {
                    it.remove();
                }
                return Optional.of(c.kind);
            }
        }
        for (Sticky s : sticky) {
            if (s.which().test(op)) {
                return Optional.of(s.kind());
            }
        }
        return drawn;
    }

    /** The whole-request fault for a request to this path, if one is queued (taking it counts it as delivered). */
    synchronized Optional<RequestFault> takeRequestFault(String path) {
        for (Iterator<Requests> it = requests.iterator(); it.hasNext();) {
            Requests r = it.next();
            if (r.path.test(path)) {
                if (--r.left == 0) {
                    it.remove();
                }
                if (r.fault.cut()) {
                    cutRequests++;
                } else {
                    failedRequests++;
                }
                return Optional.of(r.fault);
            }
        }
        return Optional.empty();
    }

    synchronized long faulted(ItemFault kind) {
        return faulted.getOrDefault(kind, 0L);
    }

    synchronized List<InjectedFault> injected() {
        return List.copyOf(log);
    }

    synchronized int pendingItemFaults() {
        return counted.stream().mapToInt(c -> c.left).sum();
    }

    synchronized int pendingRequestFaults() {
        return requests.stream().mapToInt(r -> r.left).sum();
    }

    synchronized long failedRequests() {
        return failedRequests;
    }

    synchronized long cutRequests() {
        return cutRequests;
    }

    private static String generatedId() {
        byte[] bytes = new byte[15];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes); // 20 characters, like Elasticsearch's
    }
}
