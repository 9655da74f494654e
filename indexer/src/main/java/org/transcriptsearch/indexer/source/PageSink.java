package org.transcriptsearch.indexer.source;

import io.vertx.core.Future;

/**
 * Where a connector delivers its pages. The returned future is the back-pressure: it completes when the
 * runner is ready for more (the page is buffered for bulk writing, not necessarily acknowledged yet).
 * A connector must not ask the vendor for the next page before it completes, and must stop (fail its
 * harvest with the same cause) if it fails.
 */
@FunctionalInterface
public interface PageSink {
    Future<Void> accept(SourcePage page);
}
