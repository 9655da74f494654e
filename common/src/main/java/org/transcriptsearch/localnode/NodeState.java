package org.transcriptsearch.localnode;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What {@code node.properties} records about the running shared node: where it answers, and the process
 * it is (pid, start time, a digest of its command line), so that a later command can tell it from
 * whatever has that pid or that port by then.
 */
record NodeState(String url, int port, long pid, long pidStart, String commandDigest, String cluster) {

    /** The state of the node just started as {@code pid}; empty if that process is already gone. */
    static Optional<NodeState> of(String url, int port, long pid, String cluster) {
        OptionalLong started = Processes.startTime(pid);
        return started.isPresent()
                ? Optional.of(new NodeState(url, port, pid, started.getAsLong(), commandDigest(pid), cluster))
                : Optional.empty();
    }

    /** The recorded process is still the one alive under this pid (same start time and command line). */
    boolean sameProcess() {
        OptionalLong started = Processes.startTime(pid);
        return started.isPresent() && started.getAsLong() == pidStart && commandDigest.equals(commandDigest(pid));
    }

    /** The state in {@code file}, if {@code owner} wrote it (a file anyone else could have made is ignored). */
    static Optional<NodeState> read(Path file, int owner) {
        if (!NodeFolder.ownedBy(file, owner) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties p = new Properties();
            p.load(in);
            return Optional.of(new NodeState(p.getProperty("url"), Integer.parseInt(p.getProperty("port")),
                    Long.parseLong(p.getProperty("pid")), Long.parseLong(p.getProperty("pid.start")),
                    p.getProperty("command.sha256"), p.getProperty("cluster")))
                    .filter(s -> s.url() != null && s.commandDigest() != null && s.cluster() != null);
        } catch (IOException | RuntimeException e) {
            // Unreadable or from an earlier version: no node is known to run.
            return Optional.empty();
        }
    }

    void write(NodeFolder folder, Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("url", url);
        p.setProperty("port", Integer.toString(port));
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("pid.start", Long.toString(pidStart));
        p.setProperty("command.sha256", commandDigest);
        p.setProperty("cluster", cluster);
        p.setProperty("version", Distribution.ES_VERSION);
        p.setProperty("started", Instant.now().toString());
        StringWriter out = new StringWriter();
        p.store(out, "transcript-search local Elasticsearch node");
        folder.write(file, out.toString(), false);
    }

    private static String commandDigest(long pid) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String arg : Processes.commandLine(pid)) {
                md.update(arg.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
