package org.transcriptsearch.indexer.harvest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.document.HarvestStamp;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.forget.Erasure;
import org.transcriptsearch.indexer.forget.SuppressionDigest;
import org.transcriptsearch.indexer.forget.SuppressionFilter;
import org.transcriptsearch.indexer.forget.SuppressionStore;
import org.transcriptsearch.indexer.forget.Suppressions;
import org.transcriptsearch.indexer.metrics.SourceMeters;
import org.transcriptsearch.indexer.setaside.SetAsideStore;
import org.transcriptsearch.indexer.sink.BulkItem;
import org.transcriptsearch.indexer.source.Checkpoint;
import org.transcriptsearch.indexer.source.HarvestRequest;
import org.transcriptsearch.indexer.source.HarvestStopped;
import org.transcriptsearch.indexer.source.HarvestWindow;
import org.transcriptsearch.indexer.source.SourceConnector;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.indexer.source.StopSignal;
import org.transcriptsearch.indexer.state.HarvestRun;
import org.transcriptsearch.indexer.state.LeaseKeeper;
import org.transcriptsearch.indexer.state.LeaseLostException;
import org.transcriptsearch.indexer.state.RunHistory;
import org.transcriptsearch.secrets.Redactor;

/**
 * One run of one source: the lease, the window, the vendor's pages into {@link PageWriter}, checkpoints
 * and the run history. Runs on one Vert.x context (create and {@link #run} it there); blocking state
 * calls go through {@code executeBlocking}.
 *
 * <p>A checkpoint is stored only once Elasticsearch has acknowledged everything before it (documents and
 * set-aside records alike), under the lease ({@link LeaseKeeper#saveCheckpoint}: refused once another
 * harvester holds the source, never backwards), and never past the run's window. A run that lost its
 * lease writes nothing more, not even its run history, and says so. A stopped run (SIGTERM) stores what
 * it read and keeps its checkpoints there.
 */
public final class SourceHarvest {
    private static final Logger LOG = LoggerFactory.getLogger(SourceHarvest.class);

    /** Who runs, and as what. */
    public record RunIdentity(String runId, String command, String host, String holder) {
    }

    private final Vertx vertx;
    private final ElasticsearchConnection es;
    private final IndexNames names;
    private final SourceConnector connector;
    private final HarvestSettings settings;
    private final Clock clock;
    private final HarvestProgress progress;
    private final RunIdentity identity;
    private final LeaseKeeper keeper;
    private final StopSignal stop;
    private final RunHistory history;
    private final SetAsideStore setAsides;
    private final SourceMeters meters;

    private PageWriter pages;
    /** What a forget keeps out, loaded as the run begins (there are few). */
    private SuppressionFilter suppressions;
    private final Map<String, Checkpoint> pageCheckpoints = new HashMap<>();
    private long startedNanos;
    private Instant startedAt;

    public SourceHarvest(Vertx vertx, ElasticsearchConnection es, IndexNames names, SourceConnector connector,
                         HarvestSettings settings, Clock clock, Redactor redactor, HarvestProgress progress,
                         RunIdentity identity, LeaseKeeper keeper, StopSignal stop, SourceMeters meters) {
        this.vertx = vertx;
        this.es = es;
        this.names = names;
        this.connector = connector;
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
        this.identity = identity;
        this.keeper = keeper;
        this.stop = stop;
        this.meters = meters;
        this.history = new RunHistory(es, names, redactor);
        this.setAsides = new SetAsideStore(es, names, redactor);
        this.suppressions = Suppressions.none().forSource(connector.source());
    }

    /**
     * Runs the source. {@code reindex} present: exactly that window, checkpoints left alone; absent:
     * {@code [checkpoint - overlap, now - settle]}. The future fails only if the lease cannot be had;
     * every other failure ends in a summary with its outcome.
     */
    public Future<HarvestSummary> run(Optional<HarvestWindow> reindex) {
        startedNanos = System.nanoTime();
        startedAt = clock.instant();
        String source = connector.source();
        return vertx.executeBlocking(() -> keeper.acquire(source, identity.holder(), connector.streams()))
                .compose(lease -> {
                    meters.leaseHeld(true);
                    keeper.startRenewing();
                    return vertx.executeBlocking(() -> {
                        history.abandonRunning(source, identity.runId());
                        return null;
                    }).recover(e -> {
                        LOG.warn("source {}: earlier runs left running could not be marked abandoned: {}", source, e.getMessage());
                        return Future.succeededFuture();
                    }).compose(v -> harvest(reindex, lease.epoch()));
                })
                .eventually(() -> vertx.executeBlocking(() -> {
                    keeper.release(source);
                    meters.leaseHeld(false);
                    return null;
                }));
    }

    private Future<HarvestSummary> harvest(Optional<HarvestWindow> reindex, long epoch) {
        String source = connector.source();
        return vertx.executeBlocking(() -> keeper.store().checkpoints(source, connector.streams()))
                .compose(checkpoints -> {
                    connector.streams().forEach(stream ->
                            meters.checkpoint(stream, checkpoints.getOrDefault(stream, Checkpoint.empty()).through()));
                    Optional<HarvestWindow> window = reindex.isPresent() ? reindex : incrementalWindow(checkpoints);
                    if (window.isEmpty()) {
                        return Future.succeededFuture(new HarvestSummary(source, connector.vendor(), null,
                                HarvestRun.SUCCEEDED, "nothing to do: the checkpoint is already within the settle time of now",
                                0, connector.vendorCalls(), 0, 0, 0, 0, 0, 0, Duration.ZERO, SuppressionFilter.Counts.NONE));
                    }
                    HarvestWindow w = window.get();
                    HarvestRequest request = new HarvestRequest(identity.runId(), w, checkpoints, reindex.isPresent(), stop);
                    return vertx.executeBlocking(() -> {
                                suppressions = new SuppressionStore(es, names).load().forSource(source);
                                return setAsides.refusedDocumentIds(source);
                            })
                            .compose(refused -> start(w, epoch, refused))
                            .compose(v -> saveRun(w, HarvestRun.RUNNING, null))
                            .compose(v -> connector.harvest(request, this::accept))
                            .compose(v -> pages.finish())
                            .compose(v -> eraseLearned())
                            .compose(v -> reindex.isPresent() ? Future.succeededFuture() : saveCheckpoints(w))
                            .compose(v -> clearResolved(w))
                            .map(v -> summary(w, pages.setAsideCount() == 0 ? HarvestRun.SUCCEEDED : HarvestRun.PARTIAL, null))
                            .recover(err -> ended(w, err))
                            .compose(s -> HarvestSummary.LEASE_LOST.equals(s.outcome()) ? Future.succeededFuture(s)
                                    : saveRun(w, s.outcome(), s.reason()).map(s).otherwise(e -> {
                                        LOG.warn("source {}: the run history could not be written: {}", source, e.getMessage());
                                        return s;
                                    }));
                });
    }

    private Future<Void> start(HarvestWindow w, long epoch, Set<String> refused) {
        Context context = vertx.getOrCreateContext();
        HarvestStamp stamp = new HarvestStamp(identity.runId(), startedAt);
        AtomicLong sequence = new AtomicLong();
        // A write's version: the lease epoch first, so nothing a newer holder stored is ever replaced by an older one.
        pages = new PageWriter(context, es, names, PageWriter.SourceRef.of(connector), settings, clock,
                new PageWriter.RunInfo(identity.runId(), identity.command(), stamp, w), keeper.fence(connector.source()),
                () -> (epoch << 40) | sequence.incrementAndGet(), setAsides, refused, suppressions);
        return pages.start();
    }

    /** How a run that did not finish its window ends: stopped, lost its lease, or failed. */
    private Future<HarvestSummary> ended(HarvestWindow w, Throwable err) {
        if (rootOf(err) instanceof LeaseLostException lost) {
            // Nothing more may be written, not even this run's history: the new holder marks it abandoned.
            return Future.succeededFuture(summary(w, HarvestSummary.LEASE_LOST, lost.getMessage()));
        }
        String outcome = stop.requested() && isStop(err)
                ? HarvestRun.STOPPED : HarvestRun.FAILED;
        return pages.salvage().compose(v -> eraseLearned().otherwise(e -> {
            LOG.warn("source {}: conversations of forgotten customers stored before this run knew them could not be erased: {};"
                    + " run forget for them again", connector.source(), e.getMessage());
            return null;
        })).map(v -> summary(w, outcome, describe(err)));
    }

    /**
     * Conversations this run found to belong to a forgotten customer, on a later page than some of their
     * messages (Kore names the customer on the user's messages only): erases what it stored of them, and adds
     * them to the customer's suppression so later runs drop them even where the customer is not named.
     */
    private Future<Void> eraseLearned() {
        Map<String, String> learned = suppressions.learned();
        if (learned.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            new Erasure(es, names).erase(Erasure.Target.conversations(connector.source(), learned.keySet()));
            Map<String, Set<String>> byCustomer = new HashMap<>();
            learned.forEach((conversation, customer) -> byCustomer.computeIfAbsent(customer, k -> new HashSet<>())
                    .add(SuppressionDigest.conversation(connector.source(), conversation)));
            new SuppressionStore(es, names).learn(byCustomer, clock.instant());
            return null;
        });
    }

    private static boolean isStop(Throwable err) {
        for (Throwable t = err; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HarvestStopped) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootOf(Throwable err) {
        Throwable t = err;
        while (!(t instanceof LeaseLostException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof LeaseLostException ? t : err;
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
        try {
            keeper.check(connector.source());
        } catch (LeaseLostException lost) {
            return Future.failedFuture(lost);
        } catch (LeaseKeeper.Unproven unproven) {
            // the writer waits for the renewal; nothing is written meanwhile
        }
        return pages.accept(page)
                .compose(v -> page.checkpoint() == null ? Future.succeededFuture() : checkpointAfter(page))
                .onSuccess(v -> {
                    var written = pages.writer().counts();
                    meters.progress(pages.messagesSeen(), written.written(BulkItem.Kind.MESSAGE),
                            written.written(BulkItem.Kind.CONVERSATION), pages.setAsideCount());
                    progress.update(connector.source(), pages.pages(), pages.messagesSeen(), rate(),
                            page.expectedTotal(), pages.unitsDone(), page.totalUnit());
                });
    }

    /** A connector's mid-run checkpoint: stored once everything before it is acknowledged, never past the window. */
    private Future<Void> checkpointAfter(SourcePage page) {
        pageCheckpoints.merge(page.stream(), page.checkpoint(), Checkpoint::advancedTo);
        Checkpoint c = pageCheckpoints.get(page.stream());
        return pages.finish().compose(v -> vertx.executeBlocking(() -> {
            keeper.saveCheckpoint(connector.source(), page.stream(), c);
            meters.checkpoint(page.stream(), c.through());
            return null;
        }));
    }

    private Future<Void> saveCheckpoints(HarvestWindow w) {
        return vertx.executeBlocking(() -> {
            for (String stream : connector.streams()) {
                Checkpoint c = pageCheckpoints.getOrDefault(stream, Checkpoint.empty()).advancedTo(Checkpoint.through(w.to()));
                keeper.saveCheckpoint(connector.source(), stream, c);
                meters.checkpoint(stream, c.through());
            }
            return null;
        });
    }

    /** Vendor records set aside by earlier runs within this complete window, and not again: now stored. */
    private Future<Void> clearResolved(HarvestWindow w) {
        return vertx.executeBlocking(() -> setAsides.recordsCoveredBy(connector.source(), w, identity.runId()))
                .compose(ids -> ids.isEmpty() ? Future.succeededFuture()
                        : pages.write(ids.stream().map(setAsides::removal).toList()));
    }

    private double rate() {
        double s = (System.nanoTime() - startedNanos) / 1e9;
        return s <= 0 ? 0 : pages.messagesSeen() / s;
    }

    private String describe(Throwable err) {
        return err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
    }

    private HarvestSummary summary(HarvestWindow w, String outcome, String reason) {
        var c = pages.writer().counts();
        return new HarvestSummary(connector.source(), connector.vendor(), w, outcome, reason, pages.pages(),
                connector.vendorCalls(), pages.messagesSeen(), c.created(BulkItem.Kind.MESSAGE), c.updated(BulkItem.Kind.MESSAGE),
                c.created(BulkItem.Kind.CONVERSATION), c.updated(BulkItem.Kind.CONVERSATION), pages.setAsideCount(),
                Duration.ofNanos(System.nanoTime() - startedNanos), suppressions.counts());
    }

    /** The run history document, written under the lease (a lost lease writes nothing). */
    private Future<Void> saveRun(HarvestWindow w, String outcome, String reason) {
        HarvestSummary s = summary(w, outcome, reason);
        Instant now = clock.instant();
        List<HarvestRun.Error> errors = pages.setAside().stream()
                .map(e -> new HarvestRun.Error(now, e.location(), e.reason())).toList();
        Instant newest = pages.newest();
        HarvestRun run = new HarvestRun(startedAt, new HarvestRun.Run(identity.runId(), identity.command(), identity.host()),
                connector.source(), connector.vendor(), new HarvestRun.Window(w.from(), w.to()),
                HarvestRun.RUNNING.equals(outcome) ? null : now, s.duration().toMillis(), outcome, reason, s.pages(),
                (int) Math.min(Integer.MAX_VALUE, s.vendorCalls()),
                new HarvestRun.Written(s.messagesNew() + s.messagesUpdated(), s.messagesNew(), s.messagesUpdated(),
                        s.suppressed().messages()),
                new HarvestRun.Written(s.conversationsNew() + s.conversationsUpdated(), s.conversationsNew(), s.conversationsUpdated(),
                        s.suppressed().conversations()),
                s.setAside(), s.suppressed().setAside(), errors.isEmpty() ? null : errors, newest,
                newest == null ? null : Duration.between(newest, now).toMillis(), (float) s.ratePerSecond());
        return vertx.executeBlocking(() -> {
            keeper.prove(connector.source());
            history.save(run);
            return null;
        });
    }
}
