package org.transcriptsearch.indexer.source.agentx;

import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.ConnectorFactory;
import org.transcriptsearch.indexer.source.SourceConnector;

/** {@code type: agentx}: AgentX Support's (DeepConverse) conversation export API. */
public final class AgentxConnectorFactory implements ConnectorFactory {
    @Override
    public String type() {
        return AgentxMapper.VENDOR;
    }

    @Override
    public java.util.List<String> streams() {
        return java.util.List.of(AgentxMapper.MESSAGES, AgentxMapper.CONVERSATIONS);
    }

    @Override
    public SourceConnector create(SourceConfig config, ConnectorContext context) {
        return new AgentxConnector(config.name(), AgentxSettings.read(config), context);
    }
}
