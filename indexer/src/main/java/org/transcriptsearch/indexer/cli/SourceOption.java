package org.transcriptsearch.indexer.cli;

import java.util.ArrayList;
import java.util.List;
import org.transcriptsearch.config.AppConfig;
import org.transcriptsearch.config.SourceConfig;
import picocli.CommandLine;

/** What {@code --source NAME} (and a source named inside another option) refers to: a configured source. */
public final class SourceOption {
    private SourceOption() {
    }

    /** {@code --source NAME}, repeatable, as a command's option ({@code @Mixin}): none named is every source. */
    public static final class Sources {
        @CommandLine.Option(names = "--source", paramLabel = "NAME",
                description = "a configured source; repeat for several (default: every source)")
        List<String> names = new ArrayList<>();

        public List<SourceConfig> select(AppConfig config) {
            return SourceOption.select(config, names);
        }
    }

    /** The named sources, each once, in the order named; every configured source when none is named. */
    public static List<SourceConfig> select(AppConfig config, List<String> names) {
        if (names.isEmpty()) {
            return config.sources();
        }
        return names.stream().distinct().map(n -> require(config, n, "--source")).toList();
    }

    /** The source called {@code name}, or a usage error naming {@code option} and the configured sources. */
    public static SourceConfig require(AppConfig config, String name, String option) {
        return config.source(name).orElseThrow(() -> new UsageException(option + " " + name
                + " is not a configured source (configured: " + (config.sources().isEmpty() ? "none"
                : String.join(", ", config.sources().stream().map(SourceConfig::name).toList())) + ")"));
    }
}
