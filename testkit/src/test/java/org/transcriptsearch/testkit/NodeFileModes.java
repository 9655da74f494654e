package org.transcriptsearch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Checks on a started node's folder: nothing in it is readable by anyone but the node's uid and root. */
final class NodeFileModes {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private NodeFileModes() {
    }

    /** Returns the node's uid, after checking every entry of its folder. */
    static int assertClosedToOthers(Path dir) throws IOException {
        int node = (Integer) Files.getAttribute(dir.resolve("data"), "unix:uid", NOFOLLOW);
        int nodeGroup = (Integer) Files.getAttribute(dir.resolve("data"), "unix:gid", NOFOLLOW);
        int checked = 0;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, NOFOLLOW);
                String mode = PosixFilePermissions.toString(perms);
                assertFalse(perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_WRITE)
                        || perms.contains(PosixFilePermission.OTHERS_EXECUTE), p + " is open to others: " + mode);
                Path inside = dir.relativize(p);
                boolean nodesOwn = inside.getNameCount() > 0 && Set.of("data", "logs", "tmp").contains(inside.getName(0).toString());
                if (nodesOwn) {
                    assertEquals(node, Files.getAttribute(p, "unix:uid", NOFOLLOW), p + " owner");
                    assertEquals("---", mode.substring(3, 6), p + " is open to its group: " + mode);
                } else {
                    // The folder itself and config/: root's (or the user's), the node reads them through its own group.
                    assertFalse(perms.contains(PosixFilePermission.GROUP_WRITE), p + " is writable by its group: " + mode);
                    if (!"---".equals(mode.substring(3, 6))) {
                        assertEquals(nodeGroup, Files.getAttribute(p, "unix:gid", NOFOLLOW), p + " group");
                    }
                }
                checked++;
            }
        }
        assertTrue(checked > 20, "only " + checked + " entries under " + dir);
        if (node != 0 && isRoot()) {
            assertEquals(2, getent("passwd", node), "the node's uid " + node + " is an account in the passwd database");
            assertEquals(2, getent("group", nodeGroup), "the node's gid " + nodeGroup + " is a group in the group database");
        }
        return node;
    }

    static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int getent(String database, int id) {
        try {
            Process p = new ProcessBuilder("getent", database, Integer.toString(id)).start();
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("getent failed", e);
        }
    }
}
