package org.transcriptsearch.indexer.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.transcriptsearch.indexer.cli.IndexerContext;

/**
 * The configuration file the demo harvests with: the three sources pointed at the sandbox, personal data
 * redacted (the sandbox's customers type some, as real ones do). Secrets are
 * written as {@code ${VARIABLE}} references and handed over in the environment only, like a real
 * deployment does, so the file can be read (and reused) without exposing anything.
 */
final class DemoConfig {
    static final String FILE = "transcripts-demo.yml";
    static final String PREFIX = "transcripts";
    static final List<String> SOURCES = List.of("cxone-demo", "kore-demo", "agentx-demo");

    /** One source block: the name, the vendor type and its keys (secrets as references). */
    record Source(String name, String type, Map<String, String> keys) {
    }

    private DemoConfig() {
    }

    static Path write(Path folder, DemoSandbox sandbox) {
        StringBuilder yaml = new StringBuilder()
                .append("# Written by `indexer.jar demo`: the three vendor sources served by the demo's sandbox.\n")
                .append("# Secrets come from the environment the demo passes to the harvest; none is stored here.\n")
                .append("# No elasticsearch section: ES_URL if set, else the embedded local node.\n")
                .append("index:\n  prefix: ").append(PREFIX).append('\n')
                .append("# Card numbers, phones, e-mail addresses, ids and IPs the customers typed are replaced by\n")
                .append("# placeholders ([CARD], [PHONE] ...) before anything is stored (README: Personal data).\n")
                .append("privacy:\n  redact: all\n")
                .append("sources:\n");
        for (Source s : sandbox.sources()) {
            yaml.append("  - name: ").append(s.name()).append('\n')
                    .append("    type: ").append(s.type()).append('\n');
            s.keys().forEach((k, v) -> yaml.append("    ").append(k).append(": ").append(quoted(v)).append('\n'));
        }
        Path file = folder.resolve(FILE);
        try {
            Files.createDirectories(folder);
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo configuration " + file, e);
        }
    }

    private static String quoted(String v) {
        return v.startsWith("${") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Messages in the messages alias now (0 before the first harvest). */
    static long messageCount(IndexerContext context) throws IOException {
        var es = context.elasticsearch();
        String alias = context.names().messages();
        es.client().indices().refresh(r -> r.index(alias));
        return es.client().count(c -> c.index(alias)).count();
    }
}
