package org.transcriptsearch.search;

import io.vertx.core.json.JsonObject;

/**
 * An answer that is not a result: the HTTP status, a message that says what is wrong and what to do,
 * and the offending parameter where there is one. The failure handler writes it as
 * {@code {"error": ..., "parameter": ...}}.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String parameter;

    private ApiError(int status, String message, String parameter, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.parameter = parameter;
    }

    public static ApiError badParameter(String parameter, String message) {
        return new ApiError(400, message, parameter, null);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, message, null, null);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, message, null, null);
    }

    /** A request addressed to a name this server does not answer for (see {@link HostHeaderCheck}). */
    public static ApiError misdirected(String message) {
        return new ApiError(421, message, null, null);
    }

    public static ApiError notFound(String message, String parameter) {
        return new ApiError(404, message, parameter, null);
    }

    public static ApiError tooManyRequests(String message) {
        return new ApiError(429, message, null, null);
    }

    public static ApiError unavailable(String message, Throwable cause) {
        return new ApiError(503, message, null, cause);
    }

    public static ApiError upstream(String message, Throwable cause) {
        return new ApiError(502, message, null, cause);
    }

    public int status() {
        return status;
    }

    public String parameter() {
        return parameter;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("error", getMessage());
        if (parameter != null) {
            json.put("parameter", parameter);
        }
        return json;
    }
}
