package org.transcriptsearch.sandbox.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** How a vendor shapes its error bodies; every refusal of that vendor's endpoints goes through it. */
public interface ErrorStyle {
    /** What the vendors' gateways say when a backend is busy (the CXone text is from a bug report). */
    String BUSY = "Service busy, please retry";

    ObjectNode body(ApiException error);

    /** The body of a rate-limited answer (429). */
    ObjectNode rateLimited();

    /** The body a gateway answers with status 200 when a backend is busy: an error, and no data array. */
    ObjectNode busy();

    /**
     * {@code {"error": code, "message": text}}: CXone (a Laravel app) and AgentX. Busy:
     * {@code {"error": "service_unavailable", "message": "Service busy, please retry"}} (AgentX's).
     */
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

        @Override
        public ObjectNode busy() {
            return body(new ApiException(503, "service_unavailable", BUSY));
        }
    };
}
