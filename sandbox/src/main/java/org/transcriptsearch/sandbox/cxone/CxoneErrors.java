package org.transcriptsearch.sandbox.cxone;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.ErrorStyle;
import org.transcriptsearch.sandbox.http.JsonWire;

/**
 * CXone's error bodies: Laravel's flat {@code {"error", "message"}}, except the busy answer, which is
 * {@code {"error": "Service busy, please retry"}} alone (as quoted in a bug report).
 */
final class CxoneErrors implements ErrorStyle {
    @Override
    public ObjectNode body(ApiException error) {
        return FLAT.body(error);
    }

    @Override
    public ObjectNode rateLimited() {
        return FLAT.rateLimited();
    }

    @Override
    public ObjectNode busy() {
        ObjectNode body = JsonWire.MAPPER.createObjectNode();
        body.put("error", BUSY);
        return body;
    }
}
