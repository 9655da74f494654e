package org.transcriptsearch.sandbox.kore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.ErrorStyle;
import org.transcriptsearch.sandbox.http.JsonWire;

/** Kore's error body: {@code {"errors": [{"msg": "...", "code": <status>}]}}. */
final class KoreErrors implements ErrorStyle {
    static final String RATE_LIMITED = "Rate limit for this API has been reached. Please try again after some time.";

    @Override
    public ObjectNode body(ApiException error) {
        ObjectNode body = JsonWire.MAPPER.createObjectNode();
        body.putArray("errors").addObject()
                .put("msg", error.status() == 429 ? RATE_LIMITED : error.getMessage())
                .put("code", error.status());
        return body;
    }

    @Override
    public ObjectNode rateLimited() {
        return body(new ApiException(429, "rate_limited", RATE_LIMITED));
    }

    /** Busy, as Kore's gateway words it: the code a name, not a status, and no {@code messages}. */
    @Override
    public ObjectNode busy() {
        ObjectNode body = JsonWire.MAPPER.createObjectNode();
        body.putArray("errors").addObject().put("msg", BUSY).put("code", "ServiceUnavailable");
        return body;
    }
}
