package org.transcriptsearch.indexer.harvest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.config.AppConfig;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.SourceOption;
import org.transcriptsearch.indexer.forget.SuppressionFilter;
import org.transcriptsearch.indexer.metrics.HarvestMetrics;
import org.transcriptsearch.indexer.metrics.SourceMeters;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.Connectors;
import org.transcriptsearch.indexer.source.HarvestWindow;
import org.transcriptsearch.indexer.source.SourceConnector;
import org.transcriptsearch.indexer.source.StopSignal;
import org.transcriptsearch.indexer.state.HarvestRun;
import org.transcriptsearch.indexer.state.LeaseHeldException;
import org.transcriptsearch.indexer.state.LeaseKeeper;
import org.transcriptsearch.indexer.state.RunHistory;
import org.transcriptsearch.indexer.state.StateStore;

/**
 * What {@code harvest} and {@code reindex} share: picking and validating the sources (every problem at
 * once), one Vert.x instance, running the sources one after another, printing each one's summary and
 * counting it in the {@link HarvestMetrics}.
 */
public final class HarvestEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HarvestEngine.class);
    private final IndexerContext context;
    private final Console console;
    private final Clock clock;
    private final Vertx vertx;
    private final HarvestSettings settings;
    private final String host;
    private final StopSignal stop = new StopSignal();
    private final HarvestMetrics metrics;

    public HarvestEngine(IndexerContext context, Clock clock) {
        this(context, clock, HarvestMetrics.none());
    }

    public HarvestEngine(IndexerContext context, Clock clock, HarvestMetrics metrics) {
        this.context = context;
        this.metrics = metrics;
        this.console = context.console();
        this.clock = clock;
        this.settings = HarvestSettings.read(context.config().harvest()).withPrivacy(context.config().privacy());
        this.vertx = Vertx.vertx();
        this.host = hostName();
    }

    /** The named sources (all when none named), checked: unknown names are a usage error listing the known ones. */
    public List<SourceConfig> select(List<String> names) {
        AppConfig config = context.config();
        if (config.sources().isEmpty()) {
            throw new ConfigException("no sources are configured" + context.configFile().map(p -> " in " + p).orElse(
                    " (no config file: pass --config FILE or create ./" + IndexerContext.DEFAULT_CONFIG + ")")
                    + ": add a 'sources:' list (see the README, Configuration)");
        }
        return SourceOption.select(config, names);
    }

    /** Creates every connector first, so every configuration problem of every source is reported at once. */
    private List<SourceConnector> connectors(List<SourceConfig> sources) {
        Connectors installed = Connectors.installed();
        List<String> problems = new ArrayList<>();
        List<SourceConnector> out = new ArrayList<>();
        for (SourceConfig s : sources) {
            try {
                settings.forSource(s);
                ConnectorContext cc = new ConnectorContext(vertx, console.redactor(), clock, settings.retry(),
                        metrics.forSource(s.name(), s.type()));
                out.add(installed.create(s, cc));
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            out.forEach(SourceConnector::close);
            throw new ConfigException(problems);
        }
        return out;
    }

    /** Runs the sources one after another; returns their summaries (failed ones included). */
    public List<HarvestSummary> run(List<SourceConfig> sources, Optional<HarvestWindow> window, String command)
            throws InterruptedException {
        List<SourceConnector> connectors = connectors(sources);
        new SchemaSetup(context.elasticsearch(), context.templates()).requireCurrent();
        String runId = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "")
                + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<HarvestSummary> out = new ArrayList<>();
        try {
            for (int i = 0; i < connectors.size() && !stop.requested(); i++) {
                SourceConnector c = connectors.get(i);
                HarvestSettings forSource = settings.forSource(sources.get(i));
                SourceHarvest.RunIdentity id = new SourceHarvest.RunIdentity(runId, command, host,
                        host + ":" + ProcessHandle.current().pid() + ":" + runId);
                SourceMeters meters = metrics.forSource(c.source(), c.vendor());
                meters.runStarted();
                long started = System.nanoTime();
                try (LeaseKeeper keeper = new LeaseKeeper(StateStore.of(context.elasticsearch(), context.names()),
                        forSource.leaseTtl())) {
                    HarvestSummary s = await(ctx -> new SourceHarvest(vertx, context.elasticsearch(), context.names(), c,
                            forSource, clock, console.redactor(), progressLine(), id, keeper, stop, meters).run(window));
                    console.endProgress();
                    print(s);
                    out.add(s);
                    recordRun(meters, s);
                } catch (LeaseHeldException e) {
                    console.endProgress();
                    console.error(e.getMessage());
                    HarvestSummary refused = new HarvestSummary(c.source(), c.vendor(), null, HarvestSummary.REFUSED,
                            e.getMessage(), 0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, SuppressionFilter.Counts.NONE);
                    out.add(refused);
                    recordRun(meters, refused);
                } catch (RuntimeException e) {
                    // the run could not be had at all (Elasticsearch away while taking the lease): a failed run
                    meters.runEnded(HarvestRun.FAILED, Duration.ofNanos(System.nanoTime() - started), false);
                    throw e;
                }
            }
        } finally {
            connectors.forEach(SourceConnector::close);
        }
        return out;
    }

    /**
     * Gives each source's meters what is stored before the first run of this process: its checkpoints (the
     * lag) and when a harvest of it last finished its window. Without it a restarted harvester reads NaN
     * there until each source's first run ends, and an alert on staleness sees no data rather than a stale
     * source. If the cluster cannot be read now, the meters start empty and the runs say why.
     */
    public void primeMeters(List<SourceConfig> sources) {
        StateStore state = StateStore.of(context.elasticsearch(), context.names());
        RunHistory history = new RunHistory(context.elasticsearch(), context.names(), console.redactor());
        Connectors installed = Connectors.installed();
        for (SourceConfig s : sources) {
            SourceMeters meters = metrics.forSource(s.name(), s.type());
            try {
                state.checkpoints(s.name(), installed.streams(s.type())).forEach((stream, c) -> meters.checkpoint(stream, c.through()));
                history.lastFinished(s.name(), "harvest").ifPresent(meters::finishedBefore);
            } catch (RuntimeException e) {
                LOG.warn("the metrics of {} start without its stored checkpoint and last run: {}", s.name(), e.getMessage());
            }
        }
    }

    /** A run's final counts and outcome into its source's meters (the counts only grow to them). */
    public static void recordRun(SourceMeters meters, HarvestSummary s) {
        meters.progress(s.messagesSeen(), s.messagesNew() + s.messagesUpdated(), s.conversationsNew() + s.conversationsUpdated(),
                s.setAside());
        meters.runEnded(s.outcome(), s.duration(), HarvestRun.SUCCEEDED.equals(s.outcome()) || s.partial());
    }

    /**
     * Asks the running source to end after the page in hand (its writes stored, its lease given back) and
     * the sources after it not to start. Safe from any thread (a signal handler).
     */
    public void stop(String why) {
        stop.stop(why);
    }

    public boolean stopRequested() {
        return stop.requested();
    }

    /** Waits up to {@code d} for a stop request; true if one came. */
    public boolean awaitStop(Duration d) throws InterruptedException {
        return stop.await(d);
    }

    /** The signal that asked for the stop, or null. */
    public String stopReason() {
        return stop.reason();
    }

    private <T> T await(java.util.function.Function<Context, Future<T>> work) throws InterruptedException {
        Context ctx = vertx.getOrCreateContext();
        Promise<T> done = Promise.promise();
        ctx.runOnContext(v -> work.apply(ctx).onComplete(done));
        try {
            return done.future().toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private HarvestProgress progressLine() {
        long[] last = {0};
        return (source, pages, messages, rate, expected, done, unit) -> {
            long now = System.nanoTime();
            if (now - last[0] < 250_000_000L) {
                return;
            }
            last[0] = now;
            StringBuilder sb = new StringBuilder(source).append(": ").append(pages).append(" pages, ")
                    .append(String.format(Locale.ROOT, "%,d", messages)).append(" messages, ")
                    .append(String.format(Locale.ROOT, "%,.0f", rate)).append(" msg/s");
            if (expected.isPresent() && expected.getAsLong() > 0 && done > 0 && unit != null) {
                long total = expected.getAsLong();
                sb.append(String.format(Locale.ROOT, ", %,d/%,d %s", done, total, unit));
                double perUnit = rate > 0 ? (double) messages / done / rate : 0;
                if (perUnit > 0 && total > done) {
                    sb.append(", ETA ").append(format(Duration.ofMillis((long) ((total - done) * perUnit * 1000))));
                }
            }
            console.progress(sb.toString());
        };
    }

    private void print(HarvestSummary s) {
        String window = s.window() == null ? "no window" : s.window().from() + " → " + s.window().to();
        console.say(s.source() + " (" + s.vendor() + "): " + s.outcome() + ", window " + window);
        console.say(String.format(Locale.ROOT,
                "  %d pages, %d vendor calls; messages: %,d read, %,d new, %,d updated; conversations: %,d new, %,d updated; "
                        + "%d set aside; %s, %,.0f messages/s",
                s.pages(), s.vendorCalls(), s.messagesSeen(), s.messagesNew(), s.messagesUpdated(), s.conversationsNew(),
                s.conversationsUpdated(), s.setAside(), format(s.duration()), s.ratePerSecond()));
        if (s.suppressed().any()) {
            console.say(String.format(Locale.ROOT, "  suppressed (forgotten, counted, not stored): %,d messages, %,d conversations,"
                    + " %d set-aside records", s.suppressed().messages(), s.suppressed().conversations(), s.suppressed().setAside()));
        }
        if (s.setAside() > 0) {
            console.say("  " + s.setAside() + " record(s) set aside, kept in " + context.names().deadLetter()
                    + " with their vendor records: `status` lists them; `set-aside retry` stores refused documents again"
                    + " once the mapping is fixed, `reindex` over their window reads vendor records again");
        }
        if (s.reason() != null) {
            if (HarvestSummary.LEASE_LOST.equals(s.outcome())) {
                console.error(s.source() + ": " + s.reason() + " — the harvester that holds the source now goes on from"
                        + " the last checkpoint stored");
            } else if (s.failed()) {
                console.error(s.source() + ": " + s.reason()
                        + " — the checkpoint stays at the last point stored in full; the next run resumes from there");
            } else {
                console.say("  " + s.reason());
            }
        }
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s < 3600 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s"
                : (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    public HarvestSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        vertx.close();
    }
}
