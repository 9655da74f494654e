package org.transcriptsearch.localnode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Small facts about processes on this machine, read from {@code /proc}. */
final class Processes {
    private static final boolean ROOT = currentUid() == 0;

    private Processes() {
    }

    static boolean isRoot() {
        return ROOT;
    }

    static int currentUid() {
        return uid(ProcessHandle.current().pid()).orElseGet(() -> "root".equals(System.getProperty("user.name")) ? 0 : -1);
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The real uid the process runs under (from {@code /proc/PID/status}). */
    static OptionalInt uid(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Uid:")) {
                    return OptionalInt.of(Integer.parseInt(line.substring(4).trim().split("\\s+")[0]));
                }
            }
            return OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * When the process started, in clock ticks after boot (field 22 of {@code /proc/PID/stat}). A pid is
     * reused once its process is gone; the pair pid and start time names one process for good.
     */
    static OptionalLong startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalLong.of(Long.parseLong(after[19]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The process's arguments, the program first; empty if it is gone (or a kernel thread). */
    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            List<String> args = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    args.add(new String(raw, from, i - from, StandardCharsets.UTF_8));
                    from = i + 1;
                }
            }
            return args;
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Whether this process holds the socket that listens on 127.0.0.1:{@code port} (or on every address). */
    static boolean listensOn(long pid, int port) {
        Set<String> sockets = listeningSockets(port);
        if (sockets.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException e) {
                    // Closed while we looked.
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code socket:[INODE]} of every socket listening on the port on 127.0.0.1 or every address, IPv4 or
     * IPv6 (a Java server's IPv4 socket often shows as {@code ::ffff:127.0.0.1} in {@code tcp6}).
     */
    private static Set<String> listeningSockets(int port) {
        String suffix = ":" + String.format(Locale.ROOT, "%04X", port);
        Set<String> addresses = Set.of("0100007F", "00000000", "0000000000000000FFFF00000100007F",
                "0000000000000000FFFF000000000000", "00000000000000000000000000000000");
        Set<String> found = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 9 && "0A".equals(f[3]) && f[1].endsWith(suffix)
                            && addresses.contains(f[1].substring(0, f[1].length() - suffix.length()))) {
                        found.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException e) {
                // No such table (IPv6 off): nothing listens there.
            }
        }
        return found;
    }

    /** The pid in a file written by a node, read without following a link that its account could have planted. */
    static Optional<Long> readPid(Path file) {
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate(32);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // A pid has at most 7 digits; more is not a pid file.
            }
            String s = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            return s.matches("[1-9]\\d{0,9}") ? Optional.of(Long.parseLong(s)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
