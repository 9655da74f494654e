package org.transcriptsearch.indexer.harvest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.transcriptsearch.indexer.cli.Arguments;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.indexer.source.HarvestWindow;

/**
 * {@code reindex --source NAME --from DATE [--to DATE]}: re-harvest a range from the vendor and upsert it.
 * Idempotent (deterministic ids); checkpoints are left as they are. A date alone means the whole UTC day:
 * {@code --from 2024-07-01 --to 2024-07-08} covers 1 July 00:00 to 8 July 24:00.
 */
public final class ReindexCommand implements Command {
    @Override
    public String name() {
        return "reindex";
    }

    @Override
    public String summary() {
        return "re-harvest a date range of one source from the vendor (idempotent)";
    }

    @Override
    public String usage() {
        return "reindex --source NAME --from DATE [--to DATE]";
    }

    @Override
    public String help() {
        return """
                Reads that range from the vendor again and stores it (idempotent; checkpoints stay as they are).
                A date alone is a whole UTC day. Vendor records set aside within the range and now read
                cleanly are removed from the dead-letter index.

                exit codes: 0 everything read was stored; 3 records were set aside; 1 the run failed;
                2 usage or configuration; 130/143 stopped by SIGINT/SIGTERM.""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("--source", "--from", "--to");
    }

    @Override
    public int run(Arguments args, IndexerContext context) throws Exception {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + args.positional().get(0));
        }
        String source = args.value("--source").orElseThrow(() -> new UsageException("--source NAME is required"));
        Instant from = parse("--from", args.value("--from").orElseThrow(() -> new UsageException(
                "--from DATE is required (e.g. 2024-07-01 or 2024-07-01T12:00:00Z)")), false);
        Instant to = args.value("--to").map(v -> parse("--to", v, true)).orElse(Instant.now());
        if (!from.isBefore(to)) {
            throw new UsageException("--from " + from + " must be before --to " + to);
        }
        try (HarvestEngine engine = new HarvestEngine(context, Clock.systemUTC())) {
            var sources = engine.select(List.of(source));
            try (var r = org.transcriptsearch.indexer.cli.Signals.onStop(engine::stop)) {
                return HarvestCommand.exitCode(engine, engine.run(sources, Optional.of(new HarvestWindow(from, to)), "reindex"));
            }
        }
    }

    static Instant parse(String option, String value, boolean endOfDay) {
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageException(option + " '" + value + "' is not a date: write 2024-07-01 or 2024-07-01T12:00:00Z");
        }
    }
}
