package org.transcriptsearch.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.localnode.EphemeralNode;
import org.transcriptsearch.localnode.NodeHome;

/**
 * Gives a test class a real Elasticsearch, chosen once per test run (JVM):
 * {@code ES_URL} if set (a disposable cluster: tests delete their indices there); else a Testcontainers
 * Elasticsearch with the analysis plugin when a Docker engine answers; else a throw-away embedded node
 * that dies with the JVM, even on SIGKILL. Each test class starts from a wiped cluster.
 *
 * <pre>
 * &#64;ExtendWith(ElasticsearchExtension.class)
 * class SearchIT {
 *     &#64;Test void finds(TestElasticsearch es) { ... }
 * }
 * </pre>
 */
public final class ElasticsearchExtension implements BeforeAllCallback, ParameterResolver {
    private static TestElasticsearch shared;

    @Override
    public void beforeAll(ExtensionContext context) {
        TestElasticsearch es = get();
        es.embeddedNode().ifPresent(node -> {
            if (!node.running()) {
                node.restart();
            }
        });
        es.connection().awaitReady(Duration.ofSeconds(120));
        es.wipe();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestElasticsearch.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return get();
    }

    /** The run's Elasticsearch, started on first use. */
    public static synchronized TestElasticsearch get() {
        if (shared == null) {
            shared = start(System.getenv());
        }
        return shared;
    }

    private static TestElasticsearch start(Map<String, String> env) {
        String url = env.get("ES_URL");
        if (url != null && !url.isBlank()) {
            return new TestElasticsearch("ES_URL", ElasticsearchSettings.fromEnvironment(env), null);
        }
        if (ContainerElasticsearch.dockerAvailable()) {
            return new TestElasticsearch("testcontainers",
                    new ElasticsearchSettings(ContainerElasticsearch.start(pluginZip()), null, null, null, null), null);
        }
        EphemeralNode node = EphemeralNode.start(NodeHome.resolve(env), env, line -> System.err.println("[testkit] " + line));
        return new TestElasticsearch("embedded", new ElasticsearchSettings(node.url(), null, null, null, null), node);
    }

    private static Path pluginZip() {
        String p = System.getProperty("transcripts.plugin.zip");
        if (p == null || p.isBlank() || p.startsWith("${")) {
            throw new IllegalStateException("transcripts.plugin.zip is not set: run the tests through Maven (mvn verify)");
        }
        return Path.of(p);
    }
}
