package org.transcriptsearch.indexer.harvest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.DurationArgument;
import org.transcriptsearch.indexer.cli.ExitCodes;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.Signals;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.indexer.metrics.HarvestMetrics;
import org.transcriptsearch.indexer.metrics.MetricsOptions;
import org.transcriptsearch.indexer.source.DurationSetting;
import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;

/** {@code harvest [--source NAME]... [--watch [--interval 5m] [--metrics-port N [--metrics-host ADDR]]]}: incremental runs. */
@CommandLine.Command(name = "harvest",
        header = "pull what is new since the last run from every (or the named) source",
        description = {"One incremental run of every (or each named) source: [checkpoint - overlap, now - settle].",
            "SIGTERM or Ctrl-C ends the page in hand cleanly (a second one ends at once)."},
        exitCodeList = {ExitCodes.STORED, ExitCodes.RUN_FAILED, ExitCodes.USAGE, ExitCodes.SET_ASIDE, ExitCodes.SIGINT,
            ExitCodes.SIGTERM},
        footer = "%n--watch exits 0 when stopped by a signal.")
public final class HarvestCommand implements Command {
    /** Options that only make sense with --watch: named here, they are refused without it. */
    private static final List<String> WATCH_ONLY = List.of("--interval");

    @CommandLine.Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--source", paramLabel = "NAME",
            description = "a configured source to harvest; repeat for several (default: every source)")
    List<String> sources = new ArrayList<>();

    @CommandLine.Option(names = "--watch", description = "keep running: one run every --interval after the previous "
            + "one ends; a failed run is logged and followed by the next after a growing pause")
    boolean watch;

    @CommandLine.Option(names = "--interval", paramLabel = "DURATION", converter = DurationArgument.class,
            defaultValue = "5m", showDefaultValue = Visibility.ALWAYS,
            description = "with --watch: the pause between runs, e.g. 90s, 5m, 1h (at least 1s)")
    Duration interval;

    @CommandLine.Option(names = MetricsOptions.PORT, paramLabel = "N",
            description = "with --watch: serve Prometheus metrics at http://127.0.0.1:N/metrics while it runs "
                    + "(0 picks a free port and prints it)")
    String metricsPort;

    @CommandLine.Option(names = MetricsOptions.HOST, paramLabel = "ADDR",
            description = "with --metrics-port: the address to listen on, e.g. 0.0.0.0 in a container "
                    + "(default: " + MetricsOptions.DEFAULT_HOST + ")")
    String metricsHost;

    @Override
    public int run(IndexerContext context) throws Exception {
        for (String option : WATCH_ONLY) {
            if (!watch && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new UsageException(option + " only makes sense with --watch");
            }
        }
        if (interval.toSeconds() < 1) {
            throw new UsageException("--interval must be at least 1s");
        }
        var metricsAt = MetricsOptions.parse(Optional.ofNullable(metricsPort), Optional.ofNullable(metricsHost), watch);
        try (HarvestMetrics metrics = HarvestMetrics.serve(metricsAt, Clock.systemUTC());
             HarvestEngine engine = new HarvestEngine(context, Clock.systemUTC(), metrics)) {
            metrics.url().ifPresent(url -> context.console().note("metrics: " + url));
            var selected = engine.select(sources);
            try (Signals.Restore r = Signals.onStop(engine::stop)) {
                if (!watch) {
                    return exitCode(engine, engine.run(selected, Optional.empty(), "harvest"));
                }
                if (metrics.url().isPresent()) {
                    engine.primeMeters(selected);
                }
                return watch(engine, selected, interval, context.console());
            }
        }
    }

    /**
     * {@code --watch}: a service. A failed run (or one that could not even start: Elasticsearch away) is
     * logged and followed by the next after a growing pause; SIGTERM/SIGINT ends the run in hand cleanly
     * (its writes stored, its lease given back) and the loop with it.
     */
    private static int watch(HarvestEngine engine, List<SourceConfig> sources, Duration every, Console console)
            throws InterruptedException {
        console.note("watching " + sources.size() + " source(s): one run every " + DurationSetting.format(every)
                + " after the previous one ends; Ctrl-C or SIGTERM stops after the page in hand");
        int failures = 0;
        while (!engine.stopRequested()) {
            boolean failed;
            try {
                failed = engine.run(sources, Optional.empty(), "harvest").stream().anyMatch(HarvestSummary::failed);
            } catch (UsageException | ConfigException e) {
                throw e;
            } catch (RuntimeException e) {
                console.error("the harvest run failed: " + describe(e));
                failed = true;
            }
            failures = failed ? failures + 1 : 0;
            Duration wait = pause(every, failures);
            if (engine.stopRequested()) {
                break;
            }
            console.note((failures > 0 ? failures + " failed run(s) in a row; " : "") + "next run in "
                    + DurationSetting.format(wait));
            if (engine.awaitStop(wait)) {
                break;
            }
        }
        console.note("stopped (" + engine.stopReason() + "): every run's writes are stored and its lease given back");
        return 0;
    }

    /** The interval; after failures, growing (doubling, at most 16 times or an hour) with a tenth of jitter. */
    static Duration pause(Duration every, int failures) {
        if (failures == 0) {
            return every;
        }
        long ms = every.toMillis() << Math.min(failures - 1, 4);
        long cap = Math.max(every.toMillis(), Duration.ofHours(1).toMillis());
        ms = Math.min(ms, cap);
        return Duration.ofMillis(ms - java.util.concurrent.ThreadLocalRandom.current().nextLong(ms / 10 + 1));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The exit code a scheduler can trust: 0 everything read was stored; 3 finished, records set aside;
     * 1 a run failed (its checkpoint at the last point stored in full); 130/143 stopped by a signal.
     */
    static int exitCode(HarvestEngine engine, List<HarvestSummary> summaries) {
        if (summaries.stream().anyMatch(HarvestSummary::failed)) {
            return 1;
        }
        if (engine.stopRequested()) {
            return Signals.exitCode(engine.stopReason());
        }
        return summaries.stream().anyMatch(HarvestSummary::partial) ? 3 : 0;
    }
}
