package org.transcriptsearch.indexer.source.kore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import org.transcriptsearch.document.MessageDocument;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.transcriptsearch.indexer.source.Checkpoint;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.HarvestRequest;
import org.transcriptsearch.indexer.source.HarvestWindow;
import org.transcriptsearch.indexer.source.PageSink;
import org.transcriptsearch.indexer.source.PageWalk;
import org.transcriptsearch.indexer.source.Paging;
import org.transcriptsearch.indexer.source.RollingRateLimit;
import org.transcriptsearch.indexer.source.SourceConnector;
import org.transcriptsearch.indexer.source.SourceException;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.indexer.source.VendorCall;
import org.transcriptsearch.indexer.source.VendorHttp;

/**
 * Harvests a Kore.ai bot's conversation history: {@code POST /api/public/bot/{botId}/getMessages} over
 * consecutive windows shorter than 7 days, oldest first ({@code forward: true}), {@code skip} advancing
 * by {@code limit} until {@code moreAvailable} is false. Calls are kept within the bot's 60 a minute and
 * 1,800 an hour (shared by every source of the same bot in this process); a 429 still waits as long as
 * the vendor asks.
 *
 * <p>Paging: {@link History}, walked by the shared {@link PageWalk}.
 */
public final class KoreConnector implements SourceConnector {
    public static final String STREAM = "messages";
    static final String PATH = "/api/public/bot/%s/getMessages";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per bot, not per source: two sources of one bot share the vendor's budget. */
    private static final Map<String, RollingRateLimit> BOT_LIMITS = new ConcurrentHashMap<>();
    private static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

    private final String source;
    private final KoreSettings settings;
    private final ConnectorContext context;
    private final KoreJwt jwt;
    private final VendorHttp http;
    private final KoreMapper mapper;
    private final String url;

    KoreConnector(String source, KoreSettings settings, ConnectorContext context) {
        this.source = source;
        this.settings = settings;
        this.context = context;
        this.jwt = KoreJwt.of(settings, context.clock());
        this.url = settings.baseUrl() + String.format(PATH, settings.botId());
        String[] secrets = Arrays.stream(new String[] {settings.clientSecret(), settings.jwt()})
                .filter(s -> s != null && !s.isEmpty()).toArray(String[]::new);
        RollingRateLimit limit = limitFor(settings);
        String bucket = settings.baseUrl() + "|" + settings.botId();
        VendorHttp.Pacer pacer = limit == null ? endpoint -> Future.succeededFuture() : new VendorHttp.Pacer() {
            @Override
            public Future<Void> acquire(String endpoint) {
                return limit.acquire(context.vertx(), bucket);
            }

            @Override
            public void completed(String endpoint) {
                limit.completed(bucket);
            }
        };
        this.http = new VendorHttp(context.withSecret(secrets), source, pacer);
        this.mapper = new KoreMapper(source, settings.botId(), settings.botName());
    }

    static RollingRateLimit limitFor(KoreSettings s) {
        if (s.callsPerMinute() == 0 && s.callsPerHour() == 0) {
            return null;
        }
        return BOT_LIMITS.computeIfAbsent(s.baseUrl() + "|" + s.botId(), k -> newLimit(s, System::nanoTime));
    }

    /** 60 a minute and 1,800 an hour (or what the settings lower them to), with 250 ms for the vendor's clock. */
    static RollingRateLimit newLimit(KoreSettings s, java.util.function.LongSupplier nanoTime) {
        List<RollingRateLimit.Rule> rules = new ArrayList<>();
        if (s.callsPerMinute() > 0) {
            rules.add(new RollingRateLimit.Rule(s.callsPerMinute(), Duration.ofMinutes(1)));
        }
        if (s.callsPerHour() > 0) {
            rules.add(new RollingRateLimit.Rule(s.callsPerHour(), Duration.ofHours(1)));
        }
        return new RollingRateLimit(rules, Duration.ofMillis(250), nanoTime);
    }

    @Override
    public String vendor() {
        return KoreMapper.VENDOR;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<String> streams() {
        return new KoreConnectorFactory().streams();
    }

    @Override
    public long vendorCalls() {
        return http.calls();
    }

    @Override
    public SourcePage mapPage(String stream, String body, String location) {
        return mapper.map(body, location, stream).page();
    }

    @Override
    public Future<Void> harvest(HarvestRequest request, PageSink sink) {
        List<HarvestWindow> windows = KoreWindows.plan(request.window(), settings.windowSize(), context.clock().instant());
        List<String> channels = settings.channelTypes().isEmpty() ? Arrays.asList((String) null) : settings.channelTypes();
        List<Pass> passes = new ArrayList<>();
        for (HarvestWindow w : windows) {
            for (int p = 0; p < channels.size(); p++) {
                passes.add(new Pass(w, channels.get(p), p == channels.size() - 1, channels.size() == 1));
            }
        }
        if (passes.isEmpty()) {
            return Future.succeededFuture();
        }
        return new PageWalk(http, source, request, sink).walk(STREAM, new Step(0, 0), new History(request, passes));
    }

    /** One walk of skip/limit over one window and channel. */
    private record Pass(HarvestWindow window, String channelType, boolean lastOfWindow, boolean pageCheckpoints) {
    }

    /** A page of the history: which pass, and how far into it. */
    private record Step(int pass, int skip) {
    }

    /**
     * The conversation history over consecutive windows (and channel passes), each read oldest first with
     * {@code skip} advancing by {@code limit} until {@code moreAvailable} is false. Because a window is read
     * oldest first, after each page everything before its last message (within the window) has been handed
     * over, so pages carry a {@code through} checkpoint; with several channel passes over one window, only
     * the window's end does.
     */
    private final class History implements Paging<Step> {
        private final HarvestRequest request;
        private final List<Pass> passes;

        History(HarvestRequest request, List<Pass> passes) {
            this.request = request;
            this.passes = passes;
        }

        @Override
        public VendorCall call(Step step) {
            Pass pass = passes.get(step.pass());
            ObjectNode body = JSON.createObjectNode()
                    .put("skip", step.skip())
                    .put("limit", settings.pageSize())
                    .put("dateFrom", KoreWindows.format(pass.window().from()))
                    .put("dateTo", KoreWindows.format(pass.window().to()))
                    .put("forward", true);
            if (pass.channelType() != null) {
                body.put("channelType", pass.channelType());
            }
            // The JWT is read per call (not per pass) so a renewed one is picked up on a long harvest.
            return new VendorCall(HttpMethod.POST, url, io.vertx.core.MultiMap.caseInsensitiveMultiMap(),
                    Buffer.buffer(body.toString()), settings.credentialKey(), "getMessages")
                    .header("auth", jwt.token())
                    .header("content-type", "application/json");
        }

        @Override
        public Read<Step> read(Step step, Buffer body) {
            Pass pass = passes.get(step.pass());
            String location = describe(step);
            KoreMapper.Mapped m = mapper.map(body.toString(StandardCharsets.UTF_8), location, STREAM);
            if (!m.readable()) {
                throw SourceException.unreadable(location, m.page().setAside().get(0).reason());
            }
            // Without the flag, a full page is the only hint that another may follow.
            boolean flagged = m.moreAvailable() != null ? m.moreAvailable() : m.records() == settings.pageSize();
            boolean more = flagged && m.records() > 0;
            SourcePage page = m.page();
            if (!request.reindex()) {
                Instant last = lastWithin(page, pass.window());
                if (!more && pass.lastOfWindow()) {
                    page = page.withCheckpoint(Checkpoint.through(pass.window().to()));
                } else if (pass.pageCheckpoints() && last != null) {
                    page = page.withCheckpoint(Checkpoint.through(last));
                }
            }
            Optional<Step> next = more ? Optional.of(new Step(step.pass(), step.skip() + settings.pageSize()))
                    : step.pass() + 1 < passes.size() ? Optional.of(new Step(step.pass() + 1, 0)) : Optional.empty();
            return new Read<>(page, next);
        }

        @Override
        public String describe(Step step) {
            return "POST " + http.mask(url) + " " + KoreConnector.describe(passes.get(step.pass()), step.skip());
        }

        @Override
        public VendorHttp.ErrorReader errors() {
            return KoreConnector.this::vendorError;
        }
    }

    /**
     * The page's latest message time within the window: a record with a time outside it (a vendor's unit
     * error puts one thousands of years ahead) must never become a checkpoint.
     */
    private static Instant lastWithin(SourcePage page, HarvestWindow window) {
        Instant last = null;
        for (MessageDocument m : page.messages()) {
            Instant t = m.timestamp();
            if (t != null && window.contains(t) && (last == null || t.isAfter(last))) {
                last = t;
            }
        }
        return last;
    }

    private static String describe(Pass pass, int skip) {
        return "{dateFrom " + KoreWindows.format(pass.window().from()) + ", dateTo " + KoreWindows.format(pass.window().to())
                + (pass.channelType() == null ? "" : ", channelType " + pass.channelType()) + ", skip " + skip + "}";
    }

    /**
     * Kore's own answers: a 429 without Retry-After waits out the minute the vendor counts in; a 400
     * about the date range means the window plan is wrong, which must never pass silently.
     */
    private SourceException vendorError(HttpResponse<Buffer> resp, String maskedUrl) {
        int status = resp.statusCode();
        if (status == 429 && resp.getHeader("Retry-After") == null) {
            return SourceException.retriable("POST " + maskedUrl + " answered HTTP 429 (Kore's 60 calls a minute per bot)",
                    429, DEFAULT_RATE_LIMIT_WAIT);
        }
        String body = resp.bodyAsString();
        if (status == 400 && body != null && body.toLowerCase().contains("7 days")) {
            return SourceException.fatal(source, "windowSize", "Kore refused the date range (" + http.redactor()
                    .redact(body.length() > 200 ? body.substring(0, 200) : body) + ")", status);
        }
        return null;
    }

    @Override
    public void close() {
        http.close();
    }
}
