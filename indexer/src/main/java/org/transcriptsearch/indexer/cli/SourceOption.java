package org.transcriptsearch.indexer.cli;

import java.util.List;
import org.transcriptsearch.config.AppConfig;
import org.transcriptsearch.config.SourceConfig;

/** What {@code --source NAME} (and a source named inside another option) refers to: a configured source. */
public final class SourceOption {
    private SourceOption() {
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
