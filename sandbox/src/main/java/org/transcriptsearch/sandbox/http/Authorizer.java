package org.transcriptsearch.sandbox.http;

import io.vertx.ext.web.RoutingContext;

/** Checks a call's credentials on the event loop; throws {@link ApiException} (401/403/404) when they fail. */
@FunctionalInterface
public interface Authorizer {
    void check(RoutingContext ctx);
}
