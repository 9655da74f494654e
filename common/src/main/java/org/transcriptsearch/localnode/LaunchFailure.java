package org.transcriptsearch.localnode;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a node did not start, as its launcher printed it: the exception Elasticsearch failed to boot with
 * ({@code failed to obtain node locks ...}), the JVM's own refusal ({@code Too small maximum heap}, not
 * enough memory for the heap), or
 * the launcher's {@code ERROR:} line. A failed start then says what went wrong, not only where the logs are.
 */
final class LaunchFailure {
    /** Only the end of a launcher's output is read: the node's start-up lines come first, the failure last. */
    private static final int TAIL = 256 * 1024;
    private static final int LONGEST = 400;
    private static final String THROWABLE = "(?:[a-z][\\w$]*\\.)*([A-Z][\\w$]*(?:Exception|Error))(?::[ \\t]*([^\\n]*))?";
    private static final Pattern BOOT = Pattern.compile("fatal exception while booting Elasticsearch\\s*" + THROWABLE);
    private static final Pattern VM = Pattern.compile("Error occurred during initialization of VM\\s*\\n([^\\n]+)");
    /** The JVM's fatal-error report when the machine has not the memory the heap asks for. */
    private static final Pattern MEMORY = Pattern.compile("^# (There is insufficient memory[^\\n]*?)\\.?[ \\t]*\\n# ([^\\n]+)",
            Pattern.MULTILINE);
    private static final Pattern THROWN = Pattern.compile("^" + THROWABLE + "$", Pattern.MULTILINE);
    private static final Pattern LAUNCHER = Pattern.compile("^ERROR: ([^\\n]+)$", Pattern.MULTILINE);

    private LaunchFailure() {
    }

    /** The reason in {@code launcherOutput}'s end, if it holds one this recognises. */
    static Optional<String> in(Path launcherOutput) {
        try (RandomAccessFile f = new RandomAccessFile(launcherOutput.toFile(), "r")) {
            long from = Math.max(0, f.length() - TAIL);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            return in(new String(tail, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    static Optional<String> in(String output) {
        String text = output.replace("\r", "");
        Matcher m = BOOT.matcher(text);
        if (m.find()) {
            return Optional.of(shorten(thrown(m)));
        }
        m = VM.matcher(text);
        if (m.find()) {
            return Optional.of(shorten("the JVM did not start: " + m.group(1).strip()));
        }
        m = MEMORY.matcher(text);
        if (m.find()) {
            return Optional.of(shorten("the JVM did not start: " + m.group(1).strip() + ": " + m.group(2).strip()));
        }
        m = THROWN.matcher(text);
        if (m.find()) {
            return Optional.of(shorten(thrown(m)));
        }
        m = LAUNCHER.matcher(text);
        return m.find() ? Optional.of(shorten(m.group(1).strip())) : Optional.empty();
    }

    private static String thrown(Matcher m) {
        String message = m.group(2) == null ? "" : m.group(2).strip();
        return message.isEmpty() ? m.group(1) : m.group(1) + ": " + message;
    }

    private static String shorten(String reason) {
        return reason.length() <= LONGEST ? reason : reason.substring(0, LONGEST - 1) + "…";
    }
}
