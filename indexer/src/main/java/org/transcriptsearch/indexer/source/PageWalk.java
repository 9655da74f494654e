package org.transcriptsearch.indexer.source;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks {@link Paging} listings for one harvest, the same way for every vendor:
 * <ul>
 *   <li>each call through {@link VendorHttp} (pacing, retries with backoff, {@code Retry-After}); an
 *       unreadable answer is retried like a 503;</li>
 *   <li>a page is handed to the {@link PageSink} and the next one asked for only when the sink is ready
 *       (back-pressure), or, where the listing prefetches, while the page is written;</li>
 *   <li>an expired scroll restarts the listing where {@link Paging#restart} says, a few times at most;</li>
 *   <li>a page that still cannot be read ends that stream (not the others) with a message naming the
 *       source, the stream, the window and the request; its checkpoint stays at the last page stored;</li>
 *   <li>a {@link StopSignal} ends the stream after the page in hand, with {@link HarvestStopped}.</li>
 * </ul>
 * The pages are a loop of callbacks, not a chain of composed futures: such a chain keeps every page's
 * continuation, and what it captured, until the last page.
 */
public final class PageWalk {
    private static final Logger LOG = LoggerFactory.getLogger(PageWalk.class);
    static final int MAX_RESTARTS = 3;

    private final PageFetcher http;
    private final String source;
    private final HarvestRequest request;
    private final PageSink sink;

    public PageWalk(PageFetcher http, String source, HarvestRequest request, PageSink sink) {
        this.http = http;
        this.source = source;
        this.request = request;
        this.sink = sink;
    }

    /** Every stream to its end, side by side; fails with the first stream's failure once all have ended. */
    public static Future<Void> all(List<Future<Void>> streams) {
        return Future.join(streams).transform(ar -> {
            for (Future<Void> f : streams) {
                if (f.failed()) {
                    return Future.failedFuture(f.cause());
                }
            }
            return Future.succeededFuture();
        });
    }

    /** Walks {@code stream} from {@code first} to the listing's end. */
    public <Q> Future<Void> walk(String stream, Q first, Paging<Q> paging) {
        Promise<Void> done = Promise.promise();
        if (request.stop().requested()) {
            done.fail(stopped(stream, paging.describe(first)));
        } else {
            new Walk<>(stream, paging, done).step(fetch(paging, first), first);
        }
        return done.future();
    }

    private <Q> Future<Paging.Read<Q>> fetch(Paging<Q> paging, Q q) {
        return http.send(paging.call(q), paging.errors(), body -> paging.read(q, body));
    }

    private HarvestStopped stopped(String stream, String where) {
        return new HarvestStopped("source " + source + ", stream " + stream + ": stopped (" + request.stop().reason()
                + ") before " + where);
    }

    /** One stream's walk. */
    private final class Walk<Q> {
        private final String stream;
        private final Paging<Q> paging;
        private final Promise<Void> done;
        private int restarts;

        Walk(String stream, Paging<Q> paging, Promise<Void> done) {
            this.stream = stream;
            this.paging = paging;
            this.done = done;
        }

        void step(Future<Paging.Read<Q>> answer, Q asked) {
            answer.onComplete(ar -> {
                if (ar.failed()) {
                    failed(asked, ar.cause());
                    return;
                }
                Paging.Read<Q> read = ar.result();
                Q next = read.next().orElse(null);
                Future<Paging.Read<Q>> prefetched = next != null && paging.prefetch() && !request.stop().requested()
                        ? fetch(paging, next) : null;
                Future<Void> accepted;
                try {
                    accepted = sink.accept(read.page());
                } catch (RuntimeException e) {
                    done.tryFail(e);
                    return;
                }
                accepted.onComplete(written -> {
                    if (written.failed()) {
                        done.tryFail(written.cause());
                    } else if (next == null) {
                        done.tryComplete();
                    } else if (request.stop().requested()) {
                        done.tryFail(stopped(stream, paging.describe(next)));
                    } else {
                        step(prefetched != null ? prefetched : fetch(paging, next), next);
                    }
                });
            });
        }

        private void failed(Q asked, Throwable err) {
            if (err instanceof SourceException e && e.kind() == SourceException.Kind.SCROLL_EXPIRED && restarts < MAX_RESTARTS) {
                var again = paging.restart(asked);
                if (again.isPresent()) {
                    restarts++;
                    LOG.warn("source {}, stream {}: {}; starting the listing again", source, stream, e.getMessage());
                    step(fetch(paging, again.get()), again.get());
                    return;
                }
            }
            if (err instanceof SourceException e && e.kind() == SourceException.Kind.FATAL) {
                done.tryFail(e); // a credential or setting: the message names the key to fix
                return;
            }
            String why = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
            if (why.startsWith("source " + source + ": ")) {
                why = why.substring(("source " + source + ": ").length());
            }
            done.tryFail(new SourceException(SourceException.Kind.RETRIABLE, "source " + source + ", stream " + stream
                    + ", window " + request.window() + ": " + why + "; the stream stops here", null, null, err));
        }
    }
}
