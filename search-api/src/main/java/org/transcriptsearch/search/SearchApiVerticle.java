package org.transcriptsearch.search;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.secrets.Redactor;
import org.transcriptsearch.text.SearchTerms;

/**
 * The HTTP side of the search API: routes, auth on {@code /api} (a key's {@link SourceScope} limits every
 * Elasticsearch search made for it), the Host check, CORS, the access log, the metrics ({@link ApiMetrics}:
 * every route registered through it is a label), the explorer page, and the one failure handler that
 * turns every error into JSON.
 */
final class SearchApiVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(SearchApiVerticle.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String SCOPE = "sourceScope";

    private final ElasticsearchConnection connection;
    private final SearchServerOptions options;
    private final ApiKeys keys;
    private final Redactor redactor;
    private final SynonymFiles synonyms;
    private final ApiMetrics metrics = new ApiMetrics();
    private ElasticsearchGateway elasticsearch;
    private MessageSearch search;
    private ConversationSearch conversationSearch;
    private ConversationView conversations;
    private IntentStatistics intents;
    private Buffer openApi;
    /** The indexed time span as each scope sees it (as many as there are distinct scopes among the keys). */
    private final Map<SourceScope, TimeSpan.Cache> timeSpans = new HashMap<>();
    private volatile int actualPort;

    SearchApiVerticle(ElasticsearchConnection connection, SearchServerOptions options) {
        this.connection = connection;
        this.options = options;
        this.keys = ApiKeys.parse(options.apiKeys());
        this.redactor = new Redactor(options.apiKeys().stream().map(ApiKeys::keyOf).toList());
        this.synonyms = SynonymFiles.open(options.synonyms());
    }

    @Override
    public Future<?> start() {
        JsonpMapper mapper = new JacksonJsonpMapper(connection.json());
        elasticsearch = new ElasticsearchGateway(vertx, connection.lowLevel(), options.elasticsearchTimeout(),
                metrics.registry());
        QueryExpansion expansion = new QueryExpansion(synonyms, mapper);
        SearchCursor cursors = new SearchCursor(options.cursorSecret());
        search = new MessageSearch(options.indices(), expansion, cursors);
        conversationSearch = new ConversationSearch(options.indices(), expansion, cursors);
        conversations = new ConversationView(options.indices());
        intents = new IntentStatistics(options.indices(), expansion);
        openApi = loadOpenApi();

        Router router = Router.router(vertx);
        router.route().handler(metrics.requests());
        if (options.accessLog() != SearchServerOptions.AccessLog.OFF) {
            router.route().handler(new AccessLogger(options.accessLog() == SearchServerOptions.AccessLog.QUERIES,
                    redactor));
        }
        if (HostHeaderCheck.needed(options)) {
            router.route().handler(new HostHeaderCheck(options.host()));
        }
        if (!options.corsOrigins().isEmpty()) {
            router.route().handler(CorsHandler.create()
                    .addOrigins(options.corsOrigins())
                    .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.OPTIONS))
                    .allowedHeaders(Set.of("Authorization", "Content-Type")));
        }
        router.get(metrics.endpoint("/health")).handler(this::health);
        router.get(metrics.endpoint("/openapi.json")).handler(ctx -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(openApi));
        // Open like /health: counts and times only, no transcript, key or source name (scrapers seldom send keys).
        router.get(metrics.endpoint("/metrics")).handler(metrics::scrape);
        router.route("/api/*").handler(this::authenticate);
        router.route("/api/*").handler(new ConcurrentRequestLimit(options.concurrentRequests(), keys.required())::admit);
        router.get(metrics.endpoint("/api/search")).handler(this::search);
        router.get(metrics.endpoint("/api/conversations")).handler(this::conversations);
        router.get(metrics.endpoint("/api/conversations/:source/:conversationId")).handler(this::conversation);
        router.get(metrics.endpoint("/api/intents")).handler(this::intents);
        router.route("/api/*").handler(ctx -> ctx.fail(ApiError.notFound("no such endpoint: " + ctx.request().path()
                + " (see /openapi.json)", null)));
        metrics.endpoint("/"); // the explorer page, served by the static handler below with its files ("static")
        router.get("/*").handler(StaticHandler.create("webroot").setIndexPage("index.html"));
        router.route().failureHandler(this::failure);
        router.errorHandler(404, ctx -> reply(ctx, 404, new JsonObject().put("error", "nothing at "
                + ctx.request().path() + "; the API is under /api (see /openapi.json)")));
        // A path Vert.x Web cannot decode (a broken %-escape in a conversation id) never reaches a route.
        router.errorHandler(400, ctx -> reply(ctx, 400, new JsonObject().put("error", "the URL is not valid: "
                + "percent-encode special characters in the path and query (%XX, e.g. ';' as %3B)")));
        router.errorHandler(405, ctx -> reply(ctx, 405, new JsonObject().put("error", ctx.request().method()
                + " is not supported here; the API answers GET")));

        // No h2c upgrade: the JDK client's upgrade attempt stalled on large answers; this is a JSON API over HTTP/1.1.
        return vertx.createHttpServer(MalformedRequest.limits(new HttpServerOptions().setHttp2ClearTextEnabled(false)))
                .requestHandler(router)
                .invalidRequestHandler(MalformedRequest::answer)
                .listen(options.port(), options.host())
                .map(HttpServer::actualPort)
                .onSuccess(port -> actualPort = port);
    }

    @Override
    public Future<?> stop() {
        metrics.close();
        return Future.succeededFuture();
    }

    int actualPort() {
        return actualPort;
    }

    private void search(RoutingContext ctx) {
        SearchRequest request = SearchRequest.parse(params(ctx));
        SearchTerms firstReading = search.terms(request);
        SourceScope scope = ctx.get(SCOPE);
        Function<ElasticsearchCall, Future<JsonObject>> send = scoped(scope);
        Future<MessageSearch.BestHits> best = MessageSearch.looksFirst(request)
                ? send.apply(search.bestHitsCall(request, firstReading)).map(MessageSearch::bestHits)
                : Future.succeededFuture(null);
        timeSpans.computeIfAbsent(scope, s -> new TimeSpan.Cache(options.indices().messages(), scoped(s))).get()
                .compose(span -> best.compose(hits -> {
                    SearchTerms terms = search.terms(request, firstReading, hits);
                    return send.apply(search.toElasticsearch(request, terms, hits, span))
                            .map(es -> search.toResponse(request, terms, hits, span, es));
                }))
                .onSuccess(json -> reply(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    /** Whole conversations holding the terms, then their best-matching messages. */
    private void conversations(RoutingContext ctx) {
        SearchRequest request = SearchRequest.parse(params(ctx));
        Function<ElasticsearchCall, Future<JsonObject>> send = scoped(ctx.get(SCOPE));
        send.apply(conversationSearch.toElasticsearch(request))
                .compose(es -> {
                    ElasticsearchCall matches = conversationSearch.matchesCall(request, es);
                    return (matches == null ? Future.<JsonObject>succeededFuture(null) : send.apply(matches))
                            .map(m -> conversationSearch.toResponse(request, es, m));
                })
                .onSuccess(json -> reply(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void conversation(RoutingContext ctx) {
        MultiMap params = params(ctx);
        QueryParameters p = QueryParameters.check(params, Set.of("highlight"), Set.of());
        String source = ctx.pathParam("source");
        String conversationId = ctx.pathParam("conversationId");
        String highlight = p.text("highlight").orElse(null);
        Function<ElasticsearchCall, Future<JsonObject>> send = scoped(ctx.get(SCOPE));
        Future<JsonObject> doc = send.apply(conversations.conversationCall(source, conversationId));
        Future<JsonObject> messages = conversations.messages(source, conversationId, send);
        Future.all(doc, messages)
                .map(done -> conversations.toResponse(source, conversationId, highlight, doc.result(), messages.result()))
                .onSuccess(json -> reply(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    private void intents(RoutingContext ctx) {
        IntentStatistics.Request request = IntentStatistics.parse(params(ctx));
        scoped(ctx.get(SCOPE)).apply(intents.toElasticsearch(request))
                .map(es -> intents.toResponse(request, es))
                .onSuccess(json -> reply(ctx, 200, json))
                .onFailure(ctx::fail);
    }

    /**
     * Up (the cluster answers and the messages index is there) or down, for anyone: probes need no key.
     * The cluster's status, the message count (within the key's sources) and why it is down only for a
     * caller who may read the API: with a valid key, or when the server has none.
     */
    private void health(RoutingContext ctx) {
        SourceScope scope = keys.required()
                ? keys.scopeOf(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)).orElse(null) : SourceScope.ALL;
        Future<JsonObject> cluster = elasticsearch.send(new ElasticsearchCall("GET", "/_cluster/health", null));
        Future<JsonObject> count = scoped(scope == null ? SourceScope.ALL : scope)
                .apply(new ElasticsearchCall("POST", "/" + options.indices().messages() + "/_count", null));
        Future.all(cluster, count)
                .onSuccess(done -> reply(ctx, 200, scope == null ? new JsonObject().put("status", "ok") : new JsonObject()
                        .put("status", "ok")
                        .put("elasticsearch", new JsonObject()
                                .put("status", cluster.result().getString("status"))
                                .put("messages", count.result().getLong("count")))))
                .onFailure(e -> {
                    JsonObject down = new JsonObject().put("status", "unavailable");
                    if (scope != null) {
                        ApiError error = e instanceof ApiError a ? a : ApiError.unavailable(e.getMessage(), e);
                        down.put("error", error.getMessage())
                                .put("elasticsearch", new JsonObject().put("status", "unavailable"));
                    }
                    reply(ctx, 503, down);
                });
    }

    /** Elasticsearch as this scope may read it: every search and count limited to the scope's sources. */
    private Function<ElasticsearchCall, Future<JsonObject>> scoped(SourceScope scope) {
        return call -> elasticsearch.send(scope.restrict(call));
    }

    /** Lets a request with a valid key (or any, without keys) through, carrying what it may read. */
    private void authenticate(RoutingContext ctx) {
        Optional<SourceScope> scope = keys.required()
                ? keys.scopeOf(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)) : Optional.of(SourceScope.ALL);
        if (scope.isPresent() || ctx.request().method() == HttpMethod.OPTIONS) {
            ctx.put(SCOPE, scope.orElse(SourceScope.NOTHING));
            ctx.next();
        } else {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            ctx.fail(ApiError.unauthorized("this API needs a key: send 'Authorization: Bearer <key>' with one of "
                    + "the keys in SEARCH_API_KEYS"));
        }
    }

    private MultiMap params(RoutingContext ctx) {
        try {
            return ctx.queryParams();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("the query string is not valid URL encoding: percent-encode special characters");
        }
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiError error) {
            if (error.status() >= 500) {
                LOG.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), error.getMessage());
            }
            reply(ctx, error.status(), error.toJson());
        } else if (failure instanceof HttpException http && http.getStatusCode() < 500) {
            // Vert.x Web's own refusals, e.g. a query string with a broken %-escape.
            String what = http.getCause() instanceof IllegalArgumentException
                    ? "the request is not valid URL encoding: percent-encode special characters (%XX)"
                    : http.getMessage();
            reply(ctx, http.getStatusCode(), new JsonObject().put("error", what));
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            // Vert.x Web's refusals before any route, e.g. a Host header that is not host[:port].
            reply(ctx, ctx.statusCode(), new JsonObject().put("error", failure.getMessage()));
        } else if (failure == null) {
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            reply(ctx, status, new JsonObject().put("error", ctx.response().getStatusMessage()));
        } else {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
            reply(ctx, 500, new JsonObject().put("error", "internal error (" + failure.getClass().getSimpleName()
                    + "); the server log has the details"));
        }
    }

    private void reply(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.toBuffer());
    }

    private static Buffer loadOpenApi() {
        try (InputStream in = SearchApiVerticle.class.getResourceAsStream("/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the search API's jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("openapi.json cannot be read from the search API's jar", e);
        }
    }
}
