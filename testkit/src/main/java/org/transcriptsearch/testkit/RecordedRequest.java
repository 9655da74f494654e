package org.transcriptsearch.testkit;

import java.nio.charset.StandardCharsets;

/**
 * One request that reached a {@link FaultProxy} while it was recording: what a process under test asked
 * of Elasticsearch, e.g. to list the endpoints (and so the privileges) a service needs.
 *
 * @param query the raw query string, or null
 */
public record RecordedRequest(String method, String path, String query, byte[] body) {
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query);
    }
}
