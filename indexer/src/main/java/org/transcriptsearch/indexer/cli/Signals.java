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

    /** Puts the handlers that were there before back (a command run inside a longer-lived one, as the demo does). */
    public interface Restore extends AutoCloseable {
        @Override
        void close();
    }

    /** Routes both signals to {@code handler} (with the signal's name) until the returned {@link Restore} is closed. */
    public static Restore onStop(Consumer<String> handler) {
        boolean[] asked = {false};
        java.util.Map<Signal, sun.misc.SignalHandler> before = new java.util.LinkedHashMap<>();
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal signal = new Signal(name);
                before.put(signal, Signal.handle(signal, s -> {
                    synchronized (asked) {
                        if (asked[0]) {
                            Runtime.getRuntime().halt(128 + s.getNumber());
                        }
                        asked[0] = true;
                    }
                    handler.accept("SIG" + s.getName());
                }));
            } catch (IllegalArgumentException unsupported) {
                // a platform without that signal: the default behaviour stays
            }
        }
        return () -> before.forEach(Signal::handle);
    }

    /** The shell's exit code for a process ended by that signal (130 for SIGINT, 143 for SIGTERM). */
    public static int exitCode(String signal) {
        return INT.equals(signal) ? 130 : 143;
    }
}
