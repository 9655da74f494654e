package org.transcriptsearch.indexer.harvest;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.transcriptsearch.indexer.cli.Arguments;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.indexer.source.DurationSetting;

/** {@code harvest [--source NAME]... [--watch [--interval 5m]]}: incremental runs. */
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
        return "harvest [--source NAME]... [--watch [--interval 5m]]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("--watch");
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("--source", "--interval");
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
        try (HarvestEngine engine = new HarvestEngine(context, Clock.systemUTC())) {
            var sources = engine.select(args.values("--source"));
            if (!args.flag("--watch")) {
                return exitCode(engine.run(sources, Optional.empty(), "harvest"));
            }
            Duration every = interval.orElse(Duration.ofMinutes(5));
            context.console().note("watching " + sources.size() + " source(s): one run every "
                    + DurationSetting.format(every) + " after the previous one ends; Ctrl-C stops");
            while (!Thread.currentThread().isInterrupted()) {
                engine.run(sources, Optional.empty(), "harvest");
                context.console().note("next run in " + DurationSetting.format(every));
                Thread.sleep(every.toMillis());
            }
            return 0;
        }
    }

    static int exitCode(List<HarvestSummary> summaries) {
        return summaries.stream().anyMatch(s -> s.failed() || "refused".equals(s.outcome())) ? 1 : 0;
    }
}
