package org.transcriptsearch.indexer.source;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.secrets.Redactor;

/**
 * The vendor HTTP path every connector shares: Vert.x Web Client, pacing, a timeout per try, retries of
 * retriable failures with backoff and jitter honouring {@code Retry-After}, the one classification of
 * HTTP errors (401/403 fatal naming the source and key; 408/429/5xx/timeouts/cut connections retriable),
 * and masking: every URL in a log line or error goes through the {@link Redactor}. Every try and retry is
 * reported to the context's {@link VendorCallMeter}.
 */
public final class VendorHttp implements PageFetcher, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VendorHttp.class);

    /** Reads a vendor's own error answers before the generic classification; null means "not special". */
    public interface ErrorReader {
        SourceException read(HttpResponse<Buffer> response, String maskedUrl);
    }

    private final ConnectorContext context;
    private final String source;
    private final WebClient client;
    private final Pacer pacer;
    private final AtomicLong calls = new AtomicLong();

    /** Decides when a call (every try of it, retries included) may start; {@link RequestPacer} is one. */
    @FunctionalInterface
    public interface Pacer {
        Future<Void> acquire(String endpoint);

        /** The try's answer (or failure) has arrived: by now the vendor has certainly counted it. */
        default void completed(String endpoint) {
        }
    }

    public VendorHttp(ConnectorContext context, String source, RequestPacer pacer) {
        this(context, source, (Pacer) pacer::acquire);
    }

    public VendorHttp(ConnectorContext context, String source, Pacer pacer) {
        this.context = context;
        this.source = source;
        this.pacer = pacer;
        this.client = WebClient.create(context.vertx(), new WebClientOptions()
                .setUserAgent("transcript-search-indexer")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, context.retry().timeout().toMillis()))
                .setKeepAlive(true)
                .setDecompressionSupported(true));
    }

    public long calls() {
        return calls.get();
    }

    public Redactor redactor() {
        return context.redactor();
    }

    /** The URL with every credential masked: the only form of it that may be printed or stored. */
    public String mask(String url) {
        return context.redactor().redact(url);
    }

    /**
     * Sends the call (retrying as the policy says) and turns a 2xx body into a {@code T} with
     * {@code parse}. If {@code parse} throws a retriable {@link SourceException} (a truncated or
     * malformed body), the call is retried like any other retriable failure.
     */
    @Override
    public <T> Future<T> send(VendorCall call, ErrorReader vendorErrors, Function<Buffer, T> parse) {
        return attempt(call, vendorErrors, parse, 1);
    }

    private <T> Future<T> attempt(VendorCall call, ErrorReader vendorErrors, Function<Buffer, T> parse, int n) {
        String masked = mask(call.url());
        return pacer.acquire(call.endpoint())
                .compose(v -> once(call, masked, vendorErrors))
                .map(resp -> parse.apply(resp.body() == null ? Buffer.buffer() : resp.body()))
                .recover(err -> {
                    SourceException e = classify(err, masked);
                    if (!e.retriable() || n >= context.retry().maxAttempts()) {
                        if (e.retriable()) {
                            return Future.failedFuture(SourceException.retriable("source " + source + ": " + e.getMessage()
                                    + " (gave up after " + n + " tries)", e.status().orElse(null), null));
                        }
                        return Future.failedFuture(e);
                    }
                    Duration wait = context.retry().delay(n, e.retryAfter().orElse(null));
                    context.calls().retried(call.endpoint(), e.status().orElse(0));
                    LOG.info("source {}: {} — retry {} of {} in {} ms", source, e.getMessage(), n,
                            context.retry().maxAttempts() - 1, wait.toMillis());
                    Promise<Void> timer = Promise.promise();
                    context.vertx().setTimer(Math.max(1, wait.toMillis()), t -> timer.complete());
                    return timer.future().compose(v -> attempt(call, vendorErrors, parse, n + 1));
                });
    }

    private Future<HttpResponse<Buffer>> once(VendorCall call, String masked, ErrorReader vendorErrors) {
        calls.incrementAndGet();
        long start = System.nanoTime();
        HttpRequest<Buffer> req = client.requestAbs(call.method(), call.url())
                .timeout(context.retry().timeout().toMillis())
                .putHeaders(call.headers())
                .as(ChunkedBody.INSTANCE);
        Future<HttpResponse<Buffer>> sent = (call.body() == null ? req.send() : req.sendBuffer(call.body()))
                .onComplete(ar -> {
                    pacer.completed(call.endpoint());
                    context.calls().tried(call.endpoint(), ar.succeeded() ? ar.result().statusCode() : 0,
                            System.nanoTime() - start);
                });
        return sent.compose(resp -> {
            int status = resp.statusCode();
            if (status >= 200 && status < 300) {
                return Future.succeededFuture(resp);
            }
            SourceException special = vendorErrors == null ? null : vendorErrors.read(resp, masked);
            if (special != null) {
                return Future.failedFuture(special);
            }
            return Future.failedFuture(statusError(call, resp, masked));
        });
    }

    private SourceException statusError(VendorCall call, HttpResponse<Buffer> resp, String masked) {
        int status = resp.statusCode();
        String what = call.method() + " " + masked + " answered HTTP " + status;
        if (status == 401 || status == 403) {
            return SourceException.fatal(source, call.credentialKey(),
                    "the vendor refused the credentials (" + what + ")", status);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return SourceException.retriable(what, status, retryAfter(resp.getHeader("Retry-After")));
        }
        return new SourceException(SourceException.Kind.FATAL, "source " + source + ": " + what + ": "
                + snippet(resp.bodyAsString()), status, null, null);
    }

    private String snippet(String body) {
        if (body == null) {
            return "(no body)";
        }
        String s = context.redactor().redact(body.replaceAll("\\s+", " "));
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private SourceException classify(Throwable err, String masked) {
        if (err instanceof SourceException e) {
            return e;
        }
        // Timeouts, refused or cut connections, TLS hiccups: all worth another try.
        String m = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
        return new SourceException(SourceException.Kind.RETRIABLE, masked + " failed: " + context.redactor().redact(m),
                null, null, null);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String h = header.trim();
        if (h.matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(h));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
