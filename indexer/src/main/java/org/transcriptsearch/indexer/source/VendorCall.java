package org.transcriptsearch.indexer.source;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import org.transcriptsearch.secrets.Redactor;

/**
 * One vendor HTTP request, as {@link VendorHttp} sends (and re-sends) it.
 *
 * @param url           the absolute URL, credentials included where the vendor wants them in the query
 *                      (they are masked in every message built from it)
 * @param headers       request headers (auth headers are never logged)
 * @param body          request body, or null
 * @param credentialKey the config key to name when the vendor answers 401/403, e.g. {@code token}
 * @param endpoint      which rate-limit bucket the call draws from ({@link RequestPacer}), e.g. {@code messages}
 */
public record VendorCall(HttpMethod method, String url, MultiMap headers, Buffer body, String credentialKey,
                         String endpoint) {
    public static VendorCall get(String url, String credentialKey) {
        return new VendorCall(HttpMethod.GET, url, MultiMap.caseInsensitiveMultiMap(), null, credentialKey, "default");
    }

    public VendorCall header(String name, String value) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        h.set(name, value);
        return new VendorCall(method, url, h, body, credentialKey, endpoint);
    }

    public VendorCall withBody(HttpMethod m, Buffer b) {
        return new VendorCall(m, url, headers, b, credentialKey, endpoint);
    }

    public VendorCall onEndpoint(String name) {
        return new VendorCall(method, url, headers, body, credentialKey, name);
    }

    /** The URL masked and the header names only: credentials travel in both. */
    @Override
    public String toString() {
        return "VendorCall[" + method + " " + Redactor.none().redact(url) + ", headers=" + headers.names()
                + (body == null ? "" : ", body=" + body.length() + " bytes") + ", credentialKey=" + credentialKey
                + ", endpoint=" + endpoint + "]";
    }
}
