package org.transcriptsearch.sandbox;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.util.Map;
import org.transcriptsearch.sandbox.agentx.AgentxApi;
import org.transcriptsearch.sandbox.corpus.Corpus;
import org.transcriptsearch.sandbox.cxone.CxoneApi;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.ErrorStyle;
import org.transcriptsearch.sandbox.kore.KoreApi;

/** One HTTP server on loopback serving every configured vendor's paths; unknown paths get a JSON 404. */
final class SandboxVerticle extends VerticleBase {
    private static final System.Logger LOG = System.getLogger(SandboxVerticle.class.getName());

    private final SandboxOptions options;
    private final SandboxCredentials credentials;
    private final Map<Vendor, Corpus> corpora;
    private final Faults faults;
    private final SandboxClock clock;
    private HttpServer server;

    SandboxVerticle(SandboxOptions options, SandboxCredentials credentials, Map<Vendor, Corpus> corpora, Faults faults,
                    SandboxClock clock) {
        this.options = options;
        this.credentials = credentials;
        this.corpora = corpora;
        this.faults = faults;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        Delivery delivery = new Delivery(vertx, faults);
        if (options.serves(Vendor.CXONE)) {
            new CxoneApi(corpora.get(Vendor.CXONE), options, credentials.cxoneToken(), clock, delivery).mount(router);
        }
        if (options.serves(Vendor.KORE)) {
            new KoreApi(corpora.get(Vendor.KORE), options, credentials.koreBotId(), credentials.koreClientId(),
                    credentials.koreClientSecret(), clock, delivery).mount(router);
        }
        if (options.serves(Vendor.AGENTX)) {
            new AgentxApi(corpora.get(Vendor.AGENTX), options, credentials.agentxApiKey(), credentials.agentxBotName(),
                    delivery).mount(router);
        }
        router.errorHandler(404, this::notFound);
        router.errorHandler(405, this::methodNotAllowed);
        router.errorHandler(413, ctx -> Delivery.replyError(ctx, ErrorStyle.FLAT,
                new ApiException(413, "payload_too_large", "The request body is larger than 64 KiB")));
        router.errorHandler(500, this::failed);
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(options.port()))
                .requestHandler(router)
                .listen()
                .onSuccess(listening -> server = listening);
    }

    int port() {
        return server.actualPort();
    }

    private void notFound(RoutingContext ctx) {
        Delivery.replyError(ctx, ErrorStyle.FLAT, new ApiException(404, "not_found",
                "No sandbox endpoint at " + ctx.request().method() + " " + ctx.request().path()));
    }

    private void methodNotAllowed(RoutingContext ctx) {
        Delivery.replyError(ctx, ErrorStyle.FLAT, new ApiException(405, "method_not_allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path()));
    }

    private void failed(RoutingContext ctx) {
        LOG.log(Level.WARNING, "sandbox route failed: " + ctx.request().path(), ctx.failure());
        Delivery.replyError(ctx, ErrorStyle.FLAT, new ApiException(500, "internal_error",
                "The sandbox failed on this call: " + ctx.failure()));
    }
}
