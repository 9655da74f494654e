package org.transcriptsearch.indexer.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.elastic.ElasticsearchUnavailableException;

/**
 * Writes documents with {@code _bulk}, bounded: requests of at most {@link BulkLimits#maxDocs()} items /
 * {@link BulkLimits#maxBytes()} bytes, at most {@link BulkLimits#maxInFlight()} outstanding; {@link #addAll}
 * completes only when there is room again (back-pressure up to the vendor paging).
 *
 * <p>Every item's answer is read and classified once ({@link WriteError}): acknowledged items are
 * counted; retriable ones (429, 5xx, a shard not active, a write block) are sent again after a growing,
 * jittered pause ({@link Backoff}); a 409 on a versioned item is settled by reading the stored version (at
 * least as new: done; older: sent again); a document Elasticsearch can never store is handed to
 * {@link Listener#rejected} with the record it came from. Nothing else leaves the writer unacknowledged:
 * a request or item still refused after {@link BulkLimits#outage()}, a fatal refusal, or a broken
 * {@link Fence} fails the writer and every waiting caller with it.
 *
 * <p>{@link #flush()} completes once everything added so far is acknowledged (or handed over as
 * rejected) and nothing else is outstanding; {@link #barrier()} once everything added before it is,
 * while later additions keep flowing. All state is touched only on the writer's context: the transport
 * and the scheduler deliver there.
 */
public final class BulkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);

    /** A document Elasticsearch refused for good: the item, and why in Elasticsearch's words. */
    public record Rejection(BulkItem item, int status, String type, String reason) {
        public String describe() {
            return "Elasticsearch refused document " + item.id() + " (HTTP " + status + "): " + type
                    + (reason == null || reason.isEmpty() ? "" : ": " + reason);
        }
    }

    /** What the writer reports about single items. */
    public interface Listener {
        void rejected(Rejection rejection);

        /** Elasticsearch acknowledged the item ({@code created}, {@code updated}, {@code noop}, or superseded). */
        default void stored(BulkItem item) {
        }
    }

    private final BulkTransport transport;
    private final Scheduler scheduler;
    private final BulkLimits limits;
    private final Fence fence;
    private final Listener listener;
    private final Backoff backoff = Backoff.writes();
    private final BulkCounts counts = new BulkCounts();

    private List<BulkItem> batch = new ArrayList<>();
    private int batchBytes;
    private int inFlight;
    private long sent;
    private final TreeSet<Long> outstanding = new TreeSet<>();
    private final List<Barrier> barriers = new ArrayList<>();
    private long requests;
    private long retried;
    private final Deque<Promise<Void>> roomWaiters = new ArrayDeque<>();
    private final List<Promise<Void>> flushWaiters = new ArrayList<>();
    private Throwable failure;

    /** Waits for every request numbered {@code upTo} or lower. */
    private record Barrier(long upTo, Promise<Void> promise) {
    }

    /** One numbered request; a request Elasticsearch found too large is split into parts. */
    private static final class Request {
        final long seq;
        final long firstTry;
        int parts = 1;

        Request(long seq, long firstTry) {
            this.seq = seq;
            this.firstTry = firstTry;
        }
    }

    public BulkWriter(BulkTransport transport, Scheduler scheduler, BulkLimits limits, Fence fence, Listener listener) {
        this.transport = transport;
        this.scheduler = scheduler;
        this.limits = limits;
        this.fence = fence;
        this.listener = listener;
    }

    public BulkCounts counts() {
        return counts;
    }

    /** Bulk requests sent so far (retries included). */
    public long requests() {
        return requests;
    }

    /** Items sent again after a retriable refusal. */
    public long retried() {
        return retried;
    }

    /** Adds items; completes when fewer than {@code maxInFlight} requests are outstanding. */
    public Future<Void> addAll(List<BulkItem> items) {
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        for (BulkItem item : items) {
            batch.add(item);
            batchBytes += item.ndjson().length;
            if (batch.size() >= limits.maxDocs() || batchBytes >= limits.maxBytes()) {
                sendBatch();
            }
        }
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        if (inFlight < limits.maxInFlight()) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        roomWaiters.add(p);
        return p.future();
    }

    /** Sends what is buffered; completes when every item added so far has been answered. */
    public Future<Void> flush() {
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        if (!batch.isEmpty()) {
            sendBatch();
        }
        if (failure != null) { // an answer may arrive at once, and fail the writer
            return Future.failedFuture(failure);
        }
        if (inFlight == 0) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        flushWaiters.add(p);
        return p.future();
    }

    /**
     * Sends what is buffered; completes when every item added so far has been answered, without waiting
     * for items added after this call.
     */
    public Future<Void> barrier() {
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        if (!batch.isEmpty()) {
            sendBatch();
        }
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        if (outstanding.isEmpty() || outstanding.first() > sent) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        barriers.add(new Barrier(sent, p));
        return p.future();
    }

    /** Fails if the writer has failed (a caller that did not wait on a future learns it here). */
    public void check() {
        if (failure != null) {
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
    }

    /** Stops the writer: nothing more is sent, and every waiting caller fails with {@code cause}. */
    public void fail(Throwable cause) {
        if (failure != null) {
            return;
        }
        failure = cause;
        List<Promise<Void>> waiting = new ArrayList<>(roomWaiters);
        waiting.addAll(flushWaiters);
        barriers.forEach(b -> waiting.add(b.promise()));
        roomWaiters.clear();
        flushWaiters.clear();
        barriers.clear();
        waiting.forEach(p -> p.tryFail(cause));
    }

    private void sendBatch() {
        List<BulkItem> items = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        inFlight++;
        Request r = new Request(++sent, scheduler.nanoTime());
        outstanding.add(r.seq);
        send(r, items, 1);
    }

    private void send(Request r, List<BulkItem> items, int attempt) {
        if (failure != null) {
            partDone(r);
            return;
        }
        try {
            fence.check();
        } catch (Fence.Unproven unproven) {
            retryLater(r, items, attempt, unproven.getMessage());
            return;
        } catch (RuntimeException lost) {
            fail(lost);
            partDone(r);
            return;
        }
        requests++;
        transport.bulk(items).onComplete(ar -> {
            if (ar.succeeded()) {
                answered(r, items, ar.result(), attempt);
            } else {
                requestFailed(r, items, attempt, ar.cause());
            }
        });
    }

    private void answered(Request r, List<BulkItem> items, JsonNode answer, int attempt) {
        JsonNode results = answer.path("items");
        List<BulkItem> again = new ArrayList<>();
        List<BulkItem> conflicts = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        String lastError = null;
        for (int i = 0; i < items.size(); i++) {
            BulkItem item = items.get(i);
            JsonNode r0 = results.path(i);
            Iterator<Map.Entry<String, JsonNode>> op = r0.fields();
            JsonNode outcome = op.hasNext() ? op.next().getValue() : r0;
            int status = outcome.path("status").asInt(0);
            if (status >= 200 && status < 300 || status == 404 && "not_found".equals(outcome.path("result").asText())) {
                // (a delete of what is already gone is done too)
                counts.record(item.kind(), outcome.path("result").asText("updated"));
                listener.stored(item);
                continue;
            }
            String type = outcome.path("error").path("type").asText(status == 0 ? "no answer for this item" : "error");
            String reason = outcome.path("error").path("reason").asText("");
            lastError = "HTTP " + status + " " + type + (reason.isEmpty() ? "" : ": " + reason);
            switch (WriteError.of(status, type)) {
                case RETRIABLE -> again.add(item);
                case CONFLICT -> (item.versioned() ? conflicts : again).add(item);
                case DOCUMENT -> rejections.add(new Rejection(item, status, type, reason));
                case FATAL -> fail(new ElasticsearchUnavailableException("Elasticsearch at " + transport.describe()
                        + " refused document " + item.id() + " of " + item.index() + " (" + lastError
                        + "); nothing after it is taken for stored", null));
            }
        }
        rejections.forEach(listener::rejected);
        String why = lastError;
        settleConflicts(conflicts, again).onComplete(v -> {
            if (again.isEmpty() || failure != null) {
                partDone(r);
            } else {
                retryLater(r, again, attempt, why);
            }
        });
    }

    /** A 409 on a versioned item: done if what is stored is at least as new, else sent again with {@code again}. */
    private Future<Void> settleConflicts(List<BulkItem> conflicts, List<BulkItem> again) {
        if (conflicts.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<Long>> versions = new ArrayList<>();
        for (BulkItem item : conflicts) {
            versions.add(transport.storedVersion(item.index(), item.id()));
        }
        return Future.join(versions).transform(ignored -> {
            for (int i = 0; i < conflicts.size(); i++) {
                BulkItem item = conflicts.get(i);
                Future<Long> v = versions.get(i);
                if (v.succeeded() && v.result() >= item.version()) {
                    counts.record(item.kind(), "noop"); // superseded: a newer one is stored
                    listener.stored(item);
                } else {
                    again.add(item);
                }
            }
            return Future.succeededFuture();
        });
    }

    private void requestFailed(Request r, List<BulkItem> items, int attempt, Throwable err) {
        int status = err instanceof BulkTransport.RequestFailure f ? f.status() : 0;
        String type = err instanceof BulkTransport.RequestFailure f ? f.type() : null;
        String why = describe(err);
        if (status == 413 && items.size() > 1) {
            // Too large as a whole: halves, each on its own, until a single document is left to blame.
            r.parts++;
            send(r, new ArrayList<>(items.subList(0, items.size() / 2)), attempt);
            send(r, new ArrayList<>(items.subList(items.size() / 2, items.size())), attempt);
            return;
        }
        switch (WriteError.of(status, type)) {
            case RETRIABLE, CONFLICT -> retryLater(r, items, attempt, why);
            case DOCUMENT -> {
                if (items.size() == 1) {
                    listener.rejected(new Rejection(items.get(0), status, type == null ? "too_large" : type, why));
                } else {
                    fail(new ElasticsearchUnavailableException("Elasticsearch at " + transport.describe()
                            + " refused a bulk request: " + why, err));
                }
                partDone(r);
            }
            case FATAL -> {
                fail(new ElasticsearchUnavailableException("Elasticsearch at " + transport.describe()
                        + " refused a bulk request: " + why, err));
                partDone(r);
            }
        }
    }

    private void retryLater(Request r, List<BulkItem> items, int attempt, String why) {
        long elapsedMs = (scheduler.nanoTime() - r.firstTry) / 1_000_000;
        if (elapsedMs >= limits.outage().toMillis()) {
            fail(new ElasticsearchUnavailableException("Elasticsearch at " + transport.describe() + " did not accept "
                    + items.size() + " document(s) for " + elapsedMs / 1000 + " s (last: " + why + ")", null));
            partDone(r);
            return;
        }
        if (attempt == 2) {
            LOG.warn("Elasticsearch at {} is not accepting {} document(s) ({}); retrying for up to {} s", transport.describe(),
                    items.size(), why, limits.outage().toSeconds());
        }
        retried += items.size();
        long wait = Math.min(backoff.millis(attempt), Math.max(1, limits.outage().toMillis() - elapsedMs));
        scheduler.after(wait, () -> send(r, items, attempt + 1));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof BulkTransport.RequestFailure)) {
            root = root.getCause();
        }
        String m = root.getMessage();
        String what = root instanceof BulkTransport.RequestFailure ? "" : root.getClass().getSimpleName() + (m == null ? "" : ": ");
        return what + (m == null ? "" : m.length() > 300 ? m.substring(0, 300) + "..." : m);
    }

    private void partDone(Request r) {
        if (--r.parts == 0) {
            done(r.seq);
        }
    }

    private void done(long seq) {
        inFlight--;
        outstanding.remove(seq);
        while (inFlight < limits.maxInFlight() && !roomWaiters.isEmpty()) {
            roomWaiters.poll().tryComplete();
        }
        if (failure != null) {
            return;
        }
        if (inFlight == 0 && !batch.isEmpty() && !flushWaiters.isEmpty()) {
            sendBatch(); // added after the flush began: the flush covers it too
        } else if (inFlight == 0 && batch.isEmpty()) {
            List<Promise<Void>> waiting = List.copyOf(flushWaiters);
            flushWaiters.clear();
            waiting.forEach(Promise::tryComplete);
        }
        if (!barriers.isEmpty()) {
            long lowest = outstanding.isEmpty() ? Long.MAX_VALUE : outstanding.first();
            List<Barrier> passed = barriers.stream().filter(b -> b.upTo() < lowest).toList();
            barriers.removeAll(passed);
            passed.forEach(b -> b.promise().tryComplete()); // after the removal: a waiter may add a barrier
        }
    }
}
