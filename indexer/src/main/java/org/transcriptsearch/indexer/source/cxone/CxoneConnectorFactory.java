package org.transcriptsearch.indexer.source.cxone;

import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.ConnectorFactory;
import org.transcriptsearch.indexer.source.SourceConnector;

/** {@code type: cxone}: NICE CXone Bot Builder's conversations export. */
public final class CxoneConnectorFactory implements ConnectorFactory {
    @Override
    public String type() {
        return CxoneConnector.VENDOR;
    }

    @Override
    public java.util.List<String> streams() {
        return java.util.List.of(CxoneConnector.STREAM);
    }

    @Override
    public SourceConnector create(SourceConfig config, ConnectorContext context) {
        return new CxoneConnector(config.name(), CxoneSettings.read(config), context);
    }
}
