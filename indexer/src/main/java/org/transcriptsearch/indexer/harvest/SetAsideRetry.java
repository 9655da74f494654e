package org.transcriptsearch.indexer.harvest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.document.HarvestStamp;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.forget.SuppressionFilter;
import org.transcriptsearch.indexer.forget.SuppressionStore;
import org.transcriptsearch.indexer.setaside.SetAsideStore;
import org.transcriptsearch.indexer.sink.BulkItem;
import org.transcriptsearch.indexer.source.Connectors;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.indexer.state.Lease;
import org.transcriptsearch.indexer.state.LeaseKeeper;
import org.transcriptsearch.indexer.state.StateStore;

/**
 * Stores a source's refused documents again, through the harvest's own write path ({@link PageWriter}):
 * under the source's lease, versioned, with conversations recomputed from what is stored (never from the
 * record, which may hold messages still refused), set-aside records removed once what they stand for is
 * stored and rewritten with the new reason if it is refused again.
 */
public final class SetAsideRetry {
    private static final int PAGE = 1_000;

    /** How many documents Elasticsearch took this time, and how many it refused again. */
    public record Result(long stored, int stillRefused) {
    }

    private final IndexerContext context;
    private final SourceConfig source;

    public SetAsideRetry(IndexerContext context, SourceConfig source) {
        this.context = context;
        this.source = source;
    }

    public Result run(List<MessageDocument> messages, Set<String> conversations) throws InterruptedException {
        HarvestSettings settings = HarvestSettings.read(context.config().harvest()).withPrivacy(context.config().privacy())
                .forSource(source);
        String runId = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        SetAsideStore store = new SetAsideStore(context.elasticsearch(), context.names(), context.console().redactor());
        Vertx vertx = Vertx.vertx();
        try (LeaseKeeper keeper = new LeaseKeeper(StateStore.of(context.elasticsearch(), context.names()), settings.leaseTtl())) {
            Lease lease = keeper.acquire(source.name(), "set-aside:" + ProcessHandle.current().pid() + ":" + runId,
                    Connectors.installed().streams(source.type()));
            keeper.startRenewing();
            Set<String> refused = store.refusedDocumentIds(source.name());
            SuppressionFilter suppressions = new SuppressionStore(context.elasticsearch(), context.names()).load()
                    .forSource(source.name());
            Set<String> recompute = new LinkedHashSet<>(conversations);
            recompute.removeIf(suppressions::suppresses);
            Context ctx = vertx.getOrCreateContext();
            AtomicLong sequence = new AtomicLong();
            Promise<Result> done = Promise.promise();
            ctx.runOnContext(v -> {
                PageWriter pages = new PageWriter(ctx, context.elasticsearch(), context.names(),
                        new PageWriter.SourceRef(source.name(), source.type(), false), settings, Clock.systemUTC(),
                        new PageWriter.RunInfo(runId, "set-aside",
                        new HarvestStamp(runId, Instant.now()), null), keeper.fence(source.name()),
                        () -> (lease.epoch() << 40) | sequence.incrementAndGet(), store, refused, suppressions);
                Future<Void> chain = pages.start();
                for (int from = 0; from < messages.size(); from += PAGE) {
                    List<MessageDocument> page = messages.subList(from, Math.min(messages.size(), from + PAGE));
                    chain = chain.compose(x -> pages.accept(SourcePage.of("set-aside", "set-aside retry", page, List.of(),
                            List.of())));
                }
                chain.compose(x -> pages.recompute(recompute))
                        .compose(x -> pages.finish())
                        .map(x -> {
                            var c = pages.writer().counts();
                            return new Result(c.written(BulkItem.Kind.MESSAGE) + c.written(BulkItem.Kind.CONVERSATION),
                                    pages.setAsideCount());
                        })
                        .onComplete(done);
            });
            try {
                return done.future().toCompletionStage().toCompletableFuture().get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        } finally {
            vertx.close();
        }
    }
}
