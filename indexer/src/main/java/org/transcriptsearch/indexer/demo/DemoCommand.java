package org.transcriptsearch.indexer.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.indexer.IndexerMain;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.ExitCodes;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.localnode.LocalNode;
import org.transcriptsearch.localnode.NodeHome;
import picocli.CommandLine;
import picocli.CommandLine.Help.Visibility;

/**
 * {@code demo}: the whole product on this machine in one command. Starts (or reuses) the embedded node,
 * installs the templates, serves the three vendors' APIs from the sandbox, harvests them with the real
 * harvest command, starts the search API and prints searches that were just checked to find something.
 * Runs until Ctrl-C, then stops what it started (never a node that was already running).
 */
@CommandLine.Command(name = "demo",
        header = "the whole product on this machine: local Elasticsearch, a vendor sandbox, a harvest and the search "
                + "API on http://localhost:8080 (Ctrl-C stops it)",
        description = "Starts (or reuses) the embedded Elasticsearch node, installs the templates, serves the three "
                + "vendors' APIs from a sandbox with bundled multilingual conversations, harvests them, starts the "
                + "search API and prints searches to try. Runs until Ctrl-C, then stops what it started (never a node "
                + "that was already running). With ES_URL set, that cluster is used instead and left running.",
        exitCodeList = {ExitCodes.FAILED, ExitCodes.USAGE,
            "130:stopped by Ctrl-C (SIGINT), the usual way to end it", "143:stopped by SIGTERM"})
public final class DemoCommand implements Command {
    static final int DEFAULT_PORT = 8080;
    /** Exit code when Ctrl-C arrived before the demo was up (128 + SIGINT, as shells report it). */
    private static final int STOPPED = 130;

    @CommandLine.Option(names = "--port", paramLabel = "N", defaultValue = "" + DEFAULT_PORT,
            showDefaultValue = Visibility.ALWAYS,
            description = "the search API's port; 0: any free port (a taken port is replaced by a free one, said so)")
    int wantedPort;

    @Override
    public int run(IndexerContext context) throws Exception {
        if (wantedPort < 0 || wantedPort > 65535) {
            throw new UsageException("--port must be a port number 0..65535 (0: any free port), was " + wantedPort);
        }
        Console console = context.console();
        Map<String, String> env = context.env();
        Path folder = NodeHome.resolve(env).root().resolve("demo");

        DemoSession session = new DemoSession(console);
        CountDownLatch stopRequested = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            stopRequested.countDown();
            session.close();
        }, "demo-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            startElasticsearch(console, env, session);
            DemoSandbox sandbox = DemoSandbox.start(folder, console);
            session.started(sandbox::stop);

            Map<String, String> demoEnv = new HashMap<>(env);
            demoEnv.putAll(sandbox.secrets());
            if (session.closed()) {
                return STOPPED;
            }
            Path config = DemoConfig.write(folder, sandbox);
            console.redactWith(console.redactor().with(sandbox.secrets().values()));
            long before;
            long after;
            try (IndexerContext demo = new IndexerContext(console, demoEnv, Optional.of(config))) {
                console.note("Installing the index templates ...");
                new SchemaSetup(demo.elasticsearch(), demo.templates()).apply();
                before = DemoConfig.messageCount(demo);
                console.note("Harvesting the three vendor APIs (" + String.join(", ", DemoConfig.SOURCES) + ") ...");
                int harvested = IndexerMain.run(List.of("--config", config.toString(), "harvest"), console, demoEnv);
                if (harvested != 0) {
                    console.error("the harvest did not finish (exit " + harvested + "); the demo goes on with what "
                            + "was indexed");
                }
                after = DemoConfig.messageCount(demo);
            }
            if (before > 0 && after == before) {
                console.note(String.format("Nothing new: the incremental harvest found no new messages; the %,d "
                        + "messages indexed by an earlier demo run are reused.", after));
            } else {
                console.note(String.format("Indexed %,d new messages (%,d in all).", after - before, after));
            }

            if (session.closed()) {
                return STOPPED;
            }
            int port = freeOrAny(wantedPort, console);
            DemoSearchApi api = DemoSearchApi.start(port, env);
            session.started(api::stop);
            DemoExamples tries = new DemoExamples(api.loopbackUrl(), api.key());
            List<DemoExamples.Example> examples = tries.find();
            DemoGuide.print(console, api.url(), examples, tries.conversations(), after, folder, api.key().isPresent());
            stopRequested.await();
            return 0;
        } finally {
            session.close();
            removeHook(onSignal);
        }
    }

    private static void startElasticsearch(Console console, Map<String, String> env, DemoSession session) {
        ElasticsearchSettings settings = ElasticsearchSettings.fromEnvironment(env);
        if (!settings.embedded()) {
            console.note("Using the Elasticsearch at " + settings.url() + " (ES_URL); the demo leaves it running.");
            return;
        }
        LocalNode node = new LocalNode(NodeHome.resolve(env), env);
        LocalNode.Status status = node.status();
        if (status.running()) {
            console.note("Reusing the Elasticsearch node already running at " + status.url()
                    + "; the demo leaves it running.");
            return;
        }
        LocalNode.Status started = node.start(console::note);
        console.note("Elasticsearch is up at " + started.url() + " (data in " + started.data() + ").");
        session.started(node::stop);
    }

    /** The wanted port if it is free; else a free one, said so. */
    private static int freeOrAny(int wanted, Console console) {
        if (wanted == 0) {
            return 0;
        }
        try (ServerSocket probe = new ServerSocket(wanted, 1, InetAddress.getLoopbackAddress())) {
            return wanted;
        } catch (IOException taken) {
            console.note("Port " + wanted + " is taken by another program: the search API uses a free port instead "
                    + "(--port N chooses one).");
            return 0;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already running its shutdown hooks (Ctrl-C): this hook is one of them and has done its work.
            return;
        }
    }
}
