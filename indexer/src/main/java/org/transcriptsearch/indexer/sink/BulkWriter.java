package org.transcriptsearch.indexer.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.ElasticsearchUnavailableException;
import org.transcriptsearch.indexer.source.SetAside;

/**
 * Writes documents with {@code _bulk}, bounded: requests of at most {@link BulkLimits#maxDocs()} items /
 * {@link BulkLimits#maxBytes()} bytes, at most {@link BulkLimits#maxInFlight()} outstanding; {@link #addAll}
 * completes only when there is room again (back-pressure up to the vendor paging). Every item's answer is
 * read: 429 items are sent again, other rejections are reported with the record they came from (never
 * dropped silently), created/updated/noop are counted. A whole request that fails (Elasticsearch down,
 * 429, 5xx) is retried until {@link BulkLimits#outage()} has passed, then the writer fails and every
 * waiting caller with it. {@link #flush()} completes once everything added so far is acknowledged and
 * nothing else is outstanding; {@link #barrier()} once everything added before it is acknowledged, while
 * later additions keep flowing (the harvest writes the next pages while a batch of conversations is
 * recomputed from the acknowledged messages).
 *
 * <p>All state is touched only on the Vert.x context the writer was created on.
 */
public final class BulkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);
    private static final String FILTER = "?filter_path=errors,items.*.status,items.*.result,items.*.error.type,items.*.error.reason";

    private final ElasticsearchConnection es;
    private final Vertx vertx;
    private final Context context;
    private final BulkLimits limits;
    private final Consumer<SetAside> rejected;
    private final BulkCounts counts = new BulkCounts();
    private final ObjectMapper json = new ObjectMapper();

    private List<BulkItem> batch = new ArrayList<>();
    private int batchBytes;
    private int inFlight;
    private long sent;
    private final TreeSet<Long> outstanding = new TreeSet<>();
    private final List<Barrier> barriers = new ArrayList<>();
    private long requests;
    private final Deque<Promise<Void>> roomWaiters = new ArrayDeque<>();
    private final List<Promise<Void>> flushWaiters = new ArrayList<>();
    private Throwable failure;

    /** Waits for every request numbered {@code upTo} or lower. */
    private record Barrier(long upTo, Promise<Void> promise) {
    }

    /** Call on a Vert.x context (event loop): that context serialises all the writer's work. */
    public BulkWriter(ElasticsearchConnection es, Vertx vertx, BulkLimits limits, Consumer<SetAside> rejected) {
        this.es = es;
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.limits = limits;
        this.rejected = rejected;
    }

    public BulkCounts counts() {
        return counts;
    }

    /** Bulk requests sent so far (retries included). */
    public long requests() {
        return requests;
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
        if (outstanding.isEmpty() || outstanding.first() > sent) {
            return Future.succeededFuture();
        }
        Promise<Void> p = Promise.promise();
        barriers.add(new Barrier(sent, p));
        return p.future();
    }

    private void sendBatch() {
        List<BulkItem> items = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        inFlight++;
        long seq = ++sent;
        outstanding.add(seq);
        send(items, seq, System.nanoTime(), 0);
    }

    private void send(List<BulkItem> items, long seq, long firstTry, int attempt) {
        Request req = new Request("POST", "/_bulk" + FILTER);
        req.setEntity(new BulkBody(items));
        requests++;
        es.lowLevel().performRequestAsync(req, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                JsonNode answer;
                try {
                    answer = json.readTree(response.getEntity().getContent());
                } catch (IOException e) {
                    context.runOnContext(v -> retryOrFail(items, seq, firstTry, attempt, e));
                    return;
                }
                context.runOnContext(v -> answered(items, seq, answer, firstTry));
            }

            @Override
            public void onFailure(Exception e) {
                context.runOnContext(v -> retryOrFail(items, seq, firstTry, attempt, e));
            }
        });
    }

    private void answered(List<BulkItem> items, long seq, JsonNode answer, long firstTry) {
        JsonNode results = answer.path("items");
        List<BulkItem> again = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BulkItem item = items.get(i);
            JsonNode r = results.path(i);
            Iterator<Map.Entry<String, JsonNode>> op = r.fields();
            JsonNode outcome = op.hasNext() ? op.next().getValue() : r;
            int status = outcome.path("status").asInt(0);
            if (status >= 200 && status < 300) {
                counts.record(item.kind(), outcome.path("result").asText("updated"));
            } else if (status == 429 || status == 0) {
                again.add(item);
            } else {
                rejected.accept(new SetAside(item.location(), "Elasticsearch rejected document " + item.id() + " (HTTP "
                        + status + "): " + outcome.path("error").path("type").asText("error") + ": "
                        + outcome.path("error").path("reason").asText("")));
            }
        }
        if (!again.isEmpty()) {
            retryOrFail(again, seq, firstTry, 1, new IOException(again.size() + " items refused with 429 (too many requests)"));
            return;
        }
        done(seq);
    }

    private void retryOrFail(List<BulkItem> items, long seq, long firstTry, int attempt, Exception e) {
        boolean retriable = !(e instanceof ResponseException re) || re.getResponse().getStatusLine().getStatusCode() == 429
                || re.getResponse().getStatusLine().getStatusCode() >= 500;
        long elapsedMs = (System.nanoTime() - firstTry) / 1_000_000;
        if (failure == null && retriable && elapsedMs < limits.outage().toMillis()) {
            long wait = Math.min(5_000, 200L << Math.min(attempt, 5));
            if (attempt == 2) {
                LOG.warn("Elasticsearch at {} is not accepting writes ({}); retrying for up to {} s", es.url(),
                        describe(e), limits.outage().toSeconds());
            }
            vertx.setTimer(wait, t -> send(items, seq, firstTry, attempt + 1));
            return;
        }
        fail(retriable
                ? new ElasticsearchUnavailableException("Elasticsearch at " + es.url() + " did not accept writes for "
                        + elapsedMs / 1000 + " s (" + describe(e) + ")", e)
                : new ElasticsearchUnavailableException("Elasticsearch at " + es.url() + " refused a bulk request: "
                        + describe(e), e));
        done(seq);
    }

    private static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 300 ? m.substring(0, 300) + "..." : m));
    }

    private void fail(Throwable t) {
        if (failure != null) {
            return;
        }
        failure = t;
        List<Promise<Void>> waiting = new ArrayList<>(roomWaiters);
        waiting.addAll(flushWaiters);
        barriers.forEach(b -> waiting.add(b.promise()));
        roomWaiters.clear();
        flushWaiters.clear();
        barriers.clear();
        waiting.forEach(p -> p.tryFail(t));
    }

    private void done(long seq) {
        inFlight--;
        outstanding.remove(seq);
        while (inFlight < limits.maxInFlight() && !roomWaiters.isEmpty()) {
            roomWaiters.poll().tryComplete();
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

    /** Fails if the writer has failed (a caller that did not wait on a future learns it here). */
    public void check() {
        if (failure != null) {
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
    }
}
