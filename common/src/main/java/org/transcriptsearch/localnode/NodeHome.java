package org.transcriptsearch.localnode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * Where the embedded node's distribution, configuration, data and logs live.
 * {@code TRANSCRIPTS_HOME} if set; else {@code ~/.transcript-search}; as root
 * {@code /var/lib/transcript-search}, because the node then runs under an unprivileged uid that must be
 * able to reach its folders (and /root is closed to it).
 */
public record NodeHome(Path root) {
    public static NodeHome resolve(Map<String, String> env) {
        String configured = env.get("TRANSCRIPTS_HOME");
        Path root;
        if (configured != null && !configured.isBlank()) {
            root = Path.of(configured);
        } else if (Processes.isRoot()) {
            root = Path.of("/var/lib/transcript-search");
        } else {
            root = Path.of(System.getProperty("user.home"), ".transcript-search");
        }
        return new NodeHome(root.toAbsolutePath().normalize());
    }

    public Path distributions() {
        return root.resolve("dist");
    }

    /** The node that {@code local-es start} (or the first command that needs one) runs. */
    public Path sharedNode() {
        return root.resolve("node");
    }

    /** Nodes started for one test run each, removed when that run ends. */
    public Path testNodes() {
        return root.resolve("test-nodes");
    }

    /** Creates the folder (and parents) open for reading by others, as the unprivileged node needs. */
    public static Path createOpen(Path dir) {
        try {
            Files.createDirectories(dir);
            if (Processes.isRoot()) {
                Path p = dir;
                while (p != null && p.startsWith("/") && p.getNameCount() > 0) {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
                    if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                        if (p.startsWith(Path.of("/var/lib")) || isOurs(p)) {
                            perms.add(PosixFilePermission.OTHERS_EXECUTE);
                            perms.add(PosixFilePermission.OTHERS_READ);
                            Files.setPosixFilePermissions(p, perms);
                        } else {
                            throw new IllegalStateException("the folder " + p + " is closed to other users, so the "
                                    + "Elasticsearch node (which cannot run as root) cannot reach " + dir
                                    + ": set TRANSCRIPTS_HOME to a folder under an open path, e.g. /var/lib/transcript-search");
                        }
                    }
                    p = p.getParent();
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    private static boolean isOurs(Path p) {
        return p.toString().contains("transcript-search") || p.endsWith("test-nodes") || p.endsWith("dist");
    }
}
