package org.transcriptsearch.indexer.source;

import io.vertx.core.Future;
import java.util.List;

/**
 * One configured source of one vendor. Created by its vendor's {@link ConnectorFactory} from the
 * source's config; used for one run at a time. See {@code package-info.java} for the whole contract.
 */
public interface SourceConnector extends AutoCloseable {
    /** {@code cxone}, {@code kore} or {@code agentx}: the {@code vendor} field of every document. */
    String vendor();

    /** The configured source name: the {@code source} field of every document. */
    String source();

    /**
     * The streams this source keeps a checkpoint for: one for most vendors ({@code conversations}),
     * two where the vendor exports messages and conversations separately.
     */
    List<String> streams();

    /**
     * Harvests {@code request.window()}: maps every vendor record of that span to documents and hands
     * them to {@code sink} page by page through a {@link PageWalk}. Completes when every page has been
     * handed over; fails with a {@link SourceException} when the vendor cannot be harvested (after its own
     * retries), or {@link HarvestStopped} when {@code request.stop()} asked it to stop.
     */
    Future<Void> harvest(HarvestRequest request, PageSink sink);

    /**
     * Maps one vendor response body as it came over the wire, with no I/O: the heart of the connector,
     * used by {@link #harvest} and by the golden tests ({@code src/test/resources/<vendor>/<case>.json}).
     * A malformed body or record becomes a {@link SetAside} on the page, never an exception.
     *
     * @param location the redacted request the body answered, for set-aside records
     */
    SourcePage mapPage(String stream, String body, String location);

    /**
     * Whether every record a page carries for a conversation holds that whole conversation: all its
     * messages so far, a later record replacing an earlier one (CXone: a conversation with its tracker).
     * The engine then sums the conversation document's figures from the record's own messages instead of
     * searching the stored ones. Default: no (a page holds some of a conversation's messages).
     */
    default boolean recordsHoldWholeConversations() {
        return false;
    }

    /** Vendor HTTP calls made so far, retries included (for the run history's {@code vendor_calls}). */
    long vendorCalls();

    /** Releases the HTTP client. */
    @Override
    void close();
}
