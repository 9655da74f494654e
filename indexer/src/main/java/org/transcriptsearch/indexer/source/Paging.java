package org.transcriptsearch.indexer.source;

import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * One vendor listing, walked page by page by {@link PageWalk}: what to ask for, how to read an answer,
 * which page comes next. A vendor package says only that; what an unreadable page, a retry, an expired
 * scroll and a stop mean is decided once, in {@link PageWalk}, for every vendor.
 *
 * @param <Q> the vendor's page request: a scroll URL, a window and skip, a span and cursor
 */
public interface Paging<Q> {
    /** The HTTP call that asks for {@code request}. */
    VendorCall call(Q request);

    /**
     * Reads one answer. A body that is not a whole page (cut-off JSON, an error body, no data array) is
     * {@link SourceException#unreadable}: asked for again like any retriable failure; still unreadable
     * after the retries, it ends the stream where its last checkpoint is. Records within a readable page
     * that cannot be mapped are set aside on the page, never thrown.
     */
    Read<Q> read(Q request, Buffer body);

    /** Where {@code request} is, for messages: the masked request and its place in the listing. */
    String describe(Q request);

    /** The vendor's own error answers (an expired scroll); null for the shared classification only. */
    default VendorHttp.ErrorReader errors() {
        return null;
    }

    /** Where to begin again after the vendor says its scroll or cursor expired; empty: the stream fails. */
    default Optional<Q> restart(Q expired) {
        return Optional.empty();
    }

    /** Ask for the next page while this one is written (pages that are large and slow to come). */
    default boolean prefetch() {
        return false;
    }

    /**
     * One page read: what to hand over (with its stream's checkpoint, if this page lets it move) and what
     * to ask for next (empty: the listing is done).
     */
    record Read<Q>(SourcePage page, Optional<Q> next) {
    }
}
