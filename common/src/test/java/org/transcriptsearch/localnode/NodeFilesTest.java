package org.transcriptsearch.localnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * As root (as CI runs): the node's uid is nobody's, its files are closed to everyone else, and root
 * never follows a link the node's account could have planted in its tree.
 */
class NodeFilesTest {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
    private Path home;
    private Path victim;

    @BeforeEach
    void asRoot() throws IOException {
        assumeTrue(Processes.isRoot(), "these checks are about what root does; CI runs as root");
        home = Files.createTempDirectory("transcript-search-files-");
        victim = Files.createTempDirectory("transcript-search-victim-");
        Files.writeString(victim.resolve("secret"), "root's own\n");
        Files.setPosixFilePermissions(victim.resolve("secret"), PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (Path p : new Path[] {home, victim}) {
            if (p != null) {
                new ProcessBuilder("rm", "-rf", p.toString()).start().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theNodesUidIsInNoDatabaseAndStaysTheSameForItsHome() throws Exception {
        NodeAccount account = NodeAccount.of(new NodeHome(home));
        assertTrue(account.separate());
        assertNotEquals(0, account.uid());
        assertEquals(2, getent("passwd", account.uid()), "uid " + account.uid() + " is an account");
        assertEquals(2, getent("group", account.gid()), "gid " + account.gid() + " is a group");
        assertEquals(account, NodeAccount.of(new NodeHome(home)), "another process must find the same uid");
        assertEquals(0, Files.getAttribute(home.resolve(NodeAccount.FILE), "unix:uid", NOFOLLOW));
    }

    @Test
    void startsRacingOnAFreshHomeAllGetTheSameUid() throws Exception {
        List<CompletableFuture<NodeAccount>> racing = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racing.add(CompletableFuture.supplyAsync(() -> NodeAccount.of(new NodeHome(home))));
        }
        Set<NodeAccount> chosen = new HashSet<>();
        for (CompletableFuture<NodeAccount> f : racing) {
            chosen.add(f.get(60, TimeUnit.SECONDS));
        }
        assertEquals(1, chosen.size(), "chosen: " + chosen);
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(NodeAccount.FILE), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aRecordedUidThatIsNowAnAccountIsRefused() throws Exception {
        Files.writeString(home.resolve(NodeAccount.FILE), "uid=1\n");
        String name = new String(new ProcessBuilder("getent", "passwd", "1").start().getInputStream().readAllBytes())
                .split(":")[0];
        LocalNodeException e = assertThrows(LocalNodeException.class, () -> NodeAccount.of(new NodeHome(home)));
        assertTrue(e.getMessage().contains("'" + name + "'") && e.getMessage().contains(NodeAccount.FILE), e.getMessage());
    }

    @Test
    void dataLogsConfigAndTempAreClosedToEveryoneButTheNode() throws Exception {
        NodeAccount account = NodeAccount.of(new NodeHome(home));
        NodeFolder folder = new NodeFolder(home.resolve("node"), account);
        folder.layOut();
        folder.write(folder.config().resolve("elasticsearch.yml"), "cluster.name: x\n", true);
        folder.write(folder.dir().resolve("node.properties"), "pid=1\n", false);

        assertMode(folder.dir(), 0, account.gid(), "rwx--x---");
        assertMode(folder.config(), 0, account.gid(), "rwxr-x---");
        assertMode(folder.config().resolve("elasticsearch.yml"), 0, account.gid(), "rw-r-----");
        assertMode(folder.dir().resolve("node.properties"), 0, account.gid(), "rw-------");
        for (Path p : new Path[] {folder.data(), folder.logs(), folder.tmp()}) {
            assertMode(p, account.uid(), account.gid(), "rwx------");
        }
    }

    @Test
    void aLinkPlantedInPlaceOfTheLogsFolderIsRefused() throws Exception {
        NodeAccount account = NodeAccount.of(new NodeHome(home));
        NodeFolder folder = new NodeFolder(home.resolve("node"), account);
        folder.layOut();
        Files.delete(folder.logs());
        Files.createSymbolicLink(folder.logs(), victim);

        LocalNodeException e = assertThrows(LocalNodeException.class, folder::layOut);
        assertTrue(e.getMessage().contains(folder.logs() + " is a symbolic link"), e.getMessage());
        assertUntouched();
    }

    @Test
    void whatAnEarlierLayoutGaveTheNodeIsTakenBackWithoutFollowingItsLinks() throws Exception {
        NodeAccount account = NodeAccount.of(new NodeHome(home));
        NodeFolder folder = new NodeFolder(home.resolve("node"), account);
        // Earlier versions gave the node the whole folder: it could have planted links anywhere in it.
        Files.createDirectories(folder.config());
        Files.createDirectories(folder.data());
        Files.createSymbolicLink(folder.config().resolve("elasticsearch.yml"), victim.resolve("secret"));
        Files.createSymbolicLink(folder.dir().resolve("node.properties"), victim.resolve("secret"));
        new ProcessBuilder("chown", "-hR", account.uid() + ":" + account.gid(), folder.dir().toString())
                .start().waitFor(30, TimeUnit.SECONDS);

        folder.layOut();
        folder.write(folder.config().resolve("elasticsearch.yml"), "cluster.name: x\n", true);
        folder.write(folder.dir().resolve("node.properties"), "pid=1\n", false);

        assertUntouched();
        assertMode(folder.dir(), 0, account.gid(), "rwx--x---");
        assertMode(folder.config(), 0, account.gid(), "rwxr-x---");
        assertFalse(Files.isSymbolicLink(folder.config().resolve("elasticsearch.yml")));
        assertFalse(Files.isSymbolicLink(folder.dir().resolve("node.properties")));
    }

    @Test
    void aHomeSomeoneElseCanWriteToIsRefused() throws Exception {
        NodeAccount account = NodeAccount.of(new NodeHome(home));
        Path shared = Files.createDirectories(home.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        LocalNodeException e = assertThrows(LocalNodeException.class,
                () -> new NodeFolder(shared.resolve("node"), account).layOut());
        assertTrue(e.getMessage().contains("TRANSCRIPTS_HOME must be a folder only root can write to"), e.getMessage());

        Path someones = Files.createDirectories(home.resolve("someones"));
        Files.setAttribute(someones, "unix:uid", 1);
        e = assertThrows(LocalNodeException.class, () -> NodeAccount.of(new NodeHome(someones)));
        assertTrue(e.getMessage().contains(someones + " belongs to uid 1"), e.getMessage());
        assertFalse(Files.exists(someones.resolve(NodeAccount.FILE)));
    }

    @Test
    void aTreeIsDeletedWithoutFollowingTheLinksInIt() throws Exception {
        Path tree = Files.createDirectories(home.resolve("test-nodes/1-abc/data/sub"));
        Files.createSymbolicLink(tree.resolve("to-folder"), victim);
        Files.createSymbolicLink(tree.resolve("to-file"), victim.resolve("secret"));
        Files.createSymbolicLink(tree.getParent().resolve("sub-link"), victim);

        NodeFolder.delete(home.resolve("test-nodes/1-abc"));

        assertFalse(Files.exists(home.resolve("test-nodes/1-abc"), NOFOLLOW));
        assertUntouched();
    }

    private void assertUntouched() throws IOException {
        assertTrue(Files.isDirectory(victim, NOFOLLOW));
        assertEquals("root's own\n", Files.readString(victim.resolve("secret")));
        assertEquals(0, Files.getAttribute(victim, "unix:uid", NOFOLLOW));
        assertEquals(0, Files.getAttribute(victim.resolve("secret"), "unix:uid", NOFOLLOW));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim.resolve("secret"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(victim)));
    }

    private static void assertMode(Path p, int uid, int gid, String mode) throws IOException {
        assertFalse(Files.isSymbolicLink(p), p + " is a link");
        assertEquals(uid, Files.getAttribute(p, "unix:uid", NOFOLLOW), p + " owner");
        assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(p, NOFOLLOW)), p + " mode");
        if (mode.charAt(3) != '-' || mode.charAt(5) != '-') {
            assertEquals(gid, Files.getAttribute(p, "unix:gid", NOFOLLOW), p + " group");
        }
    }

    private static int getent(String database, int id) throws Exception {
        Process p = new ProcessBuilder("getent", database, Integer.toString(id)).start();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.exitValue();
    }
}
