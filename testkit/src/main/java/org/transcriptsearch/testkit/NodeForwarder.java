package org.transcriptsearch.testkit;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends a request on to the Elasticsearch node and brings its answer back, leaving out both ways the
 * headers that belong to one connection rather than to the request (RFC 9110 7.6.1). HTTP/1.1 only: the
 * JDK client would otherwise try an h2c upgrade, which Elasticsearch does not speak.
 */
final class NodeForwarder {
    /** An answer to hand back to the client: the node's, or one the proxy made. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {
        Answer withBody(byte[] newBody) {
            return new Answer(status, headers, newBody);
        }
    }

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");
    // The JDK client sets Host, Content-Length and Expect itself and refuses them from us; without
    // Accept-Encoding the node answers uncompressed, so the proxy can read and rewrite bulk answers.
    private static final Set<String> SET_BY_CLIENT = Set.of("host", "content-length", "expect", "accept-encoding");

    private final String target;
    private final Duration timeout;
    private final HttpClient http;

    NodeForwarder(String target, Duration timeout) {
        URI uri = URI.create(target);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("the node's URL must look like http://127.0.0.1:9200, not: " + target);
        }
        this.target = target.replaceFirst("/+$", "");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    String target() {
        return target;
    }

    /** Sends the request; fails with an {@link IOException} when the node cannot be reached or is too slow. */
    Answer send(String method, URI requestUri, Headers headers, byte[] body) throws IOException, InterruptedException {
        String query = requestUri.getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + requestUri.getRawPath()
                        + (query == null ? "" : "?" + query)))
                .timeout(timeout)
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        Set<String> dropped = dropped(headers);
        headers.forEach((name, values) -> {
            if (!dropped.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().map(), response.body());
    }

    /** Whether a header of the node's answer goes back to the client (the proxy frames the body itself). */
    static boolean passesBack(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !HOP_BY_HOP.contains(n) && !n.equals("content-length");
    }

    /** The request headers not to send on, including any the Connection header names as hop-by-hop. */
    private static Set<String> dropped(Headers headers) {
        Set<String> dropped = new HashSet<>(HOP_BY_HOP);
        dropped.addAll(SET_BY_CLIENT);
        for (String value : headers.getOrDefault("Connection", List.of())) {
            for (String token : value.split(",")) {
                dropped.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        return dropped;
    }
}
