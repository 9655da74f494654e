package org.transcriptsearch.localnode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The uid (and gid, the same number) a node runs under. For a user, their own. As root (Elasticsearch
 * refuses root), an id that no account in the passwd database holds, no group in the group database and
 * no running process, chosen once per node home and kept in {@code node-account} there, so the node's
 * files keep their owner across starts. A fixed id could be a real account on some machine, which
 * would then own every transcript.
 */
record NodeAccount(int uid, int gid, boolean separate) {
    static final String FILE = "node-account";
    private static final int LOWEST = 20_000;
    private static final int SPAN = 40_000;

    /** The invoking user's own account (a user's node needs no other). */
    static NodeAccount invokingUser() {
        int uid = Processes.currentUid();
        return new NodeAccount(uid, uid, false);
    }

    /** The account recorded for this home, if a node was ever prepared there (the user's own when not root). */
    static Optional<NodeAccount> recorded(NodeHome home) {
        if (!Processes.isRoot()) {
            return Optional.of(invokingUser());
        }
        return read(home.root().resolve(FILE)).map(id -> new NodeAccount(id, id, true));
    }

    /** The account of this home's nodes, chosen (and recorded) on first use as root, checked against passwd. */
    static NodeAccount of(NodeHome home) {
        if (!Processes.isRoot()) {
            return invokingUser();
        }
        Path file = home.root().resolve(FILE);
        NodeFolder.requireRootsOnly(NodeHome.createOpen(home.root()));
        Optional<Integer> recorded = read(file);
        if (recorded.isEmpty()) {
            record(file, choose(home));
            recorded = read(file);
        }
        int id = recorded.orElseThrow(() -> new LocalNodeException(file + " holds no uid: remove it, and the next start "
                + "chooses one"));
        Optional<String> holder = holder(id);
        if (holder.isPresent()) {
            throw new LocalNodeException("the node's uid " + id + " (recorded in " + file + ") now belongs to " + holder.get()
                    + ", which could read the node's data: stop the node, move " + home.sharedNode() + " aside and "
                    + "remove " + file + "; the next start chooses a free uid");
        }
        return new NodeAccount(id, id, true);
    }

    /** Who holds this id in the passwd or group database, if anyone ("the account 'x'"). */
    static Optional<String> holder(int id) {
        Optional<String> user = lookup("passwd", id);
        if (user.isPresent()) {
            return Optional.of("the account '" + user.get() + "'");
        }
        return lookup("group", id).map(g -> "the group '" + g + "'");
    }

    private static int choose(NodeHome home) {
        // A node home made by an earlier version kept its data under the then fixed id: keep it if it is free.
        Optional<Integer> earlier = ownerOf(home.sharedNode().resolve("data"));
        if (earlier.isPresent() && earlier.get() != 0 && holder(earlier.get()).isEmpty() && !inUse(earlier.get())) {
            return earlier.get();
        }
        SecureRandom random = new SecureRandom();
        for (int tries = 0; tries < 200; tries++) {
            int id = LOWEST + random.nextInt(SPAN);
            if (holder(id).isEmpty() && !inUse(id)) {
                return id;
            }
        }
        throw new LocalNodeException("no free uid found between " + LOWEST + " and " + (LOWEST + SPAN) + " for the "
                + "Elasticsearch node (it cannot run as root)");
    }

    private static Optional<Integer> ownerOf(Path p) {
        try {
            return Optional.of((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether a running process has this uid (one with no passwd entry still owns its files). */
    private static boolean inUse(int uid) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .anyMatch(p -> Processes.uid(Long.parseLong(p.getFileName().toString())).orElse(-1) == uid);
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Integer> read(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || ownerOf(file).orElse(-1) != 0) {
                throw new LocalNodeException(file + " is not a plain file owned by root: refusing to run the node under "
                        + "the uid it names; remove it, and the next start chooses one");
            }
            String s = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (!s.matches("uid=[1-9]\\d{0,9}")) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(s.substring(4)));
        } catch (IOException | NumberFormatException e) {
            throw new LocalNodeException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void record(Path file, int id) {
        Path draft = file.resolveSibling(FILE + "." + ProcessHandle.current().pid() + "." + System.nanoTime());
        try {
            Files.writeString(draft, "uid=" + id + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.setPosixFilePermissions(draft, PosixFilePermissions.fromString("rw-r--r--"));
            // A hard link appears whole or not at all, and fails on anything already there: a start racing this
            // one either sees no file or this whole one.
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException e) {
            // Another process recorded its choice first: that one is used.
        } catch (IOException e) {
            throw new LocalNodeException("cannot write " + file + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(draft);
            } catch (IOException e) {
                // A stray draft beside the file changes nothing.
            }
        }
    }

    /** The name {@code getent} gives the id in this database (NSS: files, LDAP, ...), if any. */
    private static Optional<String> lookup(String database, int id) {
        try {
            Process p = new ProcessBuilder("getent", database, Integer.toString(id))
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LocalNodeException("getent " + database + " " + id + " did not answer within 10 s");
            }
            return switch (p.exitValue()) {
                case 0 -> Optional.of(out.split(":", 2)[0]);
                case 2 -> Optional.empty();
                default -> throw new LocalNodeException("getent " + database + " " + id + " failed: " + out);
            };
        } catch (IOException e) {
            return lookupInFile(Path.of("/etc", database), id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalNodeException("interrupted while looking up uid " + id);
        }
    }

    /** Without {@code getent}: the local file alone. */
    private static Optional<String> lookupInFile(Path file, int id) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().map(l -> l.split(":"))
                    .filter(f -> f.length > 2 && f[2].equals(Integer.toString(id)))
                    .map(f -> f[0]).findFirst();
        } catch (IOException e) {
            throw new LocalNodeException("cannot check uid " + id + " against " + file + ": " + e.getMessage());
        }
    }
}
