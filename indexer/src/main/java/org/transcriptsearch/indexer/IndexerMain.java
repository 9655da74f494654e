package org.transcriptsearch.indexer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.elastic.ElasticsearchUnavailableException;
import org.transcriptsearch.elastic.SetupException;
import org.transcriptsearch.indexer.cli.BuildVersion;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.CompletionCommand;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.indexer.demo.DemoCommand;
import org.transcriptsearch.indexer.forget.ForgetCommand;
import org.transcriptsearch.indexer.harvest.HarvestCommand;
import org.transcriptsearch.indexer.harvest.ReindexCommand;
import org.transcriptsearch.indexer.localnode.LocalEsCommand;
import org.transcriptsearch.indexer.rebuild.RebuildCommand;
import org.transcriptsearch.indexer.setaside.SetAsideCommand;
import org.transcriptsearch.indexer.setup.SetupCommand;
import org.transcriptsearch.indexer.status.StatusCommand;
import org.transcriptsearch.localnode.LocalNodeException;
import org.transcriptsearch.logging.Logging;
import org.transcriptsearch.secrets.RedactingPrintStream;
import org.transcriptsearch.secrets.Redactor;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code java -jar indexer.jar [--config FILE] COMMAND ...}: picocli parses the command line into the chosen
 * {@link Command}, which then runs with an {@link IndexerContext}. Exit codes: 0 done, 1 the work failed, 2 the
 * command line or configuration is wrong; {@code harvest} and {@code reindex} add 3 (finished, but records were
 * set aside) and 130/143 (stopped by a signal). Errors are one clear message, never a stack trace (set
 * TRANSCRIPTS_DEBUG=1 to see one). The attributes of this root command (scope INHERIT) apply to every command that
 * does not set its own: each sets its header, description and exit codes.
 */
@CommandLine.Command(name = "indexer.jar", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = BuildVersion.class, sortOptions = false, usageHelpWidth = 100,
        synopsisHeading = "%nUsage: ", descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
        synopsisSubcommandLabel = "COMMAND", commandListHeading = "%nCommands:%n", exitCodeListHeading = "%nExit codes:%n",
        header = "Harvests chatbot conversations from NICE CXone, Kore.ai and AgentX into Elasticsearch, and keeps the "
                + "index in shape.",
        description = {
            "Run it as java -jar indexer.jar; `indexer.jar help COMMAND` (or COMMAND --help) describes a command.",
            "With no --config, ./" + IndexerContext.DEFAULT_CONFIG + " is read if present; with no elasticsearch.url "
                    + "(or ES_URL), the local node is used (see local-es)."},
        exitCodeList = {
            "0:done",
            "1:the work failed: the message says why (TRANSCRIPTS_DEBUG=1 adds a stack trace)",
            "2:usage or configuration: the message names the option or setting to fix",
            "3:harvest, reindex: finished, but records were set aside; set-aside retry: some are still refused; "
                    + "local-es status: the node is not running",
            "130:harvest, reindex: stopped by SIGINT (Ctrl-C); what was read is stored",
            "143:harvest, reindex: stopped by SIGTERM; what was read is stored"},
        subcommands = {SetupCommand.class, HarvestCommand.class, ReindexCommand.class, RebuildCommand.class,
            StatusCommand.class, SetAsideCommand.class, ForgetCommand.class, LocalEsCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class, CompletionCommand.class})
public final class IndexerMain {
    @CommandLine.Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "the YAML configuration (default: ./" + IndexerContext.DEFAULT_CONFIG + " if present); "
                    + "before or after the command")
    private Path config;

    @CommandLine.Option(names = "--log-level", paramLabel = "LEVEL", scope = ScopeType.INHERIT,
            description = "trace, debug, info, warn or error (default: TRANSCRIPTS_LOG_LEVEL, else info)")
    private String logLevel;

    @CommandLine.Option(names = "--log-format", paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "text or json: one ECS JSON object per line, for log collectors "
                    + "(default: TRANSCRIPTS_LOG_FORMAT, else text)")
    private String logFormat;

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
        System.exit(run(List.of(args), Console.system(), System.getenv()));
    }

    public static int run(List<String> args, Console console, Map<String, String> env) {
        CommandLine cli = commandLine(console);
        IndexerMain main = cli.getCommand();
        CommandLine chosen;
        try {
            ParseResult parsed = cli.parseArgs(args.toArray(String[]::new));
            Integer helped = CommandLine.executeHelpRequest(parsed);
            if (helped != null) {
                return helped;
            }
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            chosen = parsed.commandSpec().commandLine();
        } catch (ParameterException e) {
            return usageError(e.getCommandLine(), describe(e), console);
        }
        if (!(chosen.getCommand() instanceof Command command)) {
            // the root, or a group such as local-es, without its command
            if (chosen == cli) {
                console.error("say which command to run");
                console.note(cli.getUsageMessage());
                return 2;
            }
            return usageError(chosen, name(chosen) + " needs one of: "
                    + String.join(", ", visible(chosen.getSubcommands().values())), console);
        }
        if (main.logLevel != null || main.logFormat != null) {
            try {
                Logging.configure(main.logLevel, main.logFormat);
            } catch (ConfigException e) {
                return usageError(chosen, e.getMessage(), console);
            }
        }
        try (IndexerContext context = new IndexerContext(console, env, Optional.ofNullable(main.config))) {
            return command.run(context);
        } catch (UsageException e) {
            return usageError(chosen, e.getMessage(), console);
        } catch (ConfigException e) {
            console.error(e.getMessage());
            return 2;
        } catch (ElasticsearchUnavailableException | SetupException | LocalNodeException e) {
            debug(e, console, env);
            console.error(e.getMessage());
            return 1;
        } catch (Exception e) {
            debug(e, console, env);
            console.error(name(chosen) + " failed: " + describe(e)
                    + (env.containsKey("TRANSCRIPTS_DEBUG") ? "" : " (set TRANSCRIPTS_DEBUG=1 for details)"));
            return 1;
        }
    }

    /** The whole command tree, fresh (its commands hold the parsed options), printing through the console. */
    static CommandLine commandLine(Console console) {
        CommandLine cli = new CommandLine(new IndexerMain());
        cli.setExpandAtFiles(false); // an id such as @someone is an id, never a file of arguments to read
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        cli.setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8));
        return cli;
    }

    /** One line naming what is wrong, then the command's synopsis and where its help is. */
    private static int usageError(CommandLine command, String message, Console console) {
        console.error(message);
        console.note("usage: " + command.getHelp().synopsis(0).strip());
        console.note("(`indexer.jar " + (command.getParent() == null ? "" : name(command) + " ") + "--help` says more)");
        return 2;
    }

    /** picocli's message, reworded where it says "unmatched" for an unknown command, option or extra word. */
    static String describe(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            CommandLine at = u.getCommandLine();
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-")) {
                return "unknown option '" + first + "' (options: " + String.join(", ", options(at.getCommandSpec())) + ")";
            }
            if (!at.getSubcommands().isEmpty()) {
                String group = at.getParent() == null ? "" : name(at) + " ";
                return "unknown " + group + "command '" + first + "' (commands: "
                        + String.join(", ", visible(at.getSubcommands().values())) + ")";
            }
            return "unexpected argument '" + first + "'";
        }
        String m = e.getMessage().replaceFirst("^Error: ", "");
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** {@code harvest}, {@code local-es start}: the command as typed after {@code indexer.jar}. */
    private static String name(CommandLine command) {
        List<String> names = new ArrayList<>();
        for (CommandSpec s = command.getCommandSpec(); s.parent() != null; s = s.parent()) {
            names.add(0, s.name());
        }
        return String.join(" ", names);
    }

    private static List<String> visible(java.util.Collection<CommandLine> commands) {
        return commands.stream().map(CommandLine::getCommandSpec).filter(s -> !s.usageMessage().hidden())
                .map(CommandSpec::name).distinct().toList();
    }

    private static List<String> options(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.hidden()).map(OptionSpec::longestName).toList();
    }

    private static void debug(Throwable e, Console console, Map<String, String> env) {
        if (env.containsKey("TRANSCRIPTS_DEBUG")) {
            console.trace(e);
        }
    }
}
