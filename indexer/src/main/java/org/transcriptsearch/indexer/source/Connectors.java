package org.transcriptsearch.indexer.source;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.SourceConfig;

/** The vendor connectors on the class path, by {@code type}. */
public final class Connectors {
    private final Map<String, ConnectorFactory> byType = new TreeMap<>();

    private Connectors() {
    }

    public static Connectors installed() {
        Connectors c = new Connectors();
        ServiceLoader.load(ConnectorFactory.class).forEach(f -> c.byType.put(f.type(), f));
        return c;
    }

    public boolean supports(String type) {
        return byType.containsKey(type);
    }

    public java.util.Set<String> types() {
        return byType.keySet();
    }

    /** The streams of a source of this type (empty for an unknown type). */
    public java.util.List<String> streams(String type) {
        ConnectorFactory f = byType.get(type);
        return f == null ? java.util.List.of() : f.streams();
    }

    public SourceConnector create(SourceConfig config, ConnectorContext context) {
        ConnectorFactory f = byType.get(config.type());
        if (f == null) {
            throw new ConfigException(config.key("type") + " is '" + config.type() + "', which is not a known vendor (known: "
                    + String.join(", ", byType.keySet()) + ")");
        }
        return f.create(config.requireResolved(), context);
    }
}
