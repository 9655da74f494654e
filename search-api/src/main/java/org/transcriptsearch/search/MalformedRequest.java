package org.transcriptsearch.search;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Requests the HTTP codec could not read (a URL or header beyond the limits below, a broken request
 * line), answered in JSON like every other error instead of Vert.x's bare status, then the connection
 * closed: the codec cannot tell where the next request would start.
 */
final class MalformedRequest {
    /**
     * Room for the longest valid request: {@code q} at its 1,000-character limit in a script that takes
     * nine bytes per character once percent-encoded, plus every filter. Beyond that, q names the limit.
     */
    static final int MAX_REQUEST_LINE = 16 * 1024;
    static final int MAX_HEADERS = 8 * 1024;

    private MalformedRequest() {
    }

    static HttpServerOptions limits(HttpServerOptions options) {
        return options.setMaxInitialLineLength(MAX_REQUEST_LINE).setMaxHeaderSize(MAX_HEADERS);
    }

    static void answer(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status;
        String error;
        if (cause instanceof TooLongHttpLineException) {
            status = 414;
            error = "the URL is longer than " + MAX_REQUEST_LINE + " bytes: shorten q (at most "
                    + SearchRequest.MAX_QUERY_LENGTH + " characters) or send fewer filter values";
        } else if (cause instanceof TooLongHttpHeaderException) {
            status = 431;
            error = "the request headers are larger than " + MAX_HEADERS + " bytes: send fewer or shorter headers";
        } else {
            status = 400;
            error = "the request is not valid HTTP/1.1: check the request line (GET /api/search?q=... HTTP/1.1), "
                    + "percent-encode special characters in the URL (%XX)";
        }
        request.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject().put("error", error).toBuffer())
                .onComplete(done -> request.connection().close());
    }
}
