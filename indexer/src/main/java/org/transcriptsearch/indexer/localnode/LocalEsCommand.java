package org.transcriptsearch.indexer.localnode;

import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.ExitCodes;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.localnode.LocalNode;
import org.transcriptsearch.localnode.NodeHome;
import picocli.CommandLine;

/** {@code local-es start|stop|status}: the embedded node shared by the indexer and the search API. */
@CommandLine.Command(name = "local-es",
        header = "manage the embedded Elasticsearch node (used when no URL is configured)",
        description = "The node the indexer and the search API share when neither elasticsearch.url nor ES_URL is set: "
                + "the first that needs it starts it in the background, the other attaches. Its folder is "
                + "TRANSCRIPTS_HOME (default ~/.transcript-search).",
        subcommands = {LocalEsCommand.Start.class, LocalEsCommand.Stop.class, LocalEsCommand.Status.class},
        exitCodeList = {ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.USAGE, "3:status: the node is not running"})
public final class LocalEsCommand {
    @CommandLine.Command(name = "start", header = "start the node in the background (or say where it already runs)",
            description = "Prints its URL, pid, folder, data and logs. Port 9200 unless something else has it.",
            exitCodeList = {ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.USAGE})
    static final class Start implements Command {
        @Override
        public int run(IndexerContext context) {
            print(context.console(), node(context).start(context.console()::note));
            return 0;
        }
    }

    @CommandLine.Command(name = "stop", header = "stop the node this machine started (never another process)",
            description = "Stops the node recorded in its folder, only while that pid is still the node (a recycled pid "
                    + "is left alone), and says so.",
            exitCodeList = {ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.USAGE})
    static final class Stop implements Command {
        @Override
        public int run(IndexerContext context) {
            context.console().say(node(context).stop());
            return 0;
        }
    }

    @CommandLine.Command(name = "status", header = "whether the node runs, its URL, pid, folder, data and logs",
            description = "Reads the node's folder and checks that its recorded process is still the node; starts nothing.",
            exitCodeList = {"0:the node is running", ExitCodes.FAILED, ExitCodes.USAGE, "3:the node is not running"})
    static final class Status implements Command {
        @Override
        public int run(IndexerContext context) {
            LocalNode.Status s = node(context).status();
            print(context.console(), s);
            return s.running() ? 0 : 3;
        }
    }

    private static LocalNode node(IndexerContext context) {
        return new LocalNode(NodeHome.resolve(context.env()), context.env());
    }

    private static void print(Console console, LocalNode.Status s) {
        console.say("Local Elasticsearch: " + s.detail());
        if (s.url() != null) {
            console.say("  url:    " + s.url());
        }
        if (s.pid() != null && s.running()) {
            console.say("  pid:    " + s.pid());
        }
        console.say("  folder: " + s.folder());
        console.say("  data:   " + s.data());
        console.say("  logs:   " + s.logs());
    }
}
