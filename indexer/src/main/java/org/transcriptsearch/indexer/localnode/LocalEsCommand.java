package org.transcriptsearch.indexer.localnode;

import java.util.Set;
import org.transcriptsearch.indexer.cli.Arguments;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.localnode.LocalNode;
import org.transcriptsearch.localnode.NodeHome;

/** {@code local-es start|stop|status}: the embedded node shared by the indexer and the search API. */
public final class LocalEsCommand implements Command {
    @Override
    public String name() {
        return "local-es";
    }

    @Override
    public String summary() {
        return "manage the embedded Elasticsearch node (used when no URL is configured)";
    }

    @Override
    public String usage() {
        return "local-es start|stop|status";
    }

    @Override
    public Set<String> flags() {
        return Set.of();
    }

    @Override
    public int run(Arguments args, IndexerContext context) {
        if (args.positional().size() != 1) {
            throw new UsageException("local-es needs one of: start, stop, status");
        }
        Console console = context.console();
        LocalNode node = new LocalNode(NodeHome.resolve(context.env()), context.env());
        switch (args.positional().get(0)) {
            case "start" -> {
                print(console, node.start(console::note));
                return 0;
            }
            case "stop" -> {
                console.say(node.stop());
                return 0;
            }
            case "status" -> {
                LocalNode.Status s = node.status();
                print(console, s);
                return s.running() ? 0 : 3;
            }
            default -> throw new UsageException("unknown local-es action '" + args.positional().get(0)
                    + "' (start, stop or status)");
        }
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
