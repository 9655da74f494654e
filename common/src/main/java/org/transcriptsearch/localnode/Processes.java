package org.transcriptsearch.localnode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Small facts about processes on this machine. */
final class Processes {
    private static final boolean ROOT = detectRoot();

    private Processes() {
    }

    static boolean isRoot() {
        return ROOT;
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static Optional<Long> readPid(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String s = Files.readString(file).trim();
            return s.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(s));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean detectRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
