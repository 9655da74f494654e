package org.transcriptsearch.indexer.cli;

import java.io.PrintStream;
import org.transcriptsearch.secrets.Redactor;

/**
 * Where the CLI talks to the user: results on stdout, progress and errors on stderr, every line through
 * the redactor so no secret can slip out. {@link #interactive()} tells whether live progress lines
 * (rewritten in place) make sense.
 */
public final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private volatile Redactor redactor;
    private final boolean interactive;

    public Console(PrintStream out, PrintStream err, Redactor redactor, boolean interactive) {
        this.out = out;
        this.err = err;
        this.redactor = redactor;
        this.interactive = interactive;
    }

    public static Console system() {
        return new Console(System.out, System.err, Redactor.none(), System.console() != null
                && !"dumb".equals(System.getenv("TERM")));
    }

    public void redactWith(Redactor r) {
        this.redactor = r;
    }

    public Redactor redactor() {
        return redactor;
    }

    /** A result line (stdout). */
    public void say(String line) {
        out.println(redactor.redact(line));
        out.flush();
    }

    /** A progress or diagnostic line (stderr). */
    public void note(String line) {
        err.println(redactor.redact(line));
        err.flush();
    }

    /** A live status line rewritten in place on a terminal; plain lines elsewhere are left to the caller. */
    public void progress(String line) {
        if (interactive) {
            err.print("\r\033[2K" + redactor.redact(line));
            err.flush();
        }
    }

    /** Ends a live status line so the next output starts on a fresh line. */
    public void endProgress() {
        if (interactive) {
            err.print("\r\033[2K");
            err.flush();
        }
    }

    public void error(String line) {
        err.println("error: " + redactor.redact(line));
        err.flush();
    }

    public boolean interactive() {
        return interactive;
    }

    public PrintStream out() {
        return out;
    }
}
