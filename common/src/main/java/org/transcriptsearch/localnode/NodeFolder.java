package org.transcriptsearch.localnode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One node's folder and who may read what in it. Only the node's account (and root) can read its data,
 * logs, configuration and temporary files. As root the folder itself and {@code config/} stay root's
 * (the node reads them through its group) and only {@code data/}, {@code logs/} and {@code tmp/} are the
 * node's: root never writes there, never follows a link found there, and deletes them relative to open
 * folders, so a link the node's account plants cannot turn root's hand elsewhere.
 */
final class NodeFolder {
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path dir;
    private final NodeAccount account;

    NodeFolder(Path dir, NodeAccount account) {
        this.dir = dir;
        this.account = account;
    }

    Path dir() {
        return dir;
    }

    Path config() {
        return dir.resolve("config");
    }

    Path data() {
        return dir.resolve("data");
    }

    Path logs() {
        return dir.resolve("logs");
    }

    Path tmp() {
        return dir.resolve("tmp");
    }

    NodeAccount account() {
        return account;
    }

    /** Creates the folders with their owners and modes, taking back from the node what an earlier layout gave it. */
    void layOut() throws IOException {
        NodeHome.createOpen(dir.getParent());
        if (!account.separate()) {
            for (Path p : List.of(dir, config(), data(), logs(), tmp())) {
                Files.createDirectories(p);
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
            }
            return;
        }
        requireRootsOnly(dir.getParent());
        rootsDirectory(dir, "rwx--x---");
        if (!ownedBy(config(), 0)) {
            // The node's own under an earlier layout: what it holds cannot be trusted, so it is rebuilt.
            delete(config());
        }
        rootsDirectory(config(), "rwxr-x---");
        for (Path p : List.of(data(), logs(), tmp())) {
            nodesDirectory(p);
        }
    }

    /** Writes a file of root's (or the user's) with content only the owner, and as root the node's group, can read. */
    void write(Path file, String content, boolean nodeReads) throws IOException {
        requireTrusted(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.writeString(tmp, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        protect(tmp, nodeReads);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Gives a file of root's (in a folder of root's) its mode: owner only, plus the node's group where it must read it. */
    void protect(Path file, boolean nodeReads) throws IOException {
        requireTrusted(file.getParent());
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class, NOFOLLOW);
        boolean folder = view.readAttributes().isDirectory();
        String mode = folder ? (nodeReads && account.separate() ? "rwxr-x---" : "rwx------")
                : (nodeReads && account.separate() ? "rw-r-----" : "rw-------");
        if (account.separate()) {
            Files.setAttribute(file, "unix:gid", account.gid(), NOFOLLOW);
        }
        view.setPermissions(PosixFilePermissions.fromString(mode));
    }

    /** Whether {@code p} is a real folder or file (not a link) of this uid. */
    static boolean ownedBy(Path p, int uid) {
        try {
            return !Files.isSymbolicLink(p) && Files.exists(p, NOFOLLOW)
                    && (Integer) Files.getAttribute(p, "unix:uid", NOFOLLOW) == uid;
        } catch (IOException e) {
            return false;
        }
    }

    /** A folder root writes in: root's own, a real folder, and no one else may write into it. */
    private void rootsDirectory(Path p, String mode) throws IOException {
        ownDirectory(p, 0, mode, "neither root nor the node's uid " + account.uid());
    }

    /** A folder the node writes in: the node's own, a real folder, and nobody else's. */
    private void nodesDirectory(Path p) throws IOException {
        ownDirectory(p, account.uid(), "rwx------", "not to the node's uid " + account.uid());
    }

    /** Makes {@code p} a real folder owned by {@code uid} and the node's group, refusing links and strangers' folders. */
    private void ownDirectory(Path p, int uid, String mode, String whose) throws IOException {
        if (Files.isSymbolicLink(p)) {
            throw refused(p, "is a symbolic link");
        }
        if (!Files.isDirectory(p, NOFOLLOW)) {
            Files.createDirectory(p);
        }
        int owner = (Integer) Files.getAttribute(p, "unix:uid", NOFOLLOW);
        if (owner != 0 && owner != account.uid()) {
            throw refused(p, "belongs to uid " + owner + ", " + whose);
        }
        Files.setAttribute(p, "unix:uid", uid, NOFOLLOW);
        Files.setAttribute(p, "unix:gid", account.gid(), NOFOLLOW);
        Files.getFileAttributeView(p, PosixFileAttributeView.class, NOFOLLOW)
                .setPermissions(PosixFilePermissions.fromString(mode));
    }

    /**
     * As root, the folders above the node's must be root's alone: anyone who may rename entries there could
     * swap the node's folder for a link between root's checks and its writes.
     */
    static void requireRootsOnly(Path folder) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(folder, NOFOLLOW);
            int owner = (Integer) Files.getAttribute(folder, "unix:uid", NOFOLLOW);
            if (owner != 0 || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new LocalNodeException(folder + " belongs to uid " + owner + " (mode "
                        + PosixFilePermissions.toString(perms) + "): as root, TRANSCRIPTS_HOME must be a folder only root "
                        + "can write to, e.g. /var/lib/transcript-search");
            }
        } catch (IOException e) {
            throw new LocalNodeException("cannot check " + folder + ": " + e.getMessage(), e);
        }
    }

    private void requireTrusted(Path folder) throws IOException {
        if (account.separate() && !ownedBy(folder, 0)) {
            throw refused(folder, "is not a folder of root's");
        }
    }

    private static LocalNodeException refused(Path p, String why) {
        return new LocalNodeException(p + " " + why + ": refusing to use it, since the node's account could have placed it "
                + "there to make root write elsewhere; move it aside and start again");
    }

    /**
     * Deletes a tree without following any link in it: each folder is opened relative to its parent and
     * its entries removed through that open folder, so swapping a folder for a link meanwhile gains nothing.
     */
    static void delete(Path root) {
        try {
            if (!Files.exists(root, NOFOLLOW)) {
                return;
            }
            if (!Files.isDirectory(root, NOFOLLOW)) {
                Files.deleteIfExists(root);
                return;
            }
            try (DirectoryStream<Path> top = Files.newDirectoryStream(root.getParent())) {
                if (top instanceof SecureDirectoryStream<Path> parent) {
                    deleteIn(parent, root.getFileName());
                    return;
                }
            }
            throw new IOException("this platform cannot delete a folder safely (no openat)");
        } catch (IOException e) {
            // Left behind: the next run's clean-up tries again.
        }
    }

    private static void deleteIn(SecureDirectoryStream<Path> parent, Path name) throws IOException {
        boolean folder;
        try {
            folder = parent.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes().isDirectory();
        } catch (NoSuchFileException e) {
            return;
        }
        if (folder) {
            List<Path> entries = new ArrayList<>();
            try (SecureDirectoryStream<Path> child = parent.newDirectoryStream(name, NOFOLLOW)) {
                child.forEach(p -> entries.add(p.getFileName()));
                for (Path entry : entries) {
                    deleteIn(child, entry);
                }
            }
            parent.deleteDirectory(name);
        } else {
            parent.deleteFile(name);
        }
    }
}
