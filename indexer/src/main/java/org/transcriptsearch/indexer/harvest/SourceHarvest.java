package org.transcriptsearch.indexer.harvest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.document.ConversationDocument;
import org.transcriptsearch.document.DocumentIds;
import org.transcriptsearch.document.HarvestStamp;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.sink.AsyncElasticsearch;
import org.transcriptsearch.indexer.sink.BulkItem;
import org.transcriptsearch.indexer.sink.BulkLines;
import org.transcriptsearch.indexer.sink.BulkWriter;
import org.transcriptsearch.indexer.source.Checkpoint;
import org.transcriptsearch.indexer.source.ConversationFacts;
import org.transcriptsearch.indexer.source.HarvestRequest;
import org.transcriptsearch.indexer.source.HarvestWindow;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourceConnector;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.indexer.state.HarvestRun;
import org.transcriptsearch.indexer.state.Lease;
import org.transcriptsearch.indexer.state.RunHistory;
import org.transcriptsearch.indexer.state.StateStore;
import org.transcriptsearch.secrets.Redactor;
import org.transcriptsearch.text.LanguageDetector;

/**
 * One run of one source: lease, window, vendor pages → bulk writes, conversation recomputation,
 * checkpoints, run history. Runs on one Vert.x context (create and {@link #run} it there); blocking state
 * calls go through {@code executeBlocking}.
 *
 * <p>Exactly once: ids are deterministic, so re-reading upserts. A conversation whose stored document
 * already has the vendor's exact record and message count is skipped (nothing new is written); one
 * stored before is updated item by item ({@code update} with {@code doc}/{@code upsert}, so unchanged
 * messages are {@code noop}); one never seen is indexed. The checkpoint moves only after a flush, i.e.
 * after Elasticsearch acknowledged everything before it.
 *
 * <p>Speed without giving any of that up: when the source had nothing stored as the run began, only
 * conversations this run already wrote are looked up ({@link WrittenConversations}); every
 * {@code conversationBatch} conversations (five times that for whole records, below), their documents
 * are recomputed in the background (after a {@link BulkWriter#barrier()} on their messages) while the
 * next pages are written, one batch at a time; a conversation met again while its batch is being
 * recomputed carries that batch's facts forward. Where
 * a vendor record holds its whole conversation, its figures are counted from the record as it is written
 * ({@link MessageStats}), so the batch needs no refresh and no search. The barrier stays: a conversation
 * document must never be stored before its messages, since one found stored with the same record lets
 * a re-read skip them.
 */
public final class SourceHarvest {
    private static final Logger LOG = LoggerFactory.getLogger(SourceHarvest.class);
    private static final int MAX_ERRORS_KEPT = 100;
    private static final int WHOLE_RECORD_BATCHES = 5;

    /** Who runs, and as what. */
    public record RunIdentity(String runId, String command, String host, String holder) {
    }

    private final Vertx vertx;
    private final ElasticsearchConnection es;
    private final IndexNames names;
    private final SourceConnector connector;
    private final HarvestSettings settings;
    private final Clock clock;
    private final Redactor redactor;
    private final HarvestProgress progress;
    private final RunIdentity identity;
    private final StateStore state;
    private final RunHistory history;
    private final ObjectMapper json;

    private BulkWriter writer;
    private BulkLines lines;
    private ConversationSummaries summaries;
    private AsyncElasticsearch async;
    private HarvestStamp stamp;
    private final Map<String, ConversationSummaries.Touched> pending = new LinkedHashMap<>();
    /** The batch being recomputed in the background, until its conversation documents are acknowledged. */
    private Map<String, ConversationSummaries.Touched> recomputing = Map.of();
    private Future<Void> recomputed = Future.succeededFuture();
    private final WrittenConversations written = new WrittenConversations();
    /** Nothing of this source was stored when the run began: only conversations in {@link #written} can be. */
    private boolean startedEmpty;
    private final List<SetAside> setAside = new ArrayList<>();
    private final Map<String, Checkpoint> pageCheckpoints = new HashMap<>();
    private int pages;
    private long messagesSeen;
    private long unitsDone;
    private Instant newest;
    private long startedNanos;
    private Instant startedAt;
    private volatile Lease lease;
    private volatile RuntimeException leaseLost;
    private boolean renewing;
    private boolean finished;

    public SourceHarvest(Vertx vertx, ElasticsearchConnection es, IndexNames names, SourceConnector connector,
                         HarvestSettings settings, Clock clock, Redactor redactor, HarvestProgress progress,
                         RunIdentity identity) {
        this.vertx = vertx;
        this.es = es;
        this.names = names;
        this.connector = connector;
        this.settings = settings;
        this.clock = clock;
        this.redactor = redactor;
        this.progress = progress;
        this.identity = identity;
        this.state = new StateStore(es, names, clock);
        this.history = new RunHistory(es, names);
        this.json = es.json();
    }

    /**
     * Runs the source. {@code reindex} present: exactly that window, checkpoints left alone; absent:
     * {@code [checkpoint - overlap, now - settle]}. The future fails only if the lease cannot be had;
     * every other failure ends in a summary with outcome {@code failed}.
     */
    public Future<HarvestSummary> run(Optional<HarvestWindow> reindex) {
        startedNanos = System.nanoTime();
        startedAt = clock.instant();
        stamp = new HarvestStamp(identity.runId(), startedAt);
        async = new AsyncElasticsearch(es, vertx.getOrCreateContext());
        writer = new BulkWriter(es, vertx, settings.bulk(), this::setAside);
        lines = new BulkLines(json);
        summaries = new ConversationSummaries(async, names);
        return vertx.executeBlocking(() -> state.acquire(connector.source(), identity.holder(), settings.leaseTtl()))
                .compose(l -> {
                    lease = l;
                    long timer = vertx.setPeriodic(Math.max(1000, settings.leaseTtl().toMillis() / 3), t -> renewLease());
                    return harvest(reindex).eventually(() -> {
                        vertx.cancelTimer(timer);
                        finished = true;
                        return vertx.executeBlocking(() -> {
                            state.release(lease);
                            return null;
                        }).otherwise(e -> {
                            LOG.warn("source {}: the lease could not be released ({}); it expires at {}",
                                    connector.source(), e.getMessage(), lease.expiresAt());
                            return null;
                        });
                    });
                });
    }

    private Future<HarvestSummary> harvest(Optional<HarvestWindow> reindex) {
        return vertx.executeBlocking(() -> state.checkpoints(connector.source(), connector.streams()))
                .compose(checkpoints -> {
                    Optional<HarvestWindow> window = reindex.isPresent() ? reindex : incrementalWindow(checkpoints);
                    if (window.isEmpty()) {
                        return Future.succeededFuture(summary(null, HarvestRun.SUCCEEDED,
                                "nothing to do: the checkpoint is already within the settle time of now"));
                    }
                    HarvestWindow w = window.get();
                    HarvestRequest request = new HarvestRequest(identity.runId(), w, checkpoints, reindex.isPresent());
                    return saveRun(w, HarvestRun.RUNNING, null)
                            .compose(v -> storedAnything())
                            .compose(v -> connector.harvest(request, this::accept))
                            .compose(v -> finishWrites())
                            .compose(v -> reindex.isPresent() ? Future.succeededFuture() : saveCheckpoints(w))
                            .map(v -> summary(w, setAside.isEmpty() ? HarvestRun.SUCCEEDED : HarvestRun.PARTIAL, null))
                            .recover(err -> salvage().map(v -> summary(w, HarvestRun.FAILED, describe(err))))
                            .compose(s -> saveRun(w, s.outcome(), s.reason()).map(s).otherwise(e -> {
                                LOG.warn("source {}: the run history could not be written: {}", connector.source(), e.getMessage());
                                return s;
                            }));
                });
    }

    private Optional<HarvestWindow> incrementalWindow(Map<String, Checkpoint> checkpoints) {
        Instant now = clock.instant();
        Instant to = now.minus(settings.settle());
        Instant from = null;
        for (Checkpoint c : checkpoints.values()) {
            Instant f = c.through().map(t -> t.minus(settings.overlap())).orElse(now.minus(settings.initialLookback()));
            from = from == null || f.isBefore(from) ? f : from;
        }
        if (from == null) {
            from = now.minus(settings.initialLookback());
        }
        return from.isBefore(to) ? Optional.of(new HarvestWindow(from, to)) : Optional.empty();
    }

    /** The connector's page: the future it gets back is the back-pressure. */
    private Future<Void> accept(SourcePage page) {
        if (leaseLost != null) {
            return Future.failedFuture(leaseLost);
        }
        pages++;
        page.setAside().forEach(this::setAside);
        Map<String, ConversationFacts> facts = new LinkedHashMap<>();
        page.conversations().forEach(f -> facts.merge(f.conversationId(), f, ConversationFacts::merge));
        Map<String, List<MessageDocument>> byConversation = new LinkedHashMap<>();
        for (MessageDocument m : page.messages()) {
            byConversation.computeIfAbsent(m.conversation().id(), k -> new ArrayList<>()).add(m);
            messagesSeen++;
            if (newest == null || (m.timestamp() != null && m.timestamp().isAfter(newest))) {
                newest = m.timestamp();
            }
        }
        unitsDone += "messages".equals(page.totalUnit()) ? page.messages().size() : facts.size();
        Set<String> ids = new LinkedHashSet<>(facts.keySet());
        ids.addAll(byConversation.keySet());
        return stored(ids).compose(storedDocs -> {
            List<BulkItem> items = new ArrayList<>();
            for (String id : ids) {
                ConversationSummaries.Touched before = pending.containsKey(id) ? pending.get(id) : recomputing.get(id);
                ConversationDocument stored = before != null ? before.stored() : storedDocs.get(id);
                ConversationFacts f = facts.get(id);
                List<MessageDocument> msgs = byConversation.getOrDefault(id, List.of());
                if (before == null && unchanged(stored, f, msgs)) {
                    continue;
                }
                List<MessageDocument> docs = new ArrayList<>(msgs.size());
                for (MessageDocument m : msgs) {
                    MessageDocument doc = m.withLanguage(m.text() == null ? null : LanguageDetector.detect(m.text())).withHarvest(stamp);
                    docs.add(doc);
                    items.add(encode(doc, stored != null));
                }
                ConversationFacts merged = before == null || before.facts() == null ? f
                        : f == null ? before.facts() : before.facts().merge(f);
                pending.put(id, new ConversationSummaries.Touched(id, merged, stored, own(docs)));
                written.add(id);
            }
            return writer.addAll(items);
        }).compose(v -> pending.size() >= batchSize() ? recomputeInBackground() : Future.succeededFuture())
                .compose(v -> page.checkpoint() == null ? Future.succeededFuture() : checkpointAfter(page))
                .onSuccess(v -> progress.update(connector.source(), pages, messagesSeen, rate(), page.expectedTotal(),
                        unitsDone, page.totalUnit()));
    }

    /** Same vendor record and as many messages as stored: nothing to write. */
    private boolean unchanged(ConversationDocument stored, ConversationFacts facts, List<MessageDocument> msgs) {
        if (stored == null || facts == null || facts.raw() == null || stored.raw() == null) {
            return false;
        }
        if (!msgs.isEmpty() && (stored.messages() == null || stored.messages().total() == null
                || stored.messages().total() != msgs.size())) {
            return false;
        }
        try {
            JsonNode a = json.readTree(json.writeValueAsString(facts.raw()));
            JsonNode b = json.readTree(json.writeValueAsString(stored.raw()));
            return a.equals(b);
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** Whether this source has any conversation stored: if not, lookups are needed only for what the run writes. */
    private Future<Void> storedAnything() {
        String body = json.createObjectNode().set("query", json.createObjectNode().set("term",
                json.createObjectNode().put("source", connector.source()))).toString();
        return async.request("POST", "/" + names.conversations() + "/_count", body)
                .onSuccess(answer -> startedEmpty = answer.path("count").isNumber() && answer.path("count").asLong() == 0)
                .<Void>mapEmpty()
                .otherwise((Void) null); // cannot tell: look everything up
    }

    private Future<Map<String, ConversationDocument>> stored(Set<String> ids) {
        List<String> docIds = new ArrayList<>();
        for (String id : ids) {
            if (!pending.containsKey(id) && !recomputing.containsKey(id) && (!startedEmpty || written.mayContain(id))) {
                docIds.add(DocumentIds.conversation(connector.source(), id));
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
                                connector.source(), d.path("_id").asText(), e.getOriginalMessage());
                    }
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
        return connector.recordsHoldWholeConversations() ? WHOLE_RECORD_BATCHES * settings.conversationBatch()
                : settings.conversationBatch();
    }

    /**
     * The figures of a conversation's messages on this page, if its record holds the whole conversation
     * (a later record of it replaces them); else null, for the stored messages to be aggregated.
     */
    private ConversationSummaries.Own own(List<MessageDocument> docs) {
        if (!connector.recordsHoldWholeConversations()) {
            return null;
        }
        // as stored: one per id, the last one (same source and conversation, so the message id decides)
        Map<String, MessageDocument> distinct = new LinkedHashMap<>();
        docs.forEach(d -> distinct.put(d.message().id(), d));
        return new ConversationSummaries.Own(MessageStats.of(distinct.values()));
    }

    /** {@code doc} (with its language and harvest stamp) as a bulk item. */
    private BulkItem encode(MessageDocument doc, boolean update) {
        String id = doc.id();
        // update: doc without the stamp, so a re-read that changes nothing is a noop, not an update
        byte[] line = update ? lines.update(names.messages(), id, doc.withHarvest(null), doc)
                : lines.index(names.messages(), id, doc);
        return new BulkItem(BulkItem.Kind.MESSAGE, id, line, location(doc));
    }

    private String location(MessageDocument m) {
        return connector.vendor() + " source " + connector.source() + ", conversation " + m.conversation().id()
                + ", message " + m.message().id();
    }

    /**
     * Hands the pending conversations to the background recomputation, once the previous batch is done
     * (at most one batch recomputes while the next one fills: memory stays bounded). A failure of the
     * background work surfaces here or in {@link #finishWrites()}.
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
        return summaries.recompute(connector.source(), connector.vendor(), batch, stamp)
                .compose(docs -> {
                    List<BulkItem> items = new ArrayList<>(docs.size());
                    for (ConversationDocument d : docs) {
                        String id = d.id(); // a hash: computed once
                        items.add(new BulkItem(BulkItem.Kind.CONVERSATION, id, lines.index(names.conversations(), id, d),
                                connector.vendor() + " source " + connector.source() + ", conversation " + d.conversation().id()));
                    }
                    return writer.addAll(items);
                });
    }

    /** Waits for the background batch, then recomputes what is pending and waits until all is acknowledged. */
    private Future<Void> finishWrites() {
        return recomputed.compose(v -> drain());
    }

    private Future<Void> drain() {
        return writer.flush().compose(v -> recomputePending()).compose(v -> writer.flush());
    }

    /** A connector's mid-run checkpoint: stored once everything before it is acknowledged. */
    private Future<Void> checkpointAfter(SourcePage page) {
        pageCheckpoints.merge(page.stream(), page.checkpoint(), Checkpoint::merge);
        return finishWrites().compose(v -> vertx.executeBlocking(() -> {
            state.saveCheckpoint(connector.source(), page.stream(), pageCheckpoints.get(page.stream()));
            return null;
        }));
    }

    private Future<Void> saveCheckpoints(HarvestWindow w) {
        return vertx.executeBlocking(() -> {
            for (String stream : connector.streams()) {
                Checkpoint c = pageCheckpoints.getOrDefault(stream, Checkpoint.empty()).merge(Checkpoint.through(w.to()));
                state.saveCheckpoint(connector.source(), stream, c);
            }
            return null;
        });
    }

    /** After a failure: store conversation documents for the messages that did get acknowledged, if we still can. */
    private Future<Void> salvage() {
        // A failed background batch is back in pending: drain it with the rest.
        return recomputed.otherwise((Void) null).compose(v -> drain()).otherwise(e -> {
            LOG.warn("source {}: after the failure, the conversations of this run could not be recomputed: {}; "
                    + "the next run recomputes them", connector.source(), e.getMessage());
            return null;
        });
    }

    private void setAside(SetAside s) {
        setAside.add(new SetAside(redactor.redact(s.location()), redactor.redact(s.reason())));
    }

    /** One renewal at a time, each from the lease the previous one returned (else it would conflict with itself). */
    private void renewLease() {
        if (renewing || finished) {
            return;
        }
        renewing = true;
        vertx.executeBlocking(() -> state.renew(lease, settings.leaseTtl()))
                .onSuccess(l -> lease = l)
                .onFailure(e -> {
                    if (e instanceof org.transcriptsearch.indexer.state.LeaseHeldException held) {
                        leaseLost = held;
                    } else {
                        LOG.warn("source {}: the lease could not be renewed ({}); will try again", connector.source(), e.getMessage());
                    }
                })
                .onComplete(r -> renewing = false);
    }

    private double rate() {
        double s = (System.nanoTime() - startedNanos) / 1e9;
        return s <= 0 ? 0 : messagesSeen / s;
    }

    private String describe(Throwable err) {
        String m = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
        return redactor.redact(m);
    }

    private HarvestSummary summary(HarvestWindow w, String outcome, String reason) {
        var c = writer.counts();
        return new HarvestSummary(connector.source(), connector.vendor(), w, outcome, reason, pages, connector.vendorCalls(),
                messagesSeen, c.created(BulkItem.Kind.MESSAGE), c.updated(BulkItem.Kind.MESSAGE),
                c.created(BulkItem.Kind.CONVERSATION), c.updated(BulkItem.Kind.CONVERSATION), setAside.size(),
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    private Future<Void> saveRun(HarvestWindow w, String outcome, String reason) {
        HarvestSummary s = summary(w, outcome, reason);
        Instant now = clock.instant();
        List<HarvestRun.Error> errors = setAside.stream().limit(MAX_ERRORS_KEPT)
                .map(e -> new HarvestRun.Error(now, e.location(), e.reason())).toList();
        HarvestRun run = new HarvestRun(startedAt, new HarvestRun.Run(identity.runId(), identity.command(), identity.host()),
                connector.source(), connector.vendor(), new HarvestRun.Window(w.from(), w.to()),
                HarvestRun.RUNNING.equals(outcome) ? null : now, s.duration().toMillis(), outcome, reason, pages,
                (int) Math.min(Integer.MAX_VALUE, s.vendorCalls()),
                new HarvestRun.Written(s.messagesNew() + s.messagesUpdated(), s.messagesNew(), s.messagesUpdated()),
                new HarvestRun.Written(s.conversationsNew() + s.conversationsUpdated(), s.conversationsNew(), s.conversationsUpdated()),
                setAside.size(), errors.isEmpty() ? null : errors, newest,
                newest == null ? null : Duration.between(newest, now).toMillis(), (float) s.ratePerSecond());
        return vertx.executeBlocking(() -> {
            history.save(run);
            return null;
        });
    }
}
