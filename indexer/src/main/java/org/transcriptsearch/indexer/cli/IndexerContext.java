package org.transcriptsearch.indexer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transcriptsearch.config.AppConfig;
import org.transcriptsearch.config.ConfigFile;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.elastic.IndexTemplates;
import org.transcriptsearch.privacy.PiiRedaction;
import org.transcriptsearch.secrets.Redactor;

/**
 * What every command shares: the console, the environment, the configuration (read once, on first use)
 * and the Elasticsearch connection (opened once, on first use; the embedded node is started if need be).
 */
public final class IndexerContext implements AutoCloseable {
    /** Looked for in the working directory when no {@code --config} is given. */
    public static final String DEFAULT_CONFIG = "transcripts.yml";

    private final Console console;
    private final Map<String, String> env;
    private final Optional<Path> configPath;
    private AppConfig config;
    private ElasticsearchConnection connection;

    public IndexerContext(Console console, Map<String, String> env, Optional<Path> configPath) {
        this.console = console;
        this.env = env;
        this.configPath = configPath;
    }

    public Console console() {
        return console;
    }

    public Map<String, String> env() {
        return env;
    }

    /** The configuration file in use, if any (--config, else ./transcripts.yml when present). */
    public Optional<Path> configFile() {
        if (configPath.isPresent()) {
            return configPath;
        }
        Path local = Path.of(DEFAULT_CONFIG);
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    public synchronized AppConfig config() {
        if (config == null) {
            config = configFile().map(p -> ConfigFile.load(p, env)).orElseGet(() -> AppConfig.fromEnvironmentOnly(env));
            Redactor redactor = console.redactor().with(secretsOf(config));
            if (config.privacy().enabled()) {
                // a vendor value quoted in an error, a log line or a run record is redacted like a message
                redactor = redactor.withPersonalData(new PiiRedaction(config.privacy()));
            }
            console.redactWith(redactor);
        }
        return config;
    }

    public IndexNames names() {
        return new IndexNames(config().index().prefix());
    }

    public IndexTemplates templates() {
        return IndexTemplates.forCluster(config().index(), elasticsearch().embedded());
    }

    /** The connection, ready (cluster health yellow or better). */
    public synchronized ElasticsearchConnection elasticsearch() {
        if (connection == null) {
            ElasticsearchSettings settings = config().elasticsearch();
            connection = ElasticsearchConnection.open(settings, console::note);
            connection.awaitReady(readinessWait());
        }
        return connection;
    }

    /** How long to wait for cluster health: TRANSCRIPTS_ES_WAIT seconds, default 60. */
    private Duration readinessWait() {
        String s = env.get("TRANSCRIPTS_ES_WAIT");
        return s != null && s.matches("\\d{1,4}") ? Duration.ofSeconds(Integer.parseInt(s)) : Duration.ofSeconds(60);
    }

    /** Every configured secret value, so the console can mask it wherever it might appear. */
    private static List<String> secretsOf(AppConfig config) {
        List<String> secrets = new ArrayList<>();
        secrets.add(config.elasticsearch().apiKey());
        secrets.add(config.elasticsearch().password());
        config.sources().forEach(s -> s.settings().forEach((k, v) -> {
            if (ConfigFile.SECRET_KEYS.contains(k) && v != null) {
                secrets.add(String.valueOf(v));
            }
        }));
        return secrets;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
