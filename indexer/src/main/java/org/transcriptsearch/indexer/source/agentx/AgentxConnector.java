package org.transcriptsearch.indexer.source.agentx;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.indexer.source.Checkpoint;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.HarvestRequest;
import org.transcriptsearch.indexer.source.PageSink;
import org.transcriptsearch.indexer.source.RollingRateLimit;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourceConnector;
import org.transcriptsearch.indexer.source.SourceException;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.indexer.source.VendorCall;
import org.transcriptsearch.indexer.source.VendorHttp;
import org.transcriptsearch.indexer.source.agentx.AgentxWindows.Span;

/**
 * Harvests an AgentX Support bot through the export API: {@code /messages} and {@code /conversations},
 * each walked over {@code start_time..end_time} spans with {@code per_page} up to 1000 and the returned
 * {@code cursor} until it is null. The vendor allows 3 requests a second per endpoint, so the two
 * streams run side by side, each at (not over) its endpoint's rate; the limit is shared by every source
 * using the same key in this process.
 */
public final class AgentxConnector implements SourceConnector {
    static final String PATH = "/conversations/export/v1/";
    private static final Logger LOG = LoggerFactory.getLogger(AgentxConnector.class);
    private static final Map<String, RollingRateLimit> KEY_LIMITS = new ConcurrentHashMap<>();
    private static final int READS_PER_PAGE = 3;

    private final String source;
    private final AgentxSettings settings;
    private final ConnectorContext context;
    private final VendorHttp http;
    private final AgentxMapper mapper;

    AgentxConnector(String source, AgentxSettings settings, ConnectorContext context) {
        this.source = source;
        this.settings = settings;
        this.context = context;
        RollingRateLimit limit = limitFor(settings);
        String bucket = settings.baseUrl() + "|" + Integer.toHexString(settings.apiKey().hashCode()) + "|";
        VendorHttp.Pacer pacer = limit == null ? endpoint -> Future.succeededFuture() : new VendorHttp.Pacer() {
            @Override
            public Future<Void> acquire(String endpoint) {
                return limit.acquire(context.vertx(), bucket + endpoint);
            }

            @Override
            public void completed(String endpoint) {
                limit.completed(bucket + endpoint);
            }
        };
        this.http = new VendorHttp(context.withSecret(settings.apiKey()), source, pacer);
        this.mapper = new AgentxMapper(source, settings.botName());
    }

    /**
     * At most 3 calls in any rolling second per endpoint, plus 25 ms for the vendor's clock: with a fast
     * vendor about 2.9 requests a second sustained, which is "at the rate, never over it".
     */
    static RollingRateLimit limitFor(AgentxSettings s) {
        if (s.requestsPerSecond() == 0) {
            return null;
        }
        return KEY_LIMITS.computeIfAbsent(s.baseUrl() + "|" + s.apiKey().hashCode() + "|" + s.requestsPerSecond(),
                k -> newLimit(s.requestsPerSecond(), System::nanoTime));
    }

    static RollingRateLimit newLimit(int perSecond, java.util.function.LongSupplier nanoTime) {
        return new RollingRateLimit(List.of(new RollingRateLimit.Rule(perSecond, Duration.ofSeconds(1))),
                Duration.ofMillis(25), nanoTime);
    }

    @Override
    public String vendor() {
        return AgentxMapper.VENDOR;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<String> streams() {
        return new AgentxConnectorFactory().streams();
    }

    @Override
    public long vendorCalls() {
        return http.calls();
    }

    @Override
    public SourcePage mapPage(String stream, String body, String location) {
        return mapper.map(stream, body, location).page();
    }

    @Override
    public Future<Void> harvest(HarvestRequest request, PageSink sink) {
        Instant to = request.window().to();
        Instant now = context.clock().instant();
        List<Span> spans = AgentxWindows.plan(request.window().from(), to.isAfter(now) ? now : to, settings.windowSize());
        AtomicReference<Throwable> stop = new AtomicReference<>();
        List<Future<Void>> streams = streams().stream().map(stream -> walk(stream, spans, 0, request, sink, stop)).toList();
        // Wait for both, so a failed stream never leaves the other one running after harvest() has answered.
        return Future.join(streams).transform(ar -> stop.get() == null ? Future.succeededFuture()
                : Future.failedFuture(stop.get()));
    }

    private Future<Void> walk(String stream, List<Span> spans, int index, HarvestRequest request, PageSink sink,
                              AtomicReference<Throwable> stop) {
        if (index >= spans.size()) {
            return Future.succeededFuture();
        }
        return page(stream, spans.get(index), null, request, sink, stop)
                .compose(v -> walk(stream, spans, index + 1, request, sink, stop))
                .onFailure(err -> stop.compareAndSet(null, err));
    }

    private Future<Void> page(String stream, Span span, String cursor, HarvestRequest request, PageSink sink,
                              AtomicReference<Throwable> stop) {
        if (stop.get() != null) {
            return Future.failedFuture(stop.get());
        }
        String url = url(stream, span, cursor);
        String location = "GET " + http.mask(url);
        return read(stream, url, location, 1).compose(m -> {
            SourcePage page = m.page();
            boolean last = m.cursor() == null;
            if (!m.readable()) {
                // Without a readable answer there is no cursor to go on with: the rest of this span is
                // not read, and the set-aside says how to fetch it again.
                page = SourcePage.of(stream, location, List.of(), List.of(), List.of(new SetAside(location,
                        page.setAside().get(0).reason() + " (asked " + READS_PER_PAGE + " times); the rest of "
                                + Instant.ofEpochSecond(span.startTime()) + " .. " + Instant.ofEpochSecond(span.endTime())
                                + " was not read: run reindex --source " + source + " --from "
                                + Instant.ofEpochSecond(span.startTime()) + " --to " + Instant.ofEpochSecond(span.endTime()))));
                last = true;
            }
            if (last && !request.reindex()) {
                page = page.withCheckpoint(Checkpoint.through(span.through()));
            }
            boolean done = last;
            String next = m.cursor(); // not m itself: each continuation lives until the span's last page
            return sink.accept(page).compose(v -> done ? Future.succeededFuture()
                    : page(stream, span, next, request, sink, stop));
        });
    }

    private Future<AgentxMapper.Mapped> read(String stream, String url, String location, int attempt) {
        VendorCall call = VendorCall.get(url, "apiKey").header("x-api-key", settings.apiKey()).onEndpoint(stream);
        return http.send(call, this::vendorError, b -> b.toString(StandardCharsets.UTF_8)).compose(body -> {
            AgentxMapper.Mapped m = mapper.map(stream, body, location);
            if (!m.readable() && attempt < READS_PER_PAGE) {
                LOG.info("source {}: {} answered an unreadable page; asking again", source, location);
                return read(stream, url, location, attempt + 1);
            }
            return Future.succeededFuture(m);
        });
    }

    String url(String stream, Span span, String cursor) {
        return settings.baseUrl() + PATH + stream + "?start_time=" + span.startTime() + "&end_time=" + span.endTime()
                + "&bot_name=" + enc(settings.botName()) + "&per_page=" + settings.pageSize()
                + (cursor == null ? "" : "&cursor=" + enc(cursor));
    }

    /** AgentX's 429 carries no documented Retry-After: wait out the second it counts in. */
    private SourceException vendorError(HttpResponse<Buffer> resp, String maskedUrl) {
        if (resp.statusCode() == 429 && resp.getHeader("Retry-After") == null) {
            return SourceException.retriable("GET " + maskedUrl + " answered HTTP 429 (3 requests a second per endpoint)",
                    429, Duration.ofMillis(1100));
        }
        return null;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        http.close();
    }
}
