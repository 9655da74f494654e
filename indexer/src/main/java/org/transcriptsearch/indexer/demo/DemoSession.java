package org.transcriptsearch.indexer.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import org.transcriptsearch.indexer.cli.Console;

/**
 * What one demo run started, stopped in reverse order exactly once: from the main thread when start-up
 * fails, or from the shutdown hook that Ctrl-C (SIGINT) and SIGTERM run.
 */
final class DemoSession implements AutoCloseable {
    /** A started piece: its name for the user, and how to stop it. */
    interface Part {
        String stop() throws Exception;
    }

    private final Console console;
    private final Deque<Part> parts = new ArrayDeque<>();
    private boolean closed;

    DemoSession(Console console) {
        this.console = console;
    }

    synchronized void started(Part part) {
        if (closed) {
            throw new IllegalStateException("the demo is stopping");
        }
        parts.push(part);
    }

    synchronized boolean closed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!parts.isEmpty()) {
            Part part = parts.pop();
            try {
                String said = part.stop();
                if (said != null && !said.isBlank()) {
                    console.note(said);
                }
            } catch (Exception e) {
                // Keep stopping the rest: one piece failing to stop must not leave the others running.
                console.error("while stopping the demo: " + e.getMessage());
            }
        }
    }
}
