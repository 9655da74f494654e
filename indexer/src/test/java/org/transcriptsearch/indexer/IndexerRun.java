package org.transcriptsearch.indexer;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.secrets.Redactor;

/** One command through the CLI's entry point in this JVM, with {@code env} as its whole environment. */
public record IndexerRun(int exit, String out, String err) {

    public static IndexerRun run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Redactor.none(), false);
        int exit = IndexerMain.run(List.of(args), console, env);
        return new IndexerRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public String all() {
        return out + err;
    }
}
