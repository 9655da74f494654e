package org.transcriptsearch.indexer.metrics;

import java.util.Optional;
import org.transcriptsearch.indexer.cli.UsageException;

/**
 * Where {@code harvest --watch} serves its metrics: {@code --metrics-port N} (0: a free port, printed) on
 * {@code --metrics-host ADDR} (default 127.0.0.1; 0.0.0.0 in a container a scraper reaches from outside).
 * Without {@code --metrics-port} no port is opened.
 */
public record MetricsOptions(String host, int port) {
    public static final String PORT = "--metrics-port";
    public static final String HOST = "--metrics-host";
    public static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * The options as typed; empty without {@code --metrics-port}. Metrics are served only by {@code --watch}: a
     * single run ends before a scraper would look.
     *
     * @throws UsageException naming the option that is wrong
     */
    public static Optional<MetricsOptions> parse(Optional<String> port, Optional<String> host, boolean watch) {
        if (port.isEmpty()) {
            if (host.isPresent()) {
                throw new UsageException(HOST + " needs " + PORT + " N");
            }
            return Optional.empty();
        }
        if (!watch) {
            throw new UsageException(PORT + " needs --watch: metrics are served while the watch loop runs "
                    + "(a single run ends before a scraper would look)");
        }
        String p = port.get().trim();
        int number;
        try {
            number = p.matches("[0-9]{1,5}") ? Integer.parseInt(p) : -1;
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > 65535) {
            throw new UsageException(PORT + " must be a port number 0..65535 (0 picks a free one), not '"
                    + (p.length() > 40 ? p.substring(0, 40) + "..." : p) + "'");
        }
        String h = host.map(String::trim).orElse(DEFAULT_HOST);
        if (h.isEmpty() || h.contains("/") || h.contains(" ")) {
            throw new UsageException(HOST + " must be a host name or an IP address to listen on, such as "
                    + DEFAULT_HOST + " or 0.0.0.0");
        }
        return Optional.of(new MetricsOptions(h, number));
    }
}
