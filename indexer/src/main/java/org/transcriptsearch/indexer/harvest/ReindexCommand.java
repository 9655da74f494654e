package org.transcriptsearch.indexer.harvest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.ExitCodes;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.indexer.source.HarvestWindow;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code reindex --source NAME --from DATE [--to DATE]}: re-harvest a range from the vendor and upsert it.
 * Idempotent (deterministic ids); checkpoints are left as they are. A date alone means the whole UTC day:
 * {@code --from 2024-07-01 --to 2024-07-08} covers 1 July 00:00 to 8 July 24:00.
 */
@CommandLine.Command(name = "reindex",
        header = "re-harvest a date range of one source from the vendor (idempotent)",
        description = {"Reads that range from the vendor again and stores it (idempotent: ids are deterministic; "
                + "checkpoints stay as they are). A date alone is a whole UTC day: --from 2024-07-01 --to 2024-07-08 "
                + "covers 1 July 00:00 to 8 July 24:00. Vendor records set aside within the range and now read "
                + "cleanly are removed from the dead-letter index.",
            "SIGTERM or Ctrl-C ends the page in hand cleanly (a second one ends at once)."},
        exitCodeList = {ExitCodes.STORED, ExitCodes.RUN_FAILED, ExitCodes.USAGE, ExitCodes.SET_ASIDE, ExitCodes.SIGINT,
            ExitCodes.SIGTERM})
public final class ReindexCommand implements Command {
    @CommandLine.Option(names = "--source", paramLabel = "NAME", required = true,
            description = "the configured source to read again")
    String source;

    @CommandLine.Option(names = "--from", paramLabel = "DATE", required = true, converter = DayStart.class,
            description = "where the range starts: 2024-07-01 (that day's start, UTC) or 2024-07-01T12:00:00Z")
    Instant from;

    @CommandLine.Option(names = "--to", paramLabel = "DATE", converter = DayEnd.class,
            description = "where it ends: 2024-07-08 (that day's end, UTC) or an instant (default: now)")
    Instant to;

    @Override
    public int run(IndexerContext context) throws Exception {
        Instant until = to == null ? Instant.now() : to;
        if (!from.isBefore(until)) {
            throw new UsageException("--from " + from + " must be before --to " + until);
        }
        try (HarvestEngine engine = new HarvestEngine(context, Clock.systemUTC())) {
            var sources = engine.select(List.of(source));
            try (var r = org.transcriptsearch.indexer.cli.Signals.onStop(engine::stop)) {
                return HarvestCommand.exitCode(engine, engine.run(sources, Optional.of(new HarvestWindow(from, until)), "reindex"));
            }
        }
    }

    /** {@code --from}: a date alone is the start of that UTC day. */
    public static final class DayStart implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value, false);
        }
    }

    /** {@code --to}: a date alone is the end of that UTC day (the next day's start). */
    public static final class DayEnd implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            return parse(value, true);
        }
    }

    static Instant parse(String value, boolean endOfDay) {
        try {
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(value);
                return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date: write 2024-07-01 or 2024-07-01T12:00:00Z");
        }
    }
}
