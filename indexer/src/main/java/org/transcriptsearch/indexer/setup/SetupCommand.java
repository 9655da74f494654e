package org.transcriptsearch.indexer.setup;

import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.ExitCodes;
import org.transcriptsearch.indexer.cli.IndexerContext;
import picocli.CommandLine;

/** {@code setup}: install or upgrade templates, indices and aliases; idempotent and says so. */
@CommandLine.Command(name = "setup",
        header = "install/upgrade index templates, indices, aliases and the state index (idempotent)",
        description = "Says what it changed, or that nothing needed to: run it after every upgrade. Talks to "
                + "Elasticsearch only: no vendor secret is needed.",
        exitCodeList = {ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.USAGE})
public final class SetupCommand implements Command {
    @Override
    public int run(IndexerContext context) {
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
