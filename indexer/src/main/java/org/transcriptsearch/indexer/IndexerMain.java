package org.transcriptsearch.indexer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.elastic.ElasticsearchUnavailableException;
import org.transcriptsearch.elastic.SetupException;
import org.transcriptsearch.indexer.cli.Arguments;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.indexer.forget.ForgetCommand;
import org.transcriptsearch.indexer.harvest.HarvestCommand;
import org.transcriptsearch.indexer.harvest.ReindexCommand;
import org.transcriptsearch.indexer.localnode.LocalEsCommand;
import org.transcriptsearch.indexer.rebuild.RebuildCommand;
import org.transcriptsearch.indexer.status.StatusCommand;
import org.transcriptsearch.indexer.setup.SetupCommand;
import org.transcriptsearch.localnode.LocalNodeException;
import org.transcriptsearch.logging.Logging;
import org.transcriptsearch.secrets.RedactingPrintStream;
import org.transcriptsearch.secrets.Redactor;

/**
 * {@code java -jar indexer.jar [--config FILE] COMMAND ...}. Exit codes: 0 done, 1 the work failed,
 * 2 the command line or configuration is wrong; {@code harvest} and {@code reindex} add 3 (finished, but
 * records were set aside) and 130/143 (stopped by a signal). Errors are one clear message, never a stack trace
 * (set TRANSCRIPTS_DEBUG=1 to see one).
 */
public final class IndexerMain {
    private static final List<Command> COMMANDS = List.of(
            new SetupCommand(),
            new HarvestCommand(),
            new ReindexCommand(),
            new RebuildCommand(),
            new StatusCommand(),
            new org.transcriptsearch.indexer.setaside.SetAsideCommand(),
            new ForgetCommand(),
            new LocalEsCommand(),
            new org.transcriptsearch.indexer.demo.DemoCommand());

    private IndexerMain() {
    }

    public static void main(String[] args) {
        // First: every line printed or logged from here on is redacted.
        RedactingPrintStream.installOnSystemStreams(Redactor.ofEnvironment(System.getenv()));
        try {
            // TRANSCRIPTS_LOG_LEVEL and TRANSCRIPTS_LOG_FORMAT; --log-level/--log-format call Logging.configure again.
            Logging.start("indexer", null, null);
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        }
        System.exit(run(Arrays.asList(args), Console.system(), System.getenv()));
    }

    public static int run(List<String> args, Console console, Map<String, String> env) {
        Map<String, Command> commands = new LinkedHashMap<>();
        COMMANDS.forEach(c -> commands.put(c.name(), c));
        List<String> rest = new ArrayList<>(args);
        Optional<Path> config = Optional.empty();
        while (!rest.isEmpty() && rest.get(0).startsWith("--")) {
            String opt = rest.remove(0);
            if (opt.equals("--config") && !rest.isEmpty()) {
                config = Optional.of(Path.of(rest.remove(0)));
            } else if (opt.startsWith("--config=")) {
                config = Optional.of(Path.of(opt.substring("--config=".length())));
            } else if (opt.equals("--help") || opt.equals("-h")) {
                console.say(usage(commands));
                return 0;
            } else {
                console.error("unknown option " + opt + " before the command\n" + usage(commands));
                return 2;
            }
        }
        if (rest.isEmpty()) {
            console.note(usage(commands));
            return 2;
        }
        if (rest.get(0).equals("help")) {
            console.say(usage(commands));
            return 0;
        }
        Command command = commands.get(rest.get(0));
        if (command == null) {
            console.error("unknown command '" + rest.get(0) + "'\n" + usage(commands));
            return 2;
        }
        List<String> commandArgs = rest.subList(1, rest.size());
        if (commandArgs.contains("--help")) {
            console.say("usage: java -jar indexer.jar [--config FILE] " + command.usage() + "\n  " + command.summary()
                    + (command.help().isEmpty() ? "" : "\n\n" + command.help()));
            return 0;
        }
        try (IndexerContext context = new IndexerContext(console, env, config)) {
            Arguments parsed = Arguments.parse(commandArgs, command.flags(), command.valuedOptions());
            return command.run(parsed, context);
        } catch (UsageException e) {
            console.error(e.getMessage() + "\nusage: java -jar indexer.jar [--config FILE] " + command.usage());
            return 2;
        } catch (ConfigException e) {
            console.error(e.getMessage());
            return 2;
        } catch (ElasticsearchUnavailableException | SetupException | LocalNodeException e) {
            debug(e, console, env);
            console.error(e.getMessage());
            return 1;
        } catch (Exception e) {
            debug(e, console, env);
            console.error(command.name() + " failed: " + describe(e)
                    + (env.containsKey("TRANSCRIPTS_DEBUG") ? "" : " (set TRANSCRIPTS_DEBUG=1 for details)"));
            return 1;
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void debug(Throwable e, Console console, Map<String, String> env) {
        if (env.containsKey("TRANSCRIPTS_DEBUG")) {
            console.trace(e);
        }
    }

    static String usage(Map<String, Command> commands) {
        StringBuilder sb = new StringBuilder("usage: java -jar indexer.jar [--config FILE] COMMAND [OPTIONS]\n\ncommands:\n");
        for (Command c : commands.values()) {
            sb.append(String.format("  %-48s %s%n", c.usage(), c.summary()));
        }
        sb.append("\nWith no --config, ./").append(IndexerContext.DEFAULT_CONFIG)
                .append(" is read if present; with no elasticsearch.url (or ES_URL), a local node is used.");
        return sb.toString();
    }
}
