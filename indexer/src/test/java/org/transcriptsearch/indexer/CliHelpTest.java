package org.transcriptsearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.localnode.Distribution;
import org.transcriptsearch.secrets.Redactor;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The command line as a user meets it, without Elasticsearch: help for every command (each option described, the exit
 * codes listed), {@code -h}/{@code --help}/{@code help COMMAND} alike, {@code --version}, one-line usage errors with
 * exit 2, and every option parsed into what the command runs with. Nothing here reaches a cluster: the environment
 * names an address where none listens, so a command that got that far would fail with 1, not pass.
 */
class CliHelpTest {
    private static final Map<String, String> ENV = Map.of("ES_URL", "http://127.0.0.1:9", "TRANSCRIPTS_ES_WAIT", "1",
            "CLI_TEST_TOKEN", "t0ken-for-the-cli-test");

    /** Every command a user can run, and the options its help must describe (the picocli tree is checked as well). */
    private static final Map<String, List<String>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("setup", List.of());
        COMMANDS.put("harvest", List.of("--source=NAME", "--watch", "--interval=DURATION", "--metrics-port=N",
                "--metrics-host=ADDR"));
        COMMANDS.put("reindex", List.of("--source=NAME", "--from=DATE", "--to=DATE"));
        COMMANDS.put("rebuild", List.of("--prune", "--redact"));
        COMMANDS.put("status", List.of("--source=NAME"));
        COMMANDS.put("set-aside", List.of());
        COMMANDS.put("set-aside list", List.of("--source=NAME"));
        COMMANDS.put("set-aside retry", List.of("--source=NAME"));
        COMMANDS.put("forget", List.of("--customer=ID", "--source=NAME", "--conversation=SOURCE/ID", "--list"));
        COMMANDS.put("local-es", List.of());
        COMMANDS.put("local-es start", List.of());
        COMMANDS.put("local-es stop", List.of());
        COMMANDS.put("local-es status", List.of());
        COMMANDS.put("demo", List.of("--port=N"));
    }

    static IndexerRun run(String... args) {
        return IndexerRun.run(ENV, args);
    }

    private static String[] words(String command, String... more) {
        List<String> all = new ArrayList<>(List.of(command.split(" ")));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void everyCommandsHelpDescribesEachOptionAndListsItsExitCodes() {
        CommandLine root = IndexerMain.commandLine(new Console(System.out, System.err, Redactor.none(), false));
        List<String> inTree = new ArrayList<>();
        walk(root, inTree);
        assertEquals(COMMANDS.keySet().stream().sorted().toList(), inTree.stream().sorted().toList(),
                "every command a user can run is listed here, and only those");

        for (Map.Entry<String, List<String>> command : COMMANDS.entrySet()) {
            IndexerRun help = run(words(command.getKey(), "--help"));
            String text = help.out();
            assertEquals(0, help.exit(), command.getKey() + ": " + help.all());
            assertEquals("", help.err(), command.getKey());
            assertTrue(text.contains("Usage: indexer.jar " + command.getKey()), text);
            for (String option : command.getValue()) {
                assertTrue(text.contains(option), command.getKey() + " --help describes " + option + ":\n" + text);
            }
            CommandSpec spec = root.getCommandSpec();
            for (String word : command.getKey().split(" ")) {
                spec = spec.subcommands().get(word).getCommandSpec();
            }
            for (OptionSpec option : spec.options()) {
                assertTrue(option.description().length > 0 && !option.description()[0].isBlank(),
                        command.getKey() + " " + option.longestName() + " has a description");
                String firstWords = option.description()[0].split(" ", 4).length > 3
                        ? String.join(" ", List.of(option.description()[0].split(" ", 4)).subList(0, 3)) : option.description()[0];
                assertTrue(text.contains(option.longestName()) && text.contains(firstWords),
                        command.getKey() + " --help shows " + option.longestName() + " with its description:\n" + text);
            }
            assertTrue(text.contains("--config=FILE"), "the global option is accepted after every command too:\n" + text);
            assertFalse(text.contains("Run it as java -jar indexer.jar") || text.contains("Harvests chatbot conversations"),
                    "the root's header and description are not inherited:\n" + text);
            List<String> codes = exitCodes(text);
            if (command.getKey().equals("demo")) {
                // it runs until it is stopped: a shell sees the signal's code, never 0
                assertEquals(List.of("1", "2", "130", "143"), codes, text);
            } else {
                assertTrue(codes.containsAll(List.of("0", "1", "2")), command.getKey() + " lists 0, 1, 2: " + codes + "\n" + text);
            }
            if (command.getKey().equals("harvest") || command.getKey().equals("reindex")) {
                assertEquals(List.of("0", "1", "2", "3", "130", "143"), codes, text);
                assertTrue(text.contains("set aside") && text.contains("SIGINT") && text.contains("SIGTERM"), text);
            }
        }
        assertTrue(run("harvest", "--help").out().contains("Default: 5m"), "the interval's default is shown");
        assertTrue(run("demo", "--help").out().contains("Default: 8080"), "the port's default is shown");
    }

    @Test
    void theGeneralHelpListsTheCommandsAndEveryExitCode() {
        IndexerRun help = run("--help");
        assertEquals(0, help.exit());
        for (String command : List.of("setup", "harvest", "reindex", "rebuild", "status", "set-aside", "forget",
                "local-es", "demo", "help")) {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(command) + " +\\S").matcher(help.out()).find(),
                    command + " is listed with its summary:\n" + help.out());
        }
        assertFalse(help.out().contains("generate-completion"), "the completion script is a hidden extra");
        assertEquals(List.of("0", "1", "2", "3", "130", "143"), exitCodes(help.out()), help.out());
        assertTrue(help.out().contains("--config=FILE") && help.out().contains("transcripts.yml"), help.out());
    }

    @Test
    void dashH_dashDashHelp_andHelpCommandAgree() {
        assertEquals(run("--help").out(), run("-h").out());
        assertEquals(run("--help").out(), run("help").out());
        for (String command : COMMANDS.keySet()) {
            String help = run(words(command, "--help")).out();
            assertEquals(help, run(words(command, "-h")).out(), command + " -h");
            if (!command.contains(" ")) {
                IndexerRun viaHelp = run("help", command);
                assertEquals(0, viaHelp.exit());
                assertEquals(help, viaHelp.out(), "help " + command);
            }
        }
        IndexerRun unknown = run("help", "frobnicate");
        assertEquals(2, unknown.exit(), unknown.all());
        assertTrue(unknown.err().contains("frobnicate"), unknown.err());
    }

    @Test
    void versionNamesTheBuildAndTheElasticsearchItTargets() throws IOException {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        String projectVersion = first(pom, "<artifactId>transcript-search</artifactId>\\s*<version>([^<]+)</version>");
        String esVersion = first(pom, "<elasticsearch.version>([^<]+)</elasticsearch.version>");
        String clientVersion = first(pom, "<elasticsearch-java.version>([^<]+)</elasticsearch-java.version>");

        IndexerRun version = run("--version");
        assertEquals(0, version.exit(), version.all());
        assertEquals(version.out(), run("-V").out());
        assertTrue(version.out().startsWith("indexer.jar " + projectVersion + "\n"), version.out());
        assertTrue(version.out().contains("Elasticsearch " + esVersion + " ") && version.out().contains(clientVersion),
                version.out());
        assertEquals(Distribution.ES_VERSION, esVersion, "the embedded node is the version --version names");
        assertFalse(version.out().contains("${"), "every value was filled in at build time: " + version.out());
    }

    @Test
    void usageErrorsAreExitTwoWithOneLineNamingWhatIsWrong(@TempDir Path dir) throws IOException {
        Path config = aConfig(dir);
        assertUsage(run("frobnicate"), "unknown command 'frobnicate'");
        assertUsage(run("setup", "--force"), "unknown option '--force'");
        assertUsage(run("harvest", "--sourc", "a"), "unknown option '--sourc'");
        assertUsage(run("harvest", "--source"), "'--source'");
        assertUsage(run("harvest", "--source", "--watch"), "'--source'");
        assertUsage(run("harvest", "extra"), "unexpected argument 'extra'");
        assertUsage(run("harvest", "--interval", "1m"), "--interval only makes sense with --watch");
        assertUsage(run("harvest", "--watch", "--interval", "5x"), "--interval");
        assertUsage(run("harvest", "--watch", "--interval", "0s"), "--interval must be at least 1s");
        assertUsage(run("--config", config.toString(), "harvest", "--source", "nope"), "--source nope is not a configured source");
        assertUsage(run("reindex", "--from", "2024-07-01"), "--source");
        assertUsage(run("reindex", "--source", "cx"), "--from");
        assertUsage(run("reindex", "--source", "cx", "--from", "2024-13-01"), "'2024-13-01' is not a date");
        assertUsage(run("reindex", "--source", "cx", "--from", "2024-07-02", "--to", "2024-07-01"), "must be before --to");
        assertUsage(run("reindex", "--source", "cx", "--source", "cx2", "--from", "2024-07-01"), "'--source'");
        assertUsage(run("demo", "--port", "abc"), "'--port'");
        assertUsage(run("demo", "--port", "70000"), "--port must be a port number");
        assertUsage(run("--config", config.toString(), "status", "--source", "nope"), "--source nope is not a configured source");
        assertUsage(run("set-aside"), "set-aside needs one of: list, retry");
        assertUsage(run("set-aside", "undo"), "unknown set-aside command 'undo' (commands: list, retry)");
        assertUsage(run("--config", config.toString(), "set-aside", "list", "--source", "nope"), "--source nope is not a configured source");
        assertUsage(run("local-es"), "local-es needs one of: start, stop, status");
        assertUsage(run("local-es", "restart"), "unknown local-es command 'restart' (commands: start, stop, status)");
        assertUsage(run("local-es", "status", "now"), "unexpected argument 'now'");
        assertUsage(run("forget"), "say what to forget");
        assertUsage(run("forget", "--customer", "a", "--conversation", "cx/b"), "not both");
        assertUsage(run("forget", "--list", "--customer", "a"), "--list takes no other option");
        assertUsage(run("forget", "--conversation", "cx/b", "--source", "cx"), "--source goes with --customer");
        assertUsage(run("forget", "--customer", "a", "--customer", "b"), "'--customer'");
        assertUsage(run("--config", config.toString(), "forget", "--conversation", "no-slash"), "must be SOURCE/ID");
        assertUsage(run("--config", config.toString(), "forget", "--customer", "a", "--source", "nope"),
                "nope is not a configured source");
        assertUsage(run("rebuild", "--redact"), "rebuild --redact applies the config file's privacy: section");
        assertUsage(run("--config"), "'--config'");
        assertUsage(run("--frobnicate", "setup"), "unknown option '--frobnicate'");

        IndexerRun none = run();
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("Usage: indexer.jar") && none.err().contains("harvest"), none.err());
    }

    private static void assertUsage(IndexerRun r, String expected) {
        assertEquals(2, r.exit(), r.all());
        assertEquals("", r.out(), "usage errors go to stderr");
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(expected),
                "the first line names what is wrong (" + expected + "):\n" + r.err());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("error: ")).count(), r.err());
        assertTrue(lines.size() > 1 && lines.get(1).startsWith("usage: indexer.jar"), "then a usage hint:\n" + r.err());
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace:\n" + r.err());
    }

    @Test
    void theConfigOptionIsReadBeforeOrAfterTheCommand() {
        for (List<String> args : List.of(List.of("--config", "/nonexistent/cli.yml", "status"),
                List.of("status", "--config", "/nonexistent/cli.yml"), List.of("status", "--config=/nonexistent/cli.yml"),
                List.of("set-aside", "list", "--config", "/nonexistent/cli.yml"))) {
            IndexerRun r = run(args.toArray(String[]::new));
            assertEquals(2, r.exit(), args + ": " + r.all());
            assertTrue(r.err().contains("config file /nonexistent/cli.yml does not exist"), args + ": " + r.err());
        }
    }

    @Test
    void anIdStartingWithAtIsTakenAsTyped(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("someone"), "--list\n");
        String typed = "@" + file;
        assertEquals(typed, parse("forget", "--customer", typed).get("--customer"));
        assertEquals(false, parse("forget", "--customer", typed).get("--list"));
    }

    @Test
    void everyOptionParsesIntoWhatTheCommandRunsWith() {
        Map<String, Object> harvest = parse("harvest", "--source", "cx", "--source=kore", "--watch", "--interval", "90s");
        assertEquals(List.of("cx", "kore"), harvest.get("--source"));
        assertEquals(true, harvest.get("--watch"));
        assertEquals(Duration.ofSeconds(90), harvest.get("--interval"));
        Map<String, Object> once = parse("harvest");
        assertEquals(List.of(), once.get("--source"), "no --source: every source");
        assertEquals(false, once.get("--watch"));
        assertEquals(Duration.ofMinutes(5), once.get("--interval"));

        Map<String, Object> reindex = parse("reindex", "--source", "cx", "--from", "2024-07-01", "--to", "2024-07-08");
        assertEquals("cx", reindex.get("--source"));
        assertEquals(Instant.parse("2024-07-01T00:00:00Z"), reindex.get("--from"), "a date alone starts at that day's start");
        assertEquals(Instant.parse("2024-07-09T00:00:00Z"), reindex.get("--to"), "and --to ends at that day's end");
        Map<String, Object> instants = parse("reindex", "--source=cx", "--from=2024-07-01T12:00:00Z");
        assertEquals(Instant.parse("2024-07-01T12:00:00Z"), instants.get("--from"));
        assertEquals(null, instants.get("--to"), "no --to: now, when it runs");

        assertEquals(true, parse("rebuild", "--redact").get("--redact"));
        assertEquals(false, parse("rebuild", "--redact").get("--prune"));
        assertEquals(true, parse("rebuild", "--prune").get("--prune"));
        assertEquals(List.of("a", "b"), parse("status", "--source", "a", "--source", "b").get("--source"));
        assertEquals(List.of("a"), parse("set-aside", "retry", "--source", "a").get("--source"));
        assertEquals(List.of(), parse("set-aside", "list").get("--source"));

        Map<String, Object> customer = parse("forget", "--customer", "c-1", "--source", "cx");
        assertEquals("c-1", customer.get("--customer"));
        assertEquals("cx", customer.get("--source"));
        assertEquals(null, customer.get("--conversation"));
        assertEquals("cx/abc-123", parse("forget", "--conversation", "cx/abc-123").get("--conversation"));
        assertEquals(true, parse("forget", "--list").get("--list"));

        assertEquals(8080, parse("demo").get("--port"));
        assertEquals(0, parse("demo", "--port", "0").get("--port"));
        assertEquals("indexer", parse("generate-completion").get("--alias"));
    }

    /** The compose stack's harvester and the Kibana setup script call the jar with these words: they must still parse. */
    @Test
    void theComposeStacksCommandLinesParse() throws IOException {
        String compose = Files.readString(Path.of("..", "docker-compose.yml"));
        Matcher indexer = Pattern.compile("(?m)^    command: \\[([^\\]]*\"harvest\"[^\\]]*)]$").matcher(compose);
        assertTrue(indexer.find(), "the indexer service's command");
        List<String> words = new ArrayList<>();
        Matcher word = Pattern.compile("\"([^\"]*)\"").matcher(indexer.group(1));
        while (word.find()) {
            words.add(word.group(1).replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1"));
        }
        Map<String, Object> harvest = parse(words.toArray(String[]::new));
        assertEquals(true, harvest.get("--watch"), words.toString());
        assertEquals(Duration.ofMinutes(5), harvest.get("--interval"), words.toString());
        assertEquals("9464", harvest.get("--metrics-port"), words.toString());

        String setup = Files.readString(Path.of("..", "kibana", "setup.sh"));
        assertTrue(setup.contains("java -jar \"$INDEXER_JAR\" --config \"$INDEXER_CONFIG\" setup"), "kibana/setup.sh runs setup");
        parse("--config", "/opt/transcripts/setup.yml", "setup");
    }

    @Test
    void theCompletionScriptCoversTheCommandsAndTheirOptions() {
        IndexerRun r = run("generate-completion");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().contains("complete -F _complete_indexer"), r.out());
        for (String word : List.of("harvest", "reindex", "forget", "--interval", "--conversation", "start", "retry")) {
            assertTrue(r.out().contains(word), word);
        }
        String help = run("generate-completion", "--help").out();
        assertTrue(help.contains("alias indexer='java -jar") && !help.contains("Harvests chatbot conversations"), help);
        assertTrue(run("generate-completion", "--alias", "ix").out().contains("complete -F _complete_ix"));
    }

    /** The options of the command the words choose, as the command object holds them after parsing. */
    private static Map<String, Object> parse(String... args) {
        CommandLine cli = IndexerMain.commandLine(new Console(System.out, System.err, Redactor.none(), false));
        ParseResult parsed = cli.parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : parsed.commandSpec().options()) {
            values.put(option.longestName(), option.getValue());
        }
        return values;
    }

    private static void walk(CommandLine command, List<String> names) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.usageMessage().hidden() || spec.helpCommand()) {
                continue;
            }
            names.add(spec.qualifiedName(" ").substring("indexer.jar ".length()));
            walk(sub, names);
        }
    }

    /** The codes under "Exit codes:", in order. */
    private static List<String> exitCodes(String help) {
        String section = help.substring(help.indexOf("Exit codes:"));
        List<String> codes = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  (\\d+) ").matcher(section);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex);
        return m.group(1);
    }

    private static Path aConfig(Path dir) throws IOException {
        Path config = dir.resolve("cli.yml");
        Files.writeString(config, "index:\n  prefix: it-cli\nsources:\n  - name: cx\n    type: cxone\n"
                + "    baseUrl: http://127.0.0.1:9\n    token: ${CLI_TEST_TOKEN}\n");
        return config;
    }
}
