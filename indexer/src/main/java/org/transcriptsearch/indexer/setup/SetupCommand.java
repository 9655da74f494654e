package org.transcriptsearch.indexer.setup;

import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.indexer.cli.Arguments;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;

/** {@code setup}: install or upgrade templates, indices and aliases; idempotent and says so. */
public final class SetupCommand implements Command {
    @Override
    public String name() {
        return "setup";
    }

    @Override
    public String summary() {
        return "install/upgrade index templates, indices, aliases and the state index (idempotent)";
    }

    @Override
    public String usage() {
        return "setup";
    }

    @Override
    public int run(Arguments args, IndexerContext context) {
        if (!args.positional().isEmpty()) {
            throw new UsageException("setup takes no arguments");
        }
        var es = context.elasticsearch();
        SchemaSetup.Report report = new SchemaSetup(es, context.templates()).apply();
        var console = context.console();
        if (report.changed()) {
            console.say("Set up " + es.url() + ":");
            report.changes().forEach(c -> console.say("  " + c));
        } else {
            console.say("Nothing to change: " + es.url() + " already has the templates, indices and aliases of this version.");
        }
        report.notes().forEach(n -> console.note("note: " + n));
        var names = context.names();
        console.say("Aliases: " + names.messages() + ", " + names.conversations() + ", " + names.state() + ", "
                + names.runs());
        return 0;
    }
}
