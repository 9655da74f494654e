package org.transcriptsearch.sandbox.http;

import java.util.OptionalInt;

/** A request the sandbox refuses, with the status, a short machine code and a message that says what to fix. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final OptionalInt retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, OptionalInt.empty());
    }

    public ApiException(int status, String code, String message, OptionalInt retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public OptionalInt retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
