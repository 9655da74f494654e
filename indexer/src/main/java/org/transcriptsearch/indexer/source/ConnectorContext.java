package org.transcriptsearch.indexer.source;

import io.vertx.core.Vertx;
import java.time.Clock;
import org.transcriptsearch.secrets.Redactor;

/**
 * What the engine lends a connector: the Vert.x instance (for its web client and timers), the redactor
 * that masks every configured secret, the clock (tests pin it), and the HTTP retry policy.
 */
public record ConnectorContext(Vertx vertx, Redactor redactor, Clock clock, RetryPolicy retry) {
}
