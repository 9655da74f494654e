package org.transcriptsearch.indexer.harvest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.document.ConversationDocument;
import org.transcriptsearch.document.DocumentIds;
import org.transcriptsearch.document.HarvestStamp;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.forget.SuppressionFilter;
import org.transcriptsearch.indexer.setaside.SetAsideStore;
import org.transcriptsearch.indexer.sink.AsyncElasticsearch;
import org.transcriptsearch.indexer.sink.BulkItem;
import org.transcriptsearch.indexer.sink.BulkLines;
import org.transcriptsearch.indexer.sink.BulkWriter;
import org.transcriptsearch.indexer.sink.ElasticsearchBulkTransport;
import org.transcriptsearch.indexer.sink.Fence;
import org.transcriptsearch.indexer.sink.Scheduler;
import org.transcriptsearch.indexer.source.ConversationFacts;
import org.transcriptsearch.indexer.source.DurationSetting;
import org.transcriptsearch.indexer.source.HarvestWindow;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourceConnector;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.text.LanguageDetector;

/**
 * Turns one run's pages into stored documents: messages, conversation documents recomputed from them,
 * and set-aside records for whatever cannot be stored. Runs on one Vert.x context.
 *
 * <p><b>Nothing lost, nothing doubled.</b> Ids are deterministic, so a re-read replaces. A message is
 * written whole ({@code index}); one whose stored digest ({@code harvest.digest}) equals the re-read
 * one's is not sent at all. A message or conversation record with a time later than now plus
 * {@code futureTolerance} is set aside, never stored (it would become a checkpoint no later run gets past,
 * or a conversation document Elasticsearch cannot date). A document Elasticsearch
 * refuses for good is set aside with itself and its vendor record in the dead-letter index, and its
 * conversation's document is counted from the stored messages, so it never counts a message that is not
 * stored. Every write carries an external version ({@code epoch << 40 | sequence}): a harvester that lost
 * its lease can never replace what a newer holder wrote.
 *
 * <p><b>Speed.</b> When the source had nothing stored as the run began, only conversations this run
 * already wrote are looked up ({@link WrittenConversations}); every {@code conversationBatch}
 * conversations (five times that for whole records), their documents are recomputed in the background
 * (after a {@link BulkWriter#barrier()} on their messages) while the next pages are written, one batch at
 * a time; a conversation met again while its batch is being recomputed carries that batch's facts
 * forward. Where a vendor record holds its whole conversation, its figures are counted from the record
 * ({@link MessageStats}), so the batch needs no refresh and no search. The barrier stays: a conversation
 * document must never be stored before its messages.
 *
 * <p><b>Privacy.</b> With a {@code privacy:} section, each page is redacted ({@link PageRedaction}) before
 * anything else is done with it: every document, set-aside record and conversation text is built from the
 * redacted page.
 */
final class PageWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PageWriter.class);
    private static final int WHOLE_RECORD_BATCHES = 5;

    /**
     * The source written: its name and vendor, and whether its records hold whole conversations (then a
     * conversation's figures are counted from its record, else from its stored messages).
     */
    record SourceRef(String name, String vendor, boolean wholeRecords) {
        static SourceRef of(SourceConnector c) {
            return new SourceRef(c.source(), c.vendor(), c.recordsHoldWholeConversations());
        }
    }

    /** What a set-aside record says about the run that set it aside. */
    record RunInfo(String runId, String command, HarvestStamp stamp, HarvestWindow window) {
    }

    private final IndexNames names;
    private final SourceRef source;
    private final HarvestSettings settings;
    private final Clock clock;
    private final RunInfo run;
    private final LongSupplier versions;
    private final RunSetAsides setAsides;
    private final ObjectMapper json;
    private final BulkWriter writer;
    private final BulkLines lines;
    private final AsyncElasticsearch async;
    private final ConversationSummaries summaries;
    private final SuppressionFilter suppressions;
    /** The privacy rules, applied to every page first; null when redaction is off. */
    private final PageRedaction redaction;

    private final Map<String, ConversationSummaries.Touched> pending = new LinkedHashMap<>();
    /** The batch being recomputed in the background, until its conversation documents are acknowledged. */
    private Map<String, ConversationSummaries.Touched> recomputing = Map.of();
    private Future<Void> recomputed = Future.succeededFuture();
    private final WrittenConversations written = new WrittenConversations();
    /** Nothing of this source was stored when the run began: only conversations in {@link #written} can be. */
    private boolean startedEmpty;
    private int pages;
    private long messagesSeen;
    private long unchanged;
    private long unitsDone;
    private Instant newest;

    /**
     * @param versions the external version of each write, growing
     * @param refused  ids of this source's documents still set aside as refused (a stored one clears its record)
     * @param suppressions what a {@code forget} keeps out: counted, never stored
     */
    PageWriter(Context context, org.transcriptsearch.elastic.ElasticsearchConnection es, IndexNames names,
               SourceRef source, HarvestSettings settings, Clock clock, RunInfo run,
               Fence fence, LongSupplier versions, SetAsideStore setAsides, Set<String> refused,
               SuppressionFilter suppressions) {
        this.names = names;
        this.source = source;
        this.settings = settings;
        this.clock = clock;
        this.run = run;
        this.versions = versions;
        this.setAsides = new RunSetAsides(source, run, setAsides, refused, clock);
        this.json = es.json();
        this.writer = new BulkWriter(new ElasticsearchBulkTransport(es, context), Scheduler.of(context), settings.bulk(),
                fence, this.setAsides);
        this.setAsides.writeThrough(writer);
        this.lines = new BulkLines(json);
        this.async = new AsyncElasticsearch(es, context);
        this.summaries = new ConversationSummaries(async, names);
        this.suppressions = suppressions;
        this.redaction = PageRedaction.of(settings.privacy());
    }

    /** Whether this source has any conversation stored: if not, lookups are needed only for what the run writes. */
    Future<Void> start() {
        String body = json.createObjectNode().set("query", json.createObjectNode().set("term",
                json.createObjectNode().put("source", source.name()))).toString();
        return async.request("POST", "/" + names.conversations() + "/_count", body)
                .onSuccess(answer -> startedEmpty = answer.path("count").isNumber() && answer.path("count").asLong() == 0)
                .<Void>mapEmpty()
                .otherwise((Void) null); // cannot tell: look everything up
    }

    /** Writes a page; the future completing is the back-pressure (buffered, not yet acknowledged). */
    Future<Void> accept(SourcePage read) {
        // What a forget covers is dropped first, as the vendor gave it (a redacted id could no longer be recognised).
        SourcePage kept = suppressions.filter(read);
        SourcePage page = redaction == null ? kept : redaction.apply(kept); // before anything of it is written
        pages++;
        page.setAside().forEach(setAsides::record);
        Instant latest = clock.instant().plus(settings.futureTolerance());
        Map<String, ConversationFacts> facts = new LinkedHashMap<>();
        for (ConversationFacts f : page.conversations()) {
            Instant t = f.lastActivity() != null && (f.start() == null || f.lastActivity().isAfter(f.start()))
                    ? f.lastActivity() : f.start();
            if (t != null && t.isAfter(latest)) {
                // Its facts are left out; the conversation document counts its stored messages as ever.
                setAsides.record(SetAside.of(location(f), tooLate(t), f.conversationId(), f.raw()));
                continue;
            }
            facts.merge(f.conversationId(), f, ConversationFacts::merge);
        }
        Map<String, List<MessageDocument>> byConversation = new LinkedHashMap<>();
        for (MessageDocument m : page.messages()) {
            messagesSeen++;
            if (m.timestamp() != null && m.timestamp().isAfter(latest)) {
                setAsides.record(SetAside.of(location(m), tooLate(m.timestamp()), m.conversation().id(), m.raw()));
                continue;
            }
            byConversation.computeIfAbsent(m.conversation().id(), k -> new ArrayList<>()).add(m);
            if (m.timestamp() != null && (newest == null || m.timestamp().isAfter(newest))) {
                newest = m.timestamp();
            }
        }
        unitsDone += "messages".equals(page.totalUnit()) ? page.messages().size() : facts.size();
        Set<String> ids = new LinkedHashSet<>(facts.keySet());
        ids.addAll(byConversation.keySet());
        return stored(ids)
                .compose(storedDocs -> digests(byConversation, storedDocs)
                        .map(digests -> items(ids, facts, byConversation, storedDocs, digests)))
                .compose(writer::addAll)
                .compose(v -> pending.size() >= batchSize() ? recomputeInBackground() : Future.succeededFuture());
    }

    private List<BulkItem> items(Set<String> ids, Map<String, ConversationFacts> facts,
                                 Map<String, List<MessageDocument>> byConversation,
                                 Map<String, ConversationDocument> storedDocs, Map<String, String> digests) {
        List<BulkItem> items = new ArrayList<>();
        for (String id : ids) {
            ConversationSummaries.Touched before = pending.containsKey(id) ? pending.get(id) : recomputing.get(id);
            ConversationDocument stored = before != null ? before.stored() : storedDocs.get(id);
            ConversationFacts f = facts.get(id);
            List<MessageDocument> msgs = byConversation.getOrDefault(id, List.of());
            List<MessageDocument> docs = new ArrayList<>(msgs.size());
            int sent = 0;
            for (MessageDocument m : msgs) {
                // told before redaction where redaction is on (a placeholder is no word of any language)
                MessageDocument doc = (m.language() != null ? m
                        : m.withLanguage(m.text() == null ? null : LanguageDetector.detect(m.text()))).withHarvest(null);
                docs.add(doc);
                String docId = doc.id();
                long version = versions.getAsLong();
                BulkLines.Stamped line = lines.stamped(names.messages(), docId, version, doc, run.stamp());
                if (line.digest().equals(digests.get(docId))) {
                    unchanged++;
                    continue;
                }
                items.add(new BulkItem(BulkItem.Kind.MESSAGE, names.messages(), docId, version, line.line(), location(doc), id));
                sent++;
            }
            if (before == null && stored != null && sent == 0 && sameFacts(f, stored) && sameCount(stored, docs)) {
                continue; // re-read, nothing changed
            }
            ConversationFacts merged = before == null || before.facts() == null ? f
                    : f == null ? before.facts() : before.facts().merge(f);
            pending.put(id, new ConversationSummaries.Touched(id, merged, stored, own(docs)));
            written.add(id);
        }
        return items;
    }

    /** The vendor's record of the conversation is the one stored (or says nothing of it). */
    private boolean sameFacts(ConversationFacts f, ConversationDocument stored) {
        if (f == null || f.raw() == null) {
            return true; // facts from messages alone: unchanged messages, unchanged facts
        }
        if (stored.raw() == null) {
            return false;
        }
        try {
            JsonNode a = json.readTree(json.writeValueAsString(f.raw()));
            JsonNode b = json.readTree(json.writeValueAsString(stored.raw()));
            return a.equals(b);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * Whether the stored document can already count these messages. Where a record holds the whole
     * conversation: as many as stored. Where a page holds only some of them, there is no telling (a run
     * that was killed may have stored them after the document was written): only a page without any.
     */
    private boolean sameCount(ConversationDocument stored, List<MessageDocument> docs) {
        if (docs.isEmpty()) {
            return true;
        }
        if (!source.wholeRecords()) {
            return false;
        }
        long distinct = docs.stream().map(d -> d.message().id()).distinct().count();
        return stored.messages() != null && stored.messages().total() != null && stored.messages().total() == distinct;
    }

    private Future<Map<String, ConversationDocument>> stored(Set<String> ids) {
        List<String> docIds = new ArrayList<>();
        for (String id : ids) {
            if (!pending.containsKey(id) && !recomputing.containsKey(id) && (!startedEmpty || written.mayContain(id))) {
                docIds.add(DocumentIds.conversation(source.name(), id));
            }
        }
        if (docIds.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        String body = json.createObjectNode().set("ids", json.valueToTree(docIds)).toString();
        return async.request("POST", "/" + names.conversations() + "/_mget", body).map(answer -> {
            Map<String, ConversationDocument> out = new HashMap<>();
            for (JsonNode d : answer.path("docs")) {
                if (d.path("found").asBoolean(false)) {
                    try {
                        ConversationDocument doc = json.treeToValue(d.path("_source"), ConversationDocument.class);
                        out.put(doc.conversation().id(), doc);
                    } catch (JsonProcessingException e) {
                        LOG.warn("source {}: stored conversation {} is unreadable ({}); it will be rewritten",
                                source.name(), d.path("_id").asText(), e.getOriginalMessage());
                    }
                }
            }
            return out;
        });
    }

    /** The stored digests of the page's messages that may be stored (message id → digest). */
    private Future<Map<String, String>> digests(Map<String, List<MessageDocument>> byConversation,
                                                Map<String, ConversationDocument> storedDocs) {
        List<String> docIds = new ArrayList<>();
        byConversation.forEach((id, msgs) -> {
            if (!startedEmpty || storedDocs.containsKey(id) || pending.containsKey(id) || recomputing.containsKey(id)
                    || written.mayContain(id)) {
                msgs.forEach(m -> docIds.add(m.id()));
            }
        });
        if (docIds.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        String body = json.createObjectNode().set("ids", json.valueToTree(docIds)).toString();
        return async.request("POST", "/" + names.messages() + "/_mget?_source_includes=harvest.digest", body).map(answer -> {
            Map<String, String> out = new HashMap<>();
            for (JsonNode d : answer.path("docs")) {
                String digest = d.path("_source").path("harvest").path("digest").asText(null);
                if (digest != null) {
                    out.put(d.path("_id").asText(), digest);
                }
            }
            return out;
        });
    }

    /**
     * Conversations per recompute round. Where records hold whole conversations there is no aggregation
     * (whose buckets bound the round), so rounds are five times larger: fewer, larger writes to the
     * conversations index, which then makes fewer small segments to merge, and fewer barriers.
     */
    private int batchSize() {
        return source.wholeRecords() ? WHOLE_RECORD_BATCHES * settings.conversationBatch()
                : settings.conversationBatch();
    }

    /**
     * The figures of a conversation's messages on this page, if its record holds the whole conversation
     * (a later record of it replaces them); else null, for the stored messages to be aggregated.
     */
    private ConversationSummaries.Own own(List<MessageDocument> docs) {
        if (!source.wholeRecords()) {
            return null;
        }
        // as stored: one per id, the last one (same source and conversation, so the message id decides)
        Map<String, MessageDocument> distinct = new LinkedHashMap<>();
        docs.forEach(d -> distinct.put(d.message().id(), d));
        return new ConversationSummaries.Own(MessageStats.of(distinct.values()), ConversationText.of(distinct.values()));
    }

    private String location(MessageDocument m) {
        return source.vendor() + " source " + source.name() + ", conversation " + m.conversation().id()
                + ", message " + m.message().id();
    }

    private String location(ConversationFacts f) {
        return source.vendor() + " source " + source.name() + ", conversation " + f.conversationId();
    }

    private String tooLate(Instant t) {
        return "its time " + t + " is later than now + " + DurationSetting.format(settings.futureTolerance())
                + " (a vendor clock or unit error): kept here, never indexed or taken as a checkpoint";
    }

    /**
     * Hands the pending conversations to the background recomputation, once the previous batch is done
     * (at most one batch recomputes while the next one fills: memory stays bounded). A failure of the
     * background work surfaces here or in {@link #finish()}.
     */
    private Future<Void> recomputeInBackground() {
        return recomputed.compose(v -> {
            Map<String, ConversationSummaries.Touched> batch = new LinkedHashMap<>(pending);
            pending.clear();
            recomputing = batch;
            recomputed = writer.barrier()
                    .compose(x -> writeConversations(batch.values()))
                    .compose(x -> writer.barrier())
                    .onFailure(e -> batch.forEach(pending::putIfAbsent)) // still to do, for the salvage
                    .eventually(() -> {
                        if (recomputing == batch) {
                            recomputing = Map.of();
                        }
                        return Future.succeededFuture();
                    });
            return Future.succeededFuture();
        });
    }

    /** Writes the conversation documents of everything pending, once its messages are acknowledged. */
    private Future<Void> recomputePending() {
        if (pending.isEmpty()) {
            return Future.succeededFuture();
        }
        List<ConversationSummaries.Touched> batch = new ArrayList<>(pending.values());
        pending.clear();
        return writer.flush().compose(v -> writeConversations(batch));
    }

    /** Recomputes {@code batch} from its acknowledged messages and adds the changed documents to the writer. */
    private Future<Void> writeConversations(Collection<ConversationSummaries.Touched> batch) {
        List<ConversationSummaries.Touched> exact = new ArrayList<>(batch.size());
        for (ConversationSummaries.Touched t : batch) {
            // a refused message is not stored: count what is, not what the record holds
            exact.add(t.own() != null && setAsides.refusedIn(t.conversationId())
                    ? new ConversationSummaries.Touched(t.conversationId(), t.facts(), t.stored(), null) : t);
        }
        return summaries.recompute(source.name(), source.vendor(), exact, run.stamp())
                .compose(docs -> {
                    List<BulkItem> items = new ArrayList<>(docs.size());
                    for (ConversationDocument d : docs) {
                        String id = d.id(); // a hash: computed once
                        long version = versions.getAsLong();
                        items.add(new BulkItem(BulkItem.Kind.CONVERSATION, names.conversations(), id, version,
                                lines.index(names.conversations(), id, version, d), source.vendor() + " source "
                                + source.name() + ", conversation " + d.conversation().id(), d.conversation().id()));
                    }
                    return writer.addAll(items);
                });
    }

    /** Waits for the background batch, then recomputes what is pending and waits until all is acknowledged. */
    Future<Void> finish() {
        return recomputed.compose(v -> drain());
    }

    private Future<Void> drain() {
        return writer.flush().compose(v -> recomputePending()).compose(v -> writer.flush());
    }

    /**
     * Recomputes these conversations' documents from what is stored, whatever was read (a document of
     * theirs was refused before and is to be stored now).
     */
    Future<Void> recompute(Set<String> conversationIds) {
        return stored(conversationIds).map(storedDocs -> {
            for (String id : conversationIds) {
                pending.putIfAbsent(id, new ConversationSummaries.Touched(id, null, storedDocs.get(id), null));
            }
            return null;
        });
    }

    /** Adds items of the run's own (set-aside records cleared at its end) and waits until they are stored. */
    Future<Void> write(List<BulkItem> items) {
        return writer.addAll(items).compose(v -> writer.flush());
    }

    /** After a failure: store conversation documents for the messages that did get acknowledged, if we still can. */
    Future<Void> salvage() {
        // A failed background batch is back in pending: drain it with the rest.
        return recomputed.otherwise((Void) null).compose(v -> drain()).otherwise(e -> {
            LOG.warn("source {}: after the failure, the conversations of this run could not be recomputed: {}; "
                    + "the next run recomputes them", source.name(), e.getMessage());
            return null;
        });
    }

    BulkWriter writer() {
        return writer;
    }

    int pages() {
        return pages;
    }

    long messagesSeen() {
        return messagesSeen;
    }

    long unchanged() {
        return unchanged;
    }

    long unitsDone() {
        return unitsDone;
    }

    Instant newest() {
        return newest;
    }

    /** How many records the run set aside (vendor records and refused documents). */
    int setAsideCount() {
        return setAsides.count();
    }

    /** The first of them, for the run history. */
    List<SetAside> setAside() {
        return setAsides.first();
    }
}
