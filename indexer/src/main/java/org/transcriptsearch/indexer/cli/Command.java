package org.transcriptsearch.indexer.cli;

import java.util.Set;

/** One indexer command ({@code setup}, {@code harvest} ...). Returns the process exit code. */
public interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** The synopsis after {@code indexer.jar [--config FILE]}, e.g. {@code harvest [--source NAME]...}. */
    String usage();

    /** More than the summary for {@code COMMAND --help}: what it does, its options, its exit codes; empty if nothing more. */
    default String help() {
        return "";
    }

    default Set<String> flags() {
        return Set.of();
    }

    default Set<String> valuedOptions() {
        return Set.of();
    }

    int run(Arguments args, IndexerContext context) throws Exception;
}
