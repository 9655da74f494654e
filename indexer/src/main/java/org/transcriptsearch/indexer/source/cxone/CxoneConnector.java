package org.transcriptsearch.indexer.source.cxone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.HarvestRequest;
import org.transcriptsearch.indexer.source.PageSink;
import org.transcriptsearch.indexer.source.RequestPacer;
import org.transcriptsearch.indexer.source.SourceConnector;
import org.transcriptsearch.indexer.source.SourceException;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.indexer.source.VendorCall;
import org.transcriptsearch.indexer.source.VendorHttp;

/**
 * Harvests a CXone bot's conversations export: {@code GET /api/public/conversations?token=&perPage=&query=}
 * then {@code next_page_url} until a page is empty or has no next. The scroll is a snapshot in no
 * particular time order, so pages carry no checkpoint: the stream moves to the window's end once the
 * whole scroll is stored. An expired scroll restarts the listing (ids are deterministic, so re-reading
 * is harmless).
 */
public final class CxoneConnector implements SourceConnector {
    public static final String VENDOR = "cxone";
    public static final String STREAM = "conversations";
    private static final Logger LOG = LoggerFactory.getLogger(CxoneConnector.class);
    private static final int MAX_SCROLL_RESTARTS = 3;

    private final String source;
    private final CxoneSettings settings;
    private final ConnectorContext context;
    private final VendorHttp http;
    private final CxoneMapper mapper;

    CxoneConnector(String source, CxoneSettings settings, ConnectorContext context) {
        this.source = source;
        this.settings = settings;
        this.context = context;
        this.http = new VendorHttp(context.withSecret(settings.token()), source, RequestPacer.unlimited(context.vertx()));
        this.mapper = new CxoneMapper(source, Named.of(settings.botId(), settings.botName()));
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<String> streams() {
        return new CxoneConnectorFactory().streams();
    }

    /** A CXone record is a conversation with its whole tracker, exported again, whole, as it grows. */
    @Override
    public boolean recordsHoldWholeConversations() {
        return true;
    }

    @Override
    public long vendorCalls() {
        return http.calls();
    }

    @Override
    public SourcePage mapPage(String stream, String body, String location) {
        return mapper.map(body, location, null).page();
    }

    @Override
    public Future<Void> harvest(HarvestRequest request, PageSink sink) {
        return listing(request, sink, 0);
    }

    private Future<Void> listing(HarvestRequest request, PageSink sink, int restarts) {
        String first = firstUrl(request);
        Promise<Void> done = Promise.promise();
        page(fetch(first), http.mask(first), request, sink, done);
        return done.future().recover(err -> {
            if (err instanceof SourceException e && e.kind() == SourceException.Kind.SCROLL_EXPIRED
                    && restarts < MAX_SCROLL_RESTARTS) {
                LOG.warn("source {}: {}; restarting the listing from the checkpoint", source, e.getMessage());
                return listing(request, sink, restarts + 1);
            }
            return Future.failedFuture(err);
        });
    }

    /**
     * One page: as soon as it is mapped, the next one is asked for, so the vendor's answer travels while
     * this page is written (at most two pages are held: this one and the next). The pages are a loop of
     * callbacks ending in {@code done}, not a chain of composed futures: such a chain keeps every page's
     * continuation, and what it captured, until the last page.
     */
    private void page(Future<JsonNode> answer, String location, HarvestRequest request, PageSink sink, Promise<Void> done) {
        answer.onComplete(fetched -> {
            if (fetched.failed()) {
                done.tryFail(fetched.cause());
                return;
            }
            String next;
            Future<Void> accepted;
            Future<JsonNode> prefetched = null;
            try {
                CxoneMapper.Mapped m = mapper.map(fetched.result(), location, request.window());
                SourcePage page = m.total() == null ? m.page() : m.page().withExpectedTotal(m.total(), "conversations");
                next = m.conversationsOnPage() == 0 || m.nextPageUrl() == null ? null : nextUrl(m.nextPageUrl());
                if (next != null) {
                    prefetched = fetch(next);
                }
                accepted = sink.accept(page);
            } catch (RuntimeException e) {
                done.tryFail(e);
                return;
            }
            Future<JsonNode> following = prefetched;
            accepted.onComplete(written -> {
                if (written.failed()) {
                    done.tryFail(written.cause());
                } else if (next == null) {
                    done.tryComplete();
                } else {
                    page(following, http.mask(next), request, sink, done);
                }
            });
        });
    }

    private Future<JsonNode> fetch(String url) {
        String location = http.mask(url);
        return http.send(VendorCall.get(url, "token"), this::vendorError, body -> json(body, location));
    }

    private JsonNode json(Buffer body, String location) {
        try {
            // Read in place: a page is megabytes, and a copy of it would be one more G1 humongous object.
            return CxoneMapper.parse(new ByteBufInputStream(((BufferInternal) body).getByteBuf()));
        } catch (java.io.IOException notUtf8OrNotJson) {
            return parseText(body, location);
        }
    }

    /** As text, invalid UTF-8 replaced (the byte parser refuses it), so only broken JSON is an error. */
    private JsonNode parseText(Buffer body, String location) {
        try {
            return CxoneMapper.parse(body.toString(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            // A truncated or garbled answer is usually a hiccup on the way: ask again.
            throw SourceException.retriable(location + " answered malformed JSON: " + e.getOriginalMessage(), null, null);
        }
    }

    /** CXone's own error answers: an expired or unknown scroll id. */
    private SourceException vendorError(HttpResponse<Buffer> resp, String maskedUrl) {
        int status = resp.statusCode();
        String body = resp.bodyAsString();
        if ((status == 400 || status == 404 || status == 410 || status == 422) && maskedUrl.contains("scrollId=")
                && body != null && body.toLowerCase().contains("scroll")) {
            return SourceException.scrollExpired(maskedUrl + " answered HTTP " + status + ": the scroll has expired");
        }
        return null;
    }

    String firstUrl(HarvestRequest request) {
        long days = settings.queryDays() != null ? settings.queryDays()
                : Math.max(1, Duration.between(request.window().from(), context.clock().instant()).toDays() + 1);
        String query = "datetime > -" + days + " days" + (settings.extraQuery() == null ? "" : " AND " + settings.extraQuery());
        return settings.baseUrl() + CxoneSettings.PATH + "?perPage=" + settings.perPage() + "&query=" + enc(query)
                + "&token=" + enc(settings.token());
    }

    /**
     * The vendor's next page, always on the configured host (a next_page_url pointing elsewhere must not
     * receive the token), with the token added: the vendor's URL carries none.
     */
    String nextUrl(String next) {
        String query;
        try {
            query = URI.create(next.trim()).getRawQuery();
        } catch (IllegalArgumentException e) {
            throw new SourceException(SourceException.Kind.FATAL, "source " + source + ": next_page_url is not a URL: "
                    + http.mask(next), null, null, null);
        }
        List<String> params = new ArrayList<>();
        if (query != null) {
            for (String p : query.split("&")) {
                if (!p.isEmpty() && !p.startsWith("token=")) {
                    params.add(p);
                }
            }
        }
        if (params.stream().noneMatch(p -> p.startsWith("perPage="))) {
            params.add("perPage=" + settings.perPage());
        }
        params.add("token=" + enc(settings.token()));
        return settings.baseUrl() + CxoneSettings.PATH + "?" + String.join("&", params);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        http.close();
    }
}
