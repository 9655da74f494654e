package org.transcriptsearch.search;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.transcriptsearch.metrics.PrometheusMetrics;

/**
 * The search API's meters and {@code GET /metrics}. Every request is counted and timed under the route
 * template it matched ({@code /api/conversations/:source/:conversationId}, never the ids in the path),
 * {@code static} for the explorer's files, or {@code other}: a scanner trying paths cannot grow the label
 * set. Nothing a caller typed, no key and no source name becomes a label. {@code /metrics} is open like
 * {@code /health}: it holds counts and times, nothing of the transcripts.
 */
final class ApiMetrics implements AutoCloseable {
    static final String REQUESTS = PrometheusMetrics.PREFIX + "api.requests";
    static final String ELASTICSEARCH_REQUESTS = PrometheusMetrics.PREFIX + "api.elasticsearch.requests";
    static final String IN_FLIGHT = PrometheusMetrics.PREFIX + "api.requests.in.flight";
    static final String STATIC = "static";
    static final String OTHER = "other";
    /** Status of a request whose client went away before the answer was sent. */
    static final String CLOSED = "closed";
    /** Latency buckets (seconds) of requests and Elasticsearch calls: fixed, so Prometheus can aggregate them. */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);

    private record Endpoint(String template, Pattern path) {
    }

    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    ApiMetrics() {
        metrics.registry().gauge(IN_FLIGHT, inFlight);
    }

    MeterRegistry registry() {
        return metrics.registry();
    }

    /** A route the router serves: requests to it are labelled with {@code template} (Vert.x syntax, {@code :name}). */
    String endpoint(String template) {
        String regex = template.equals("/") ? "/" : Arrays.stream(template.substring(1).split("/"))
                .map(segment -> segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/", "/", "/?"));
        endpoints.add(new Endpoint(template, Pattern.compile(regex)));
        return template;
    }

    /** The first handler of every request: counts it in flight, then times it under its endpoint and status. */
    Handler<RoutingContext> requests() {
        return ctx -> {
            long start = System.nanoTime();
            inFlight.incrementAndGet();
            ctx.addEndHandler(done -> {
                inFlight.decrementAndGet();
                int status = ctx.response().getStatusCode();
                Timer.builder(REQUESTS)
                        .description("Requests to the search API by route template, method and status")
                        .tag("endpoint", endpointOf(ctx, status))
                        .tag("method", METHODS.contains(ctx.request().method()) ? ctx.request().method().name() : OTHER)
                        .tag("status", done.succeeded() ? Integer.toString(status) : CLOSED)
                        .serviceLevelObjectives(BUCKETS)
                        .register(metrics.registry())
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            });
            ctx.next();
        };
    }

    private String endpointOf(RoutingContext ctx, int status) {
        try {
            return endpointOf(ctx.normalizedPath(), status);
        } catch (IllegalArgumentException undecodable) {
            return OTHER; // a path with a broken %-escape: answered 400 before any route
        }
    }

    String endpointOf(String path, int status) {
        if (path == null) {
            return OTHER;
        }
        for (Endpoint e : endpoints) {
            if (e.path().matcher(path).matches()) {
                return e.template();
            }
        }
        return !path.startsWith("/api/") && status < 400 ? STATIC : OTHER;
    }

    /** {@code GET /metrics}: Prometheus text, or OpenMetrics when the {@code Accept} header asks for it. */
    void scrape(RoutingContext ctx) {
        PrometheusMetrics.Scrape scrape = metrics.scrape(ctx.request().getHeader(HttpHeaders.ACCEPT));
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, scrape.contentType()).end(Buffer.buffer(scrape.body()));
    }

    @Override
    public void close() {
        metrics.close();
    }
}
