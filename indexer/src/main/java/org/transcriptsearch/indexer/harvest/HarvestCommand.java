package org.transcriptsearch.indexer.harvest;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.cli.Arguments;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.Signals;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.indexer.metrics.HarvestMetrics;
import org.transcriptsearch.indexer.metrics.MetricsOptions;
import org.transcriptsearch.indexer.source.DurationSetting;

/** {@code harvest [--source NAME]... [--watch [--interval 5m] [--metrics-port N [--metrics-host ADDR]]]}: incremental runs. */
public final class HarvestCommand implements Command {
    @Override
    public String name() {
        return "harvest";
    }

    @Override
    public String summary() {
        return "pull what is new since the last run from every (or the named) source";
    }

    @Override
    public String usage() {
        return "harvest [--source NAME]... [--watch [--interval 5m] [--metrics-port N [--metrics-host ADDR]]]";
    }

    @Override
    public String help() {
        return """
                One incremental run of every (or each named) source: [checkpoint - overlap, now - settle].
                --watch keeps running, one run every --interval (default 5m) after the previous one ends;
                a failed run is logged and followed by the next after a growing pause.
                --metrics-port N serves Prometheus metrics at http://127.0.0.1:N/metrics while --watch runs
                (0 picks a free port and prints it); --metrics-host ADDR listens elsewhere, e.g. 0.0.0.0.
                SIGTERM or Ctrl-C ends the page in hand cleanly (a second one ends at once).

                exit codes:
                  0    everything read was stored
                  3    finished, but records were set aside (kept in the dead-letter index; see status)
                  1    a run failed: its checkpoint stays at the last point stored in full, the next run
                       resumes there (the message says why and what to do)
                  2    usage or configuration
                  130  stopped by SIGINT, 143 by SIGTERM (what was read is stored)
                --watch exits 0 when stopped by a signal.""";
    }

    @Override
    public Set<String> flags() {
        return Set.of("--watch");
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("--source", "--interval", MetricsOptions.PORT, MetricsOptions.HOST);
    }

    @Override
    public int run(Arguments args, IndexerContext context) throws Exception {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        Optional<Duration> interval = Optional.empty();
        if (args.value("--interval").isPresent()) {
            if (!args.flag("--watch")) {
                throw new UsageException("--interval only makes sense with --watch");
            }
            try {
                interval = Optional.of(DurationSetting.parse(args.value("--interval").get()));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--interval " + e.getMessage());
            }
            if (interval.get().toSeconds() < 1) {
                throw new UsageException("--interval must be at least 1s");
            }
        }
        var metricsAt = MetricsOptions.parse(args.value(MetricsOptions.PORT), args.value(MetricsOptions.HOST), args.flag("--watch"));
        try (HarvestMetrics metrics = HarvestMetrics.serve(metricsAt, Clock.systemUTC());
             HarvestEngine engine = new HarvestEngine(context, Clock.systemUTC(), metrics)) {
            metrics.url().ifPresent(url -> context.console().note("metrics: " + url));
            var sources = engine.select(args.values("--source"));
            try (Signals.Restore r = Signals.onStop(engine::stop)) {
                if (!args.flag("--watch")) {
                    return exitCode(engine, engine.run(sources, Optional.empty(), "harvest"));
                }
                return watch(engine, sources, interval.orElse(Duration.ofMinutes(5)), context.console());
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
