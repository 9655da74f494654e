package org.transcriptsearch.indexer.source.cxone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufInputStream;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.HarvestRequest;
import org.transcriptsearch.indexer.source.PageSink;
import org.transcriptsearch.indexer.source.PageWalk;
import org.transcriptsearch.indexer.source.Paging;
import org.transcriptsearch.indexer.source.RequestPacer;
import org.transcriptsearch.indexer.source.SourceConnector;
import org.transcriptsearch.indexer.source.SourceException;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.indexer.source.VendorCall;
import org.transcriptsearch.indexer.source.VendorHttp;

/**
 * Harvests a CXone bot's conversations export: {@code GET /api/public/conversations?token=&perPage=&query=}
 * then {@code next_page_url} (see {@link Scroll}), walked by the shared {@link PageWalk}.
 */
public final class CxoneConnector implements SourceConnector {
    public static final String VENDOR = "cxone";
    public static final String STREAM = "conversations";

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
        String first = firstUrl(request);
        return new PageWalk(http, source, request, sink).walk(STREAM, first, new Scroll(request, first));
    }

    /**
     * The export's scroll: {@code next_page_url} until a page is empty or has none. The scroll is a snapshot
     * in no particular time order, so pages carry no checkpoint: the stream moves to the window's end once
     * the whole scroll is stored. An expired scroll starts the listing again (ids are deterministic, so a
     * re-read is harmless). Pages are large and the vendor slow: the next is asked for while one is written.
     */
    private final class Scroll implements Paging<String> {
        private final HarvestRequest request;
        private final String first;

        Scroll(HarvestRequest request, String first) {
            this.request = request;
            this.first = first;
        }

        @Override
        public VendorCall call(String url) {
            return VendorCall.get(url, "token");
        }

        @Override
        public Read<String> read(String url, Buffer body) {
            String location = http.mask(url);
            JsonNode root = json(body, location);
            if (!root.path("data").isArray()) {
                // A busy backend answers 200 with {"error": ...}: that is not the end of the scroll.
                throw SourceException.unreadable("GET " + location, "no 'data' array (" + snippet(root) + ")");
            }
            CxoneMapper.Mapped m = mapper.map(root, location, request.window());
            SourcePage page = m.total() == null ? m.page() : m.page().withExpectedTotal(m.total(), "conversations");
            String next = m.conversationsOnPage() == 0 || m.nextPageUrl() == null ? null : nextUrl(m.nextPageUrl());
            return new Read<>(page, Optional.ofNullable(next));
        }

        @Override
        public String describe(String url) {
            return "GET " + http.mask(url);
        }

        @Override
        public VendorHttp.ErrorReader errors() {
            return CxoneConnector.this::vendorError;
        }

        @Override
        public Optional<String> restart(String expired) {
            return Optional.of(first);
        }

        @Override
        public boolean prefetch() {
            return true;
        }
    }

    private String snippet(JsonNode root) {
        String s = http.redactor().redact(String.valueOf(root));
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
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
            throw SourceException.unreadable("GET " + location, "malformed JSON: " + e.getOriginalMessage());
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
