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
import java.util.Optional;
import org.transcriptsearch.indexer.source.Checkpoint;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.HarvestRequest;
import org.transcriptsearch.indexer.source.PageSink;
import org.transcriptsearch.indexer.source.PageWalk;
import org.transcriptsearch.indexer.source.Paging;
import org.transcriptsearch.indexer.source.RollingRateLimit;
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
    private static final Map<String, RollingRateLimit> KEY_LIMITS = new ConcurrentHashMap<>();

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
        if (spans.isEmpty()) {
            return Future.succeededFuture();
        }
        PageWalk walk = new PageWalk(http, source, request, sink);
        // Side by side, each at its endpoint's rate; one stream that cannot go on leaves the other to finish.
        return PageWalk.all(streams().stream()
                .map(stream -> walk.walk(stream, new Position(0, null), new Export(stream, spans, request))).toList());
    }

    /** Where a stream is: which span, and the vendor's cursor within it (null: its first page). */
    private record Position(int span, String cursor) {
    }

    /**
     * One endpoint's export over consecutive spans, each walked with the returned {@code cursor} until it
     * is null. The API gives no order within a span, so only a finished span moves the checkpoint.
     */
    private final class Export implements Paging<Position> {
        private final String stream;
        private final List<Span> spans;
        private final HarvestRequest request;

        Export(String stream, List<Span> spans, HarvestRequest request) {
            this.stream = stream;
            this.spans = spans;
            this.request = request;
        }

        @Override
        public VendorCall call(Position p) {
            return VendorCall.get(url(stream, spans.get(p.span()), p.cursor()), "apiKey")
                    .header("x-api-key", settings.apiKey()).onEndpoint(stream);
        }

        @Override
        public Read<Position> read(Position p, Buffer body) {
            String location = describe(p);
            AgentxMapper.Mapped m = mapper.map(stream, body.toString(StandardCharsets.UTF_8), location);
            if (!m.readable()) {
                throw SourceException.unreadable(location, m.page().setAside().get(0).reason());
            }
            SourcePage page = m.page();
            boolean spanDone = m.cursor() == null;
            if (spanDone && !request.reindex()) {
                page = page.withCheckpoint(Checkpoint.through(spans.get(p.span()).through()));
            }
            Optional<Position> next = !spanDone ? Optional.of(new Position(p.span(), m.cursor()))
                    : p.span() + 1 < spans.size() ? Optional.of(new Position(p.span() + 1, null)) : Optional.empty();
            return new Read<>(page, next);
        }

        @Override
        public String describe(Position p) {
            return "GET " + http.mask(url(stream, spans.get(p.span()), p.cursor()));
        }

        @Override
        public VendorHttp.ErrorReader errors() {
            return AgentxConnector.this::vendorError;
        }
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
