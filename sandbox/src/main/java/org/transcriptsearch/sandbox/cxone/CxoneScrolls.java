package org.transcriptsearch.sandbox.cxone;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.transcriptsearch.sandbox.corpus.StableIds;
import org.transcriptsearch.sandbox.http.ApiException;

/**
 * CXone scrolls, played as Elasticsearch scrolls (the vendor's store, inferred): a snapshot of the
 * matching conversations, each as it was when the export started, that expires when left idle. Each
 * page's {@code scroll_id} names the snapshot and the next offset, so retrying a page after a network
 * failure gets the same page again, and a client that re-sends an old scroll id re-reads, never skips.
 */
final class CxoneScrolls {
    /** What Elasticsearch scroll ids start with (base64 of "\u0014include_context_uuid"). */
    static final String PREFIX = "FGluY2x1ZGVfY29udGV4dF91dWlk";
    private static final int MAX_LIVE = 256;

    /** One export's frozen view: conversation refs in order and how many messages each had then. */
    static final class Snapshot {
        final String id;
        final int[] refs;
        final int[] turns;
        final int perPage;
        volatile long lastUsedNanos = System.nanoTime();

        Snapshot(String id, int[] refs, int[] turns, int perPage) {
            this.id = id;
            this.refs = refs;
            this.turns = turns;
            this.perPage = perPage;
        }

        int size() {
            return refs.length;
        }

        void touch() {
            lastUsedNanos = System.nanoTime();
        }
    }

    record Position(Snapshot snapshot, int offset) {
    }

    private final long idleNanos;
    private final long seed;
    private final Duration idle;
    private final Map<String, Snapshot> live = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();

    CxoneScrolls(Duration idle, long seed) {
        this.idle = idle;
        this.idleNanos = idle.toNanos();
        this.seed = seed;
    }

    Snapshot open(int[] refs, int[] turns, int perPage) {
        long now = System.nanoTime();
        live.values().removeIf(s -> now - s.lastUsedNanos > idleNanos);
        if (live.size() >= MAX_LIVE) {
            live.values().stream().min(Comparator.comparingLong(s -> s.lastUsedNanos)).ifPresent(s -> live.remove(s.id));
        }
        String id = StableIds.alnum(StableIds.mix(seed, StableIds.tag("cxone-scroll"), opened.incrementAndGet(), now), 22);
        Snapshot snapshot = new Snapshot(id, refs, turns, perPage);
        live.put(id, snapshot);
        return snapshot;
    }

    String scrollId(Snapshot snapshot, int offset) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding()
                .encodeToString((snapshot.id + ":" + offset).getBytes(StandardCharsets.UTF_8));
    }

    Position resolve(String scrollId) {
        String[] parts = decode(scrollId);
        Snapshot snapshot = live.get(parts[0]);
        long now = System.nanoTime();
        if (snapshot == null || now - snapshot.lastUsedNanos > idleNanos) {
            live.remove(parts[0]);
            throw expired();
        }
        int offset;
        try {
            offset = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (offset < 0 || offset > snapshot.size()) {
            throw malformed();
        }
        snapshot.lastUsedNanos = now;
        return new Position(snapshot, offset);
    }

    void drop(Snapshot snapshot) {
        live.remove(snapshot.id);
    }

    ApiException expired() {
        return new ApiException(410, "scroll_expired", "The scroll has expired (idle for more than "
                + idle.toSeconds() + " s) or does not exist. Start a new export without scrollId.");
    }

    private static ApiException malformed() {
        return ApiException.badRequest("scrollId is not one this API issued: use the scroll_id or next_page_url"
                + " of the previous page as it was returned");
    }

    private static String[] decode(String scrollId) {
        if (!scrollId.startsWith(PREFIX)) {
            throw malformed();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(scrollId.substring(PREFIX.length())),
                    StandardCharsets.UTF_8);
            String[] parts = raw.split(":", 2);
            if (parts.length != 2) {
                throw malformed();
            }
            return parts;
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
    }
}
