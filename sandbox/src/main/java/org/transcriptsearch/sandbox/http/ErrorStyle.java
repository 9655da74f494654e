package org.transcriptsearch.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a vendor shapes its error bodies; every refusal of that vendor's endpoints goes through it. */
public interface ErrorStyle {
    ObjectNode body(ApiException error);

    /** The body of a rate-limited answer (429). */
    ObjectNode rateLimited();

    /** {@code {"error": code, "message": text}}: CXone (a Laravel app) and AgentX. */
    ErrorStyle FLAT = new ErrorStyle() {
        @Override
        public ObjectNode body(ApiException error) {
            ObjectNode body = JsonWire.MAPPER.createObjectNode();
            body.put("error", error.code());
            body.put("message", error.getMessage());
            return body;
        }

        @Override
        public ObjectNode rateLimited() {
            return body(new ApiException(429, "too_many_requests", "Too Many Requests"));
        }
    };
}
