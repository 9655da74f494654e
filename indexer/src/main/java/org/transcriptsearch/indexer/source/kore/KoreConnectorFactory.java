package org.transcriptsearch.indexer.source.kore;

import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.ConnectorFactory;
import org.transcriptsearch.indexer.source.SourceConnector;

/** {@code type: kore}: Kore.ai XO Platform's conversation history API. */
public final class KoreConnectorFactory implements ConnectorFactory {
    @Override
    public String type() {
        return KoreMapper.VENDOR;
    }

    @Override
    public java.util.List<String> streams() {
        return java.util.List.of(KoreConnector.STREAM);
    }

    @Override
    public SourceConnector create(SourceConfig config, ConnectorContext context) {
        return new KoreConnector(config.name(), KoreSettings.read(config), context);
    }
}
