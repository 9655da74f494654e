package org.transcriptsearch.indexer.setaside;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.ExitCodes;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.SourceOption;
import org.transcriptsearch.indexer.harvest.SetAsideRetry;
import picocli.CommandLine;

/**
 * {@code set-aside list|retry [--source NAME]...}: what the harvests could not store, and storing it
 * again. {@code retry} sends every refused document of the sources again (after the mapping was fixed),
 * under each source's lease, recomputes their conversations from what is stored, and removes the records
 * of what is now stored; vendor records (which only the vendor can give again) are listed with the
 * {@code reindex} that reads them again. Needs no vendor secret.
 */
@CommandLine.Command(name = "set-aside",
        header = "list what the harvests set aside, or store refused documents again (after a mapping fix)",
        description = "Vendor records that could not be mapped and documents Elasticsearch refused are kept in the "
                + "dead-letter index, with where they came from and why. Needs no vendor secret.",
        subcommands = {SetAsideCommand.Listing.class, SetAsideCommand.Retry.class},
        exitCodeList = {ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.USAGE, "3:retry: some are still refused"})
public final class SetAsideCommand {
    @CommandLine.Command(name = "list", header = "every set-aside record, with where it came from and why",
            description = "Vendor records that could not be mapped and documents Elasticsearch refused.",
            exitCodeList = {ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.USAGE})
    static final class Listing implements Command {
        @CommandLine.Mixin
        SourceOption.Sources sources;

        @Override
        public int run(IndexerContext context) throws Exception {
            List<SourceConfig> selected = sources.select(context.config());
            SetAsideStore store = store(context);
            new SchemaSetup(context.elasticsearch(), context.templates()).requireInstalled();
            list(store, selected, context.console());
            return 0;
        }
    }

    @CommandLine.Command(name = "retry", header = "store the refused documents again (once the mapping or the data is fixed)",
            description = {"Sends every refused document of the sources again, under each source's lease, recomputes "
                    + "their conversations from what is stored, and removes the records of what is now stored.",
                "Vendor records are read again by `reindex --source NAME --from ... --to ...` (the command is printed)."},
            exitCodeList = {"0:done: every refused document is stored now", ExitCodes.FAILED, ExitCodes.USAGE,
                "3:some are still refused (`set-aside list` says why)"})
    static final class Retry implements Command {
        @CommandLine.Mixin
        SourceOption.Sources sources;

        @Override
        public int run(IndexerContext context) throws Exception {
            List<SourceConfig> selected = sources.select(context.config());
            SetAsideStore store = store(context);
            new SchemaSetup(context.elasticsearch(), context.templates()).requireCurrent();
            int stillRefused = 0;
            for (SourceConfig s : selected) {
                stillRefused += retry(store, s, context);
            }
            return stillRefused > 0 ? 3 : 0;
        }
    }

    private static SetAsideStore store(IndexerContext context) {
        return new SetAsideStore(context.elasticsearch(), context.names(), context.console().redactor());
    }

    private static void list(SetAsideStore store, List<SourceConfig> sources, Console out) {
        long shown = 0;
        for (SourceConfig s : sources) {
            List<SetAsideRecord> all = new ArrayList<>();
            store.each(s.name(), null, all::add);
            if (all.isEmpty()) {
                continue;
            }
            out.say(s.name() + ": " + all.size() + " record(s) set aside");
            for (SetAsideRecord r : all) {
                out.say(String.format(Locale.ROOT, "  %s %-8s %s: %s%s", r.at(), r.kind(), r.location(), r.reason(),
                        r.window() == null ? "" : " (run " + r.run().id() + ", window " + r.window().from() + " → "
                                + r.window().to() + ")"));
            }
            shown += all.size();
        }
        if (shown == 0) {
            out.say("nothing is set aside: every record read so far is stored");
        }
    }

    /** Retries one source's refused documents; returns how many are still refused. */
    private static int retry(SetAsideStore store, SourceConfig s, IndexerContext context) throws Exception {
        Console out = context.console();
        List<MessageDocument> messages = new ArrayList<>();
        Set<String> conversations = new LinkedHashSet<>();
        List<SetAsideRecord> vendorRecords = new ArrayList<>();
        store.each(s.name(), null, r -> {
            if (SetAsideRecord.RECORD.equals(r.kind())) {
                vendorRecords.add(r);
            } else if (context.names().messages().equals(r.target().index())) {
                try {
                    messages.add(context.elasticsearch().json().readValue(r.document(), MessageDocument.class));
                } catch (JsonProcessingException e) {
                    out.error(s.name() + ": the refused document " + r.target().id() + " is kept but cannot be read back ("
                            + e.getOriginalMessage() + "); `reindex` over its window reads it from the vendor again");
                }
            } else if (r.conversation() != null) {
                conversations.add(r.conversation().id());
            }
        });
        int stillRefused = 0;
        if (!messages.isEmpty() || !conversations.isEmpty()) {
            SetAsideRetry.Result result = new SetAsideRetry(context, s).run(messages, conversations);
            stillRefused = result.stillRefused();
            out.say(String.format(Locale.ROOT, "%s: %d refused message(s) and %d conversation(s) sent again: %d stored, %d still refused%s",
                    s.name(), messages.size(), conversations.size(), result.stored(), stillRefused,
                    stillRefused == 0 ? "" : " (`set-aside list` says why)"));
        } else {
            out.say(s.name() + ": no refused documents");
        }
        if (!vendorRecords.isEmpty()) {
            var from = vendorRecords.stream().map(r -> r.window().from()).min(java.util.Comparator.naturalOrder()).get();
            var to = vendorRecords.stream().map(r -> r.window().to()).max(java.util.Comparator.naturalOrder()).get();
            out.say(s.name() + ": " + vendorRecords.size() + " vendor record(s) could not be mapped; once the vendor serves them"
                    + " whole: java -jar indexer.jar reindex --source " + s.name() + " --from " + from + " --to " + to);
        }
        return stillRefused;
    }
}
