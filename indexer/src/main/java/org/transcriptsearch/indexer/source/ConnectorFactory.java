package org.transcriptsearch.indexer.source;

import org.transcriptsearch.config.SourceConfig;

/**
 * Creates a vendor's connector from a source's configuration. One implementation per vendor type,
 * registered in {@code META-INF/services/org.transcriptsearch.indexer.source.ConnectorFactory}.
 * {@link #create} validates the vendor's settings into its own settings record (use
 * {@link SourceSettings}) and throws a {@link org.transcriptsearch.config.ConfigException} listing
 * every problem at once.
 */
public interface ConnectorFactory {
    /** The {@code type:} value in the config file: {@code cxone}, {@code kore}, {@code agentx}. */
    String type();

    /**
     * The streams its connectors keep checkpoints for (what {@link SourceConnector#streams()} answers),
     * known without settings or secrets: {@code status} and {@code rebuild} need them, not the vendor.
     */
    java.util.List<String> streams();

    SourceConnector create(SourceConfig config, ConnectorContext context);
}
