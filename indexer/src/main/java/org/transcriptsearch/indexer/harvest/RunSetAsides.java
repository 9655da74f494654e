package org.transcriptsearch.indexer.harvest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.transcriptsearch.indexer.setaside.SetAsideRecord;
import org.transcriptsearch.indexer.setaside.SetAsideStore;
import org.transcriptsearch.indexer.sink.BulkItem;
import org.transcriptsearch.indexer.sink.BulkWriter;
import org.transcriptsearch.indexer.source.SetAside;

/**
 * What one run sets aside, and what it stores that an earlier run had to set aside. Every set-aside record
 * goes through the run's own {@link BulkWriter} (so no checkpoint passes one that is not kept): a vendor
 * record that cannot be stored, and a document Elasticsearch refuses for good (its conversation is then
 * counted from what is stored). A document stored now that an earlier run saw refused has its record
 * removed. The dead-letter index refusing a record fails the run: what it stood for could not be kept.
 */
final class RunSetAsides implements BulkWriter.Listener {
    private static final int KEPT_IN_HISTORY = 100;

    private final PageWriter.SourceRef source;
    private final PageWriter.RunInfo run;
    private final SetAsideStore store;
    private final Set<String> refusedBefore;
    private final Clock clock;
    private final Set<String> refusedIn = new HashSet<>();
    private final List<SetAside> first = new ArrayList<>();
    private int count;
    private BulkWriter writer;

    /** @param refusedBefore ids of the source's documents still set aside as refused */
    RunSetAsides(PageWriter.SourceRef source, PageWriter.RunInfo run, SetAsideStore store, Set<String> refusedBefore,
                 Clock clock) {
        this.source = source;
        this.run = run;
        this.store = store;
        this.refusedBefore = new HashSet<>(refusedBefore);
        this.clock = clock;
    }

    /** The writer records go through (it reports to this listener, so it is made after it). */
    void writeThrough(BulkWriter w) {
        this.writer = w;
    }

    /** A vendor record that cannot be stored: kept whole in the dead-letter index. */
    void record(SetAside s) {
        // The store and the run history mask what they keep; the console masks what it prints.
        note(new SetAside(s.location(), s.reason(), s.conversationId(), null));
        writer.addAll(List.of(store.item(new SetAsideRecord(clock.instant(), source.name(), source.vendor(),
                SetAsideRecord.RECORD, null, SetAsideRecord.Ref.of(s.conversationId()), null, s.location(), s.reason(), null,
                runRef(), window(), null, s.record()))));
    }

    @Override
    public void rejected(BulkWriter.Rejection r) {
        BulkItem item = r.item();
        if (item.kind() == BulkItem.Kind.SET_ASIDE) {
            writer.fail(new IllegalStateException("the set-aside index " + store.index() + " refused " + item.id() + " ("
                    + r.describe() + "): what it stood for could not be kept, so the run stops here"));
            return;
        }
        if (item.kind() == BulkItem.Kind.MESSAGE && item.conversationId() != null) {
            refusedIn.add(item.conversationId());
        }
        String reason = r.describe();
        note(new SetAside(item.location(), reason, item.conversationId(), null));
        String messageId = item.kind() == BulkItem.Kind.MESSAGE ? messageId(item.location()) : null;
        writer.addAll(List.of(store.item(new SetAsideRecord(clock.instant(), source.name(), source.vendor(),
                SetAsideRecord.DOCUMENT, new SetAsideRecord.Target(item.index(), item.id()),
                SetAsideRecord.Ref.of(item.conversationId()), SetAsideRecord.Ref.of(messageId), item.location(), reason,
                new SetAsideRecord.Error(r.type(), r.status()), runRef(), window(), item.document(), null))));
    }

    @Override
    public void stored(BulkItem item) {
        if (item.kind() != BulkItem.Kind.SET_ASIDE && !refusedBefore.isEmpty() && refusedBefore.remove(item.id())) {
            writer.addAll(List.of(store.removal(SetAsideRecord.DOCUMENT + ":" + item.id())));
        }
    }

    /** Whether a message of the conversation was refused this run: its document counts what is stored, not the record. */
    boolean refusedIn(String conversationId) {
        return refusedIn.contains(conversationId);
    }

    /** How many records the run set aside (vendor records and refused documents). */
    int count() {
        return count;
    }

    /** The first of them, for the run history. */
    List<SetAside> first() {
        return first;
    }

    private static String messageId(String location) {
        int at = location.lastIndexOf(", message ");
        return at < 0 ? null : location.substring(at + ", message ".length());
    }

    private SetAsideRecord.Run runRef() {
        return new SetAsideRecord.Run(run.runId(), run.command());
    }

    private SetAsideRecord.Window window() {
        return run.window() == null ? null : new SetAsideRecord.Window(run.window().from(), run.window().to());
    }

    private void note(SetAside s) {
        count++;
        if (first.size() < KEPT_IN_HISTORY) {
            first.add(s);
        }
    }
}
