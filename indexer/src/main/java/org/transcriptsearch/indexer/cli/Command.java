package org.transcriptsearch.indexer.cli;

/**
 * One indexer command ({@code setup}, {@code harvest} ...): a picocli {@code @Command} class whose options are
 * its annotated fields, filled in by {@link org.transcriptsearch.indexer.IndexerMain} before {@link #run}. Returns
 * the process exit code ({@link ExitCodes}).
 */
public interface Command {
    int run(IndexerContext context) throws Exception;
}
