package org.transcriptsearch.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for an Elasticsearch node, for {@link FaultProxyTest}: records every request it receives,
 * answers {@code _bulk} with one item per operation (its own NDJSON reading, not the proxy's): 409 for
 * the id {@code taken}, success for any other, only {@code errors} with {@code ?filter_path=errors};
 * {@code /down/_bulk} with a 503, {@code /gate} only once {@link #GATE} requests wait at once, and
 * anything else with {@link #BODY}, status 201 (404 under {@code /missing}).
 */
final class FakeNode implements AutoCloseable {
    /** Bytes no text round trip would keep: Korean, an emoji, and one invalid UTF-8 byte. */
    static final byte[] BODY = concat("{\"answer\":\"비밀번호 🔑\"}".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xff});
    static final int GATE = 64;
    private static final ObjectMapper JSON = new ObjectMapper();

    record Received(String method, String uri, Headers headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(GATE);
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final HttpServer server;

    FakeNode() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(workers);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The {@code _id}s of every bulk operation received, in order. */
    List<String> bulkIds() {
        List<String> ids = new ArrayList<>();
        for (Received r : received) {
            if (r.uri().contains("_bulk")) {
                for (JsonNode action : actions(r.text())) {
                    ids.add(action.elements().next().path("_id").asText());
                }
            }
        }
        return ids;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String uri = exchange.getRequestURI().toString();
            received.add(new Received(exchange.getRequestMethod(), uri, exchange.getRequestHeaders(), body));
            exchange.getResponseHeaders().set("X-elastic-product", "Elasticsearch");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/down/")) {
                send(exchange, 503, "{\"error\":\"down\",\"status\":503}".getBytes(StandardCharsets.UTF_8));
            } else if (path.endsWith("/_bulk")) {
                ObjectNode answer = bulkAnswer(new String(body, StandardCharsets.UTF_8));
                if ("filter_path=errors".equals(exchange.getRequestURI().getRawQuery())) {
                    answer.retain("errors");
                }
                send(exchange, 200, JSON.writeValueAsBytes(answer));
            } else if (path.equals("/gate")) {
                gate.countDown();
                boolean all = await();
                send(exchange, all ? 200 : 504, BODY);
            } else {
                send(exchange, path.startsWith("/missing") ? 404 : 201, BODY);
            }
        }
    }

    private boolean await() {
        try {
            return gate.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Length", String.valueOf(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static ObjectNode bulkAnswer(String ndjson) {
        ObjectNode answer = JSON.createObjectNode().put("took", 7).put("errors", false);
        ArrayNode items = answer.putArray("items");
        for (JsonNode action : actions(ndjson)) {
            String type = action.fieldNames().next();
            JsonNode meta = action.get(type);
            ObjectNode item = items.addObject().putObject(type).put("_index", meta.path("_index").asText())
                    .put("_id", meta.path("_id").asText());
            if (meta.path("_id").asText().equals("taken")) {
                item.put("status", 409).putObject("error").put("type", "version_conflict_engine_exception");
                answer.put("errors", true);
            } else {
                item.put("status", type.equals("create") ? 201 : 200)
                        .put("result", type.equals("delete") ? "deleted" : "created");
            }
        }
        return answer;
    }

    /** The action lines of a bulk body: a source line follows every one but delete. */
    static List<JsonNode> actions(String ndjson) {
        List<JsonNode> actions = new ArrayList<>();
        String[] lines = ndjson.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue; // Elasticsearch skips empty lines between operations
            }
            try {
                JsonNode action = JSON.readTree(lines[i]);
                actions.add(action);
                if (!action.has("delete")) {
                    i++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return actions;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
