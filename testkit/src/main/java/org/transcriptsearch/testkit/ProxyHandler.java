package org.transcriptsearch.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.transcriptsearch.testkit.NodeForwarder.Answer;

/**
 * Answers each exchange that reaches a {@link FaultProxy}: with a whole-request fault, with a bulk whose
 * chosen operations were faulted and the rest forwarded, or with the node's own answer. It never lets an
 * exchange hang: a node that cannot be reached, or a fault in the proxy itself, is answered with a 502.
 */
final class ProxyHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(FaultProxy.class.getName());

    private final NodeForwarder node;
    private final FaultRules rules;
    private final AtomicLong forwarded = new AtomicLong();
    private volatile List<RecordedRequest> recording;

    ProxyHandler(NodeForwarder node, FaultRules rules) {
        this.node = node;
        this.rules = rules;
    }

    /** From now on, every request that arrives is added to {@code log} (before any fault is chosen). */
    void record(List<RecordedRequest> log) {
        this.recording = log;
    }

    /** Requests sent on to the node so far. */
    long forwarded() {
        return forwarded.get();
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes(); // all of it, or the connection cannot be reused
            String path = exchange.getRequestURI().getRawPath();
            List<RecordedRequest> log = recording;
            if (log != null) {
                log.add(new RecordedRequest(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(), body));
            }
            Optional<RequestFault> fault = rules.takeRequestFault(path);
            if (fault.isPresent() && fault.get().cut()) {
                return; // closing an exchange that has sent no headers closes its connection
            }
            Answer answer = fault.isPresent()
                    ? madeUp(fault.get().status(), fault.get().body(path), exchange.getRequestHeaders())
                    : answer(exchange, body);
            respond(exchange, answer);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away before its answer was sent", e);
        }
    }

    private Answer answer(HttpExchange exchange, byte[] body) {
        String method = exchange.getRequestMethod();
        boolean bulk = (method.equals("POST") || method.equals("PUT"))
                && exchange.getRequestURI().getRawPath().endsWith("/_bulk");
        try {
            return bulk && rules.anyItemRule() ? bulk(exchange, body) : forward(exchange, body);
        } catch (IOException e) {
            return proxyError("Elasticsearch at " + node.target() + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return proxyError("the proxy is closing");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "FaultProxy failed on " + method + " " + exchange.getRequestURI(), e);
            return proxyError("FaultProxy failed: " + e);
        }
    }

    /**
     * Faulted operations answered here, the rest forwarded as one bulk. The faults chosen count as delivered
     * even when the forwarded rest then fails as a whole (its answer is returned unchanged).
     */
    private Answer bulk(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        List<BulkOperation> ops;
        try {
            ops = BulkSplit.operations(exchange.getRequestURI().getRawPath(), body);
        } catch (IllegalArgumentException malformed) {
            return forward(exchange, body); // the node's own error is the realistic answer
        }
        Map<Integer, InjectedFault> faults = rules.choose(ops);
        if (faults.isEmpty()) {
            return forward(exchange, body);
        }
        if (faults.size() == ops.size()) {
            return madeUp(200, BulkSplit.JSON.writeValueAsBytes(BulkSplit.synthesized(ops, faults)),
                    exchange.getRequestHeaders());
        }
        List<BulkOperation> rest = ops.stream().filter(op -> !faults.containsKey(op.position())).toList();
        Answer answer = forward(exchange, BulkSplit.body(rest));
        if (answer.status() < 200 || answer.status() > 299) {
            return answer;
        }
        JsonNode nodeAnswer;
        try {
            nodeAnswer = BulkSplit.JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("the node's bulk answer is not JSON: " + e.getMessage(), e);
        }
        ObjectNode merged = BulkSplit.merged(ops, faults, nodeAnswer);
        return answer.withBody(BulkSplit.JSON.writeValueAsBytes(merged));
    }

    private Answer forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        forwarded.incrementAndGet();
        return node.send(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders(), body);
    }

    /** An answer in the node's name: the product header and media type its clients check for. */
    private static Answer madeUp(int status, byte[] body, Headers request) {
        boolean compatible = request.getOrDefault("Accept", List.of()).stream()
                .anyMatch(a -> a.contains("compatible-with"));
        String type = compatible ? "application/vnd.elasticsearch+json;compatible-with=8" : "application/json";
        return new Answer(status, Map.of("Content-Type", List.of(type), "X-elastic-product", List.of("Elasticsearch")),
                body);
    }

    /** A 502 in the proxy's own name, as a load balancer in front of an unreachable node gives. */
    private static Answer proxyError(String reason) {
        ObjectNode answer = BulkSplit.JSON.createObjectNode();
        answer.putObject("error").put("type", "fault_proxy_exception").put("reason", reason);
        answer.put("status", 502);
        return new Answer(502, Map.of("Content-Type", List.of("application/json")),
                answer.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        Headers out = exchange.getResponseHeaders();
        answer.headers().forEach((name, values) -> {
            if (NodeForwarder.passesBack(name)) {
                out.put(name, values);
            }
        });
        // The JDK server closes a connection idle for 30-40 s (Elasticsearch never does); saying 20 s lets
        // pooling clients (Apache's, in the Elasticsearch client) retire it first instead of racing the close.
        out.set("Keep-Alive", "timeout=20");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            // a HEAD answer tells the length a GET would get; the server only writes what it is given
            answer.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("content-length"))
                    .findFirst().ifPresent(h -> out.put("Content-Length", h.getValue()));
        }
        int status = answer.status();
        boolean bodiless = head || status == 204 || status == 304 || answer.body().length == 0;
        exchange.sendResponseHeaders(status, bodiless ? -1 : answer.body().length); // 0 would mean chunked
        if (!bodiless) {
            exchange.getResponseBody().write(answer.body());
        }
    }
}
