package org.transcriptsearch.indexer.cli;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as requests to stop cleanly: the first calls the handler (the work in hand finishes
 * and its lease is given back); a second one ends the process at once, for a user who will not wait.
 */
public final class Signals {
    public static final String TERM = "SIGTERM";
    public static final String INT = "SIGINT";

    private Signals() {
    }

    /** Routes both signals to {@code handler} (with the signal's name) until the process ends. */
    public static void onStop(Consumer<String> handler) {
        boolean[] asked = {false};
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    synchronized (asked) {
                        if (asked[0]) {
                            Runtime.getRuntime().halt(128 + s.getNumber());
                        }
                        asked[0] = true;
                    }
                    handler.accept("SIG" + s.getName());
                });
            } catch (IllegalArgumentException unsupported) {
                // a platform without that signal: the default behaviour stays
            }
        }
    }

    /** The shell's exit code for a process ended by that signal (130 for SIGINT, 143 for SIGTERM). */
    public static int exitCode(String signal) {
        return INT.equals(signal) ? 130 : 143;
    }
}
