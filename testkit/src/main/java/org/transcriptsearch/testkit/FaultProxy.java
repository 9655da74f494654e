package org.transcriptsearch.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real Elasticsearch node that injects the faults a cluster
 * incident produces, so an integration test can point the process under test at {@link #url()} and see
 * how it copes: single {@code _bulk} items refused (queue full, shard unavailable, mapping errors ...),
 * whole requests answered with an error status, connections closed without an answer.
 *
 * <p>Everything else is forwarded as it came and answered as the node answered. In a {@code _bulk}, the
 * operations chosen for a fault never reach the node; the rest go on as one smaller bulk, and the answer
 * holds every item in the request's order, the made-up ones shaped like Elasticsearch's own. Rules can
 * be set and cleared while traffic flows; {@link #injected()} tells what was delivered.
 *
 * <pre>
 * try (FaultProxy proxy = FaultProxy.start(es.url())) {
 *     proxy.failNextItems(ItemFault.QUEUE_FULL, 3);
 *     proxy.failAlways(ItemFault.MAPPING_ERROR, op -&gt; op.id().equals("bad-1"));
 *     runHarvester(proxy.url());
 * }
 * </pre>
 */
public final class FaultProxy implements AutoCloseable {
    /** Long enough for a slow bulk on a busy node, short enough that a test never hangs on a dead one. */
    private static final Duration NODE_TIMEOUT = Duration.ofSeconds(120);

    private final FaultRules rules = new FaultRules();
    private final ProxyHandler handler;
    private final ExecutorService workers;
    private final HttpServer server;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();

    private FaultProxy(String targetUrl) throws IOException {
        this.handler = new ProxyHandler(new NodeForwarder(targetUrl, NODE_TIMEOUT), rules);
        AtomicInteger threads = new AtomicInteger();
        // Each exchange blocks a thread while the node works on it: a pool that grows keeps 64 pooled
        // client connections (and more) served at once instead of queueing behind a slow bulk.
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", handler);
        server.setExecutor(workers);
        server.start();
    }

    static {
        // The JDK's server writes headers and body apart; with Nagle's algorithm on, each answer then waits
        // for the client's delayed ACK (measured: a harvest of 39 pages took 21 s through the proxy, 7 s
        // with this). Read once, when the server's configuration loads: so before the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Starts a proxy on a free port in front of the node at {@code targetUrl} (e.g. {@code http://127.0.0.1:9200}). */
    public static FaultProxy start(String targetUrl) {
        try {
            return new FaultProxy(targetUrl);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: the Elasticsearch URL to give the code under test. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The next {@code count} bulk operations, in arrival order across requests, get this fault. */
    public void failNextItems(ItemFault kind, int count) {
        rules.failItems(Objects.requireNonNull(kind, "kind"), op -> true, nonNegative(count));
    }

    /** The next {@code count} bulk operations that match get this fault. */
    public void failItems(ItemFault kind, Predicate<BulkOperation> which, int count) {
        rules.failItems(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(which, "which"),
                nonNegative(count));
    }

    /** Every matching operation gets this fault until {@link #clear()}: a document that can never be stored. */
    public void failAlways(ItemFault kind, Predicate<BulkOperation> which) {
        rules.failAlways(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(which, "which"));
    }

    /**
     * Each operation gets this fault with probability {@code rate}, reproducibly for a seed, until
     * {@link #clear()}; several may be active at once, each drawing for every operation.
     */
    public void failRandomItems(ItemFault kind, double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be between 0 and 1: " + rate);
        }
        rules.failRandomly(Objects.requireNonNull(kind, "kind"), rate, seed);
    }

    /**
     * The next {@code count} requests whose raw path (no query string) matches are answered with
     * {@code status} (400-599) and an Elasticsearch error body, without reaching the node.
     */
    public void failNextRequests(int status, int count, Predicate<String> pathMatcher) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400-599: " + status);
        }
        rules.failRequests(new RequestFault(status), Objects.requireNonNull(pathMatcher, "pathMatcher"),
                nonNegative(count));
    }

    /** The next {@code count} requests whose raw path matches are read, then the connection is closed unanswered. */
    public void cutNextRequests(int count, Predicate<String> pathMatcher) {
        rules.failRequests(new RequestFault(RequestFault.CUT), Objects.requireNonNull(pathMatcher, "pathMatcher"),
                nonNegative(count));
    }

    /**
     * Keeps every request that arrives from now on (method, path, query, body), faulted or not; for a test
     * that needs to know exactly what the process under test asked of Elasticsearch. Off by default: a
     * long harvest's bodies would fill the heap.
     */
    public void recordRequests() {
        handler.record(recorded);
    }

    /** The requests kept since {@link #recordRequests()}, in arrival order. */
    public List<RecordedRequest> recorded() {
        return List.copyOf(recorded);
    }

    /** Drops every queued, sticky and random rule; counters and the log stay. */
    public void clear() {
        rules.clear();
    }

    /** Requests sent on to the node (a bulk whose every operation was faulted is not). */
    public long forwardedRequests() {
        return handler.forwarded();
    }

    /** Bulk operations answered with this fault so far. */
    public long faultedItems(ItemFault kind) {
        return rules.faulted(kind);
    }

    /**
     * Every item fault given so far, in order. A fault counts once chosen, even if the rest of its bulk
     * then failed as a whole (the client saw that failure instead).
     */
    public List<InjectedFault> injected() {
        return rules.injected();
    }

    /** Item faults queued by {@link #failNextItems} and {@link #failItems} that no operation has taken yet. */
    public int pendingItemFaults() {
        return rules.pendingItemFaults();
    }

    /** Whole-request faults queued that no request has taken yet. */
    public int pendingRequestFaults() {
        return rules.pendingRequestFaults();
    }

    /** Requests answered with an error status by {@link #failNextRequests}. */
    public long failedRequests() {
        return rules.failedRequests();
    }

    /** Connections closed unanswered by {@link #cutNextRequests}. */
    public long cutRequests() {
        return rules.cutRequests();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            workers.shutdownNow(); // interrupts calls still waiting on the node
        }
    }

    private static int nonNegative(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return count;
    }
}
