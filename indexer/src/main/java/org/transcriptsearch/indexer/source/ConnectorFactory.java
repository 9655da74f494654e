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

    SourceConnector create(SourceConfig config, ConnectorContext context);
}
