package org.transcriptsearch.indexer.source;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.transcriptsearch.secrets.Redactor;

/**
 * What the engine lends a connector: the Vert.x instance (for its web client and timers), the redactor
 * that masks every configured secret, the clock (tests pin it), the HTTP retry policy, and where its
 * vendor calls are counted.
 */
public record ConnectorContext(Vertx vertx, Redactor redactor, Clock clock, RetryPolicy retry, VendorCallMeter calls) {
    /** Vendor calls counted nowhere. */
    public ConnectorContext(Vertx vertx, Redactor redactor, Clock clock, RetryPolicy retry) {
        this(vertx, redactor, clock, retry, VendorCallMeter.NONE);
    }

    /** The same context whose redactor also masks {@code secret} (the connector's own credential, as sent). */
    public ConnectorContext withSecret(String... secrets) {
        java.util.List<String> all = new java.util.ArrayList<>();
        for (String s : secrets) {
            all.add(s);
            all.add(java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8));
        }
        return new ConnectorContext(vertx, redactor.with(all), clock, retry, calls);
    }
}
