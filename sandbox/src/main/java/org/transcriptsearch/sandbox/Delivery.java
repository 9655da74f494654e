package org.transcriptsearch.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.ApiRequest;
import org.transcriptsearch.sandbox.http.Authorizer;
import org.transcriptsearch.sandbox.http.ErrorStyle;
import org.transcriptsearch.sandbox.http.JsonWire;
import org.transcriptsearch.sandbox.http.Page;
import org.transcriptsearch.sandbox.http.PageFaults;
import org.transcriptsearch.sandbox.http.PageSource;
import org.transcriptsearch.sandbox.http.RateLimit;
import org.transcriptsearch.sandbox.http.RecordFaults;

/**
 * How every vendor call is served, in the order a real gateway and app would: count the call, check
 * credentials, apply the rate limit, then the queued fault, then compute the page on a worker thread
 * (so the event loop keeps timing rate limits honestly) and write it, bent by the fault if one applies.
 */
public final class Delivery {
    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());

    private final Vertx vertx;
    private final Faults faults;

    Delivery(Vertx vertx, Faults faults) {
        this.vertx = vertx;
        this.faults = faults;
    }

    /** Everything one endpoint needs to be served. */
    public record EndpointSpec(Endpoint endpoint, ErrorStyle errors, Authorizer authorizer, RateLimit limit,
                               PageSource pages) {
    }

    public void serve(RoutingContext ctx, EndpointSpec spec) {
        faults.countCall(spec.endpoint());
        try {
            spec.authorizer().check(ctx);
        } catch (ApiException refused) {
            replyError(ctx, spec.errors(), refused);
            return;
        }
        OptionalInt wait = spec.limit().acquire();
        if (wait.isPresent()) {
            reply(ctx, 429, spec.errors().rateLimited(), wait);
            return;
        }
        ApiRequest request = ApiRequest.of(ctx);
        Optional<Faults.Pending> queued = faults.peek(spec.endpoint());
        if (queued.isPresent()) {
            Fault fault = queued.get().fault();
            if (fault.kind() == Fault.Kind.STATUS && take(spec.endpoint(), queued.get(), "")) {
                if (fault.statusCode() == 429) {
                    reply(ctx, 429, spec.errors().rateLimited(), fault.retryAfterSeconds());
                } else {
                    replyError(ctx, spec.errors(), injected(fault));
                }
                return;
            }
            if (fault.kind() == Fault.Kind.ERROR_BODY && take(spec.endpoint(), queued.get(), "")) {
                // The gateway answers for a busy backend: the page is never computed, so no scroll moves.
                reply(ctx, 200, spec.errors().busy(), OptionalInt.empty());
                return;
            }
            if (fault.kind() == Fault.Kind.SLOW && take(spec.endpoint(), queued.get(), "")) {
                vertx.setTimer(Math.max(1, fault.delay().toMillis()), id -> render(ctx, spec, request, Optional.empty()));
                return;
            }
        }
        render(ctx, spec, request, queued);
    }

    private void render(RoutingContext ctx, EndpointSpec spec, ApiRequest request, Optional<Faults.Pending> queued) {
        vertx.executeBlocking(() -> compute(spec, request, queued), false)
                .onSuccess(rendered -> write(ctx, rendered))
                .onFailure(failure -> {
                    if (failure instanceof ApiException refused) {
                        replyError(ctx, spec.errors(), refused);
                    } else {
                        LOG.log(Level.WARNING, "sandbox failed to serve " + spec.endpoint().route(), failure);
                        replyError(ctx, spec.errors(), new ApiException(500, "internal_error",
                                "The sandbox failed to serve this call: " + failure));
                    }
                });
    }

    /** What a server in trouble answers with that status. */
    private static ApiException injected(Fault fault) {
        int status = fault.statusCode();
        String[] what = switch (status) {
            case 500 -> new String[] {"internal_error", "Server Error"};
            case 502 -> new String[] {"bad_gateway", "Bad Gateway"};
            case 503 -> new String[] {"service_unavailable", "Service Unavailable"};
            case 504 -> new String[] {"gateway_timeout", "Gateway Timeout"};
            default -> new String[] {"error_" + status, "Error " + status};
        };
        return new ApiException(status, what[0], what[1], fault.retryAfterSeconds());
    }

    private record Rendered(byte[] body, Optional<Fault.Kind> bodyFault) {
    }

    private Rendered compute(EndpointSpec spec, ApiRequest request, Optional<Faults.Pending> queued)
            throws JsonProcessingException {
        Endpoint endpoint = spec.endpoint();
        Optional<Fault.Kind> kind = queued.map(p -> p.fault().kind());
        PageFaults pageFaults = new PageFaults() {
            @Override
            public boolean claim(Fault.Kind wanted) {
                return kind.filter(k -> k == wanted).isPresent() && take(endpoint, queued.get(), "");
            }

            @Override
            public boolean quiet() {
                return kind.isEmpty();
            }
        };
        Page page = spec.pages().page(request, pageFaults);
        if (kind.filter(k -> k == Fault.Kind.MALFORMED_RECORD || k == Fault.Kind.FUTURE_RECORD).isPresent()
                && !page.records().isEmpty()) {
            ObjectNode victim = (ObjectNode) page.records().get(page.records().size() / 2);
            if (faults.claim(endpoint, queued.get())) {
                RecordFaults bend = page.recordFaults();
                String detail = (kind.get() == Fault.Kind.MALFORMED_RECORD ? bend.breakRecord() : bend.futureTime())
                        .apply(victim);
                faults.recordDelivery(endpoint, queued.get().fault(), detail);
            }
        }
        byte[] body = page.writer().writeValueAsBytes(page.body());
        if (kind.filter(k -> k == Fault.Kind.GROW_BETWEEN_CALLS).isPresent() && !page.generatedRefs().isEmpty()) {
            int ordinal = page.generatedRefs().get(0);
            if (faults.claim(endpoint, queued.get())) {
                page.corpus().grow(ordinal, Fault.GROWTH_MESSAGES);
                faults.recordDelivery(endpoint, queued.get().fault(), page.corpus().ids().conversationId(ordinal));
            }
        }
        Optional<Fault.Kind> bodyFault = kind
                .filter(k -> k == Fault.Kind.CUT_CONNECTION || k == Fault.Kind.MALFORMED_JSON)
                .filter(k -> take(endpoint, queued.get(), ""));
        return new Rendered(body, bodyFault);
    }

    private boolean take(Endpoint endpoint, Faults.Pending pending, String detail) {
        if (!faults.claim(endpoint, pending)) {
            return false;
        }
        faults.recordDelivery(endpoint, pending.fault(), detail);
        return true;
    }

    private static void write(RoutingContext ctx, Rendered rendered) {
        HttpServerResponse response = ctx.response().setStatusCode(200).putHeader("content-type", "application/json");
        byte[] body = rendered.body();
        if (rendered.bodyFault().isEmpty()) {
            response.end(Buffer.buffer(body));
        } else if (rendered.bodyFault().get() == Fault.Kind.MALFORMED_JSON) {
            response.end(Buffer.buffer(truncated(body)));
        } else {
            // Promise the whole body, send half, hang up: the client sees a premature end of stream.
            response.putHeader("content-length", String.valueOf(body.length));
            response.write(Buffer.buffer(Arrays.copyOf(body, body.length / 2)))
                    .onComplete(written -> ctx.request().connection().close());
        }
    }

    /** Cut at a UTF-8 character boundary around the middle: invalid JSON, valid UTF-8. */
    private static byte[] truncated(byte[] body) {
        int cut = Math.max(1, body.length / 2);
        while (cut > 1 && (body[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return Arrays.copyOf(body, cut);
    }

    static void replyError(RoutingContext ctx, ErrorStyle style, ApiException error) {
        reply(ctx, error.status(), style.body(error), error.retryAfterSeconds());
    }

    private static void reply(RoutingContext ctx, int status, ObjectNode body, OptionalInt retryAfter) {
        HttpServerResponse response = ctx.response().setStatusCode(status).putHeader("content-type", "application/json");
        retryAfter.ifPresent(seconds -> response.putHeader("retry-after", String.valueOf(seconds)));
        try {
            response.end(Buffer.buffer(JsonWire.plain().writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            // An ObjectNode always serialises; if it ever does not, the client must still get an answer.
            LOG.log(Level.ERROR, "cannot write an error body", e);
            response.setStatusCode(500).end();
        }
    }
}
