package org.transcriptsearch.indexer.source;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;

/**
 * How a {@link PageWalk} asks the vendor: {@link VendorHttp} (pacing, retries, the one classification of
 * errors), or a test's fake.
 */
public interface PageFetcher {
    /**
     * Sends the call, retrying retriable failures (an unreadable answer among them, when {@code parse}
     * throws a retriable {@link SourceException}); the parsed answer, or the last failure.
     */
    <T> Future<T> send(VendorCall call, VendorHttp.ErrorReader vendorErrors, Function<Buffer, T> parse);
}
