package org.transcriptsearch.indexer.cli;

import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.logging.Logging;
import org.transcriptsearch.secrets.RedactingPrintStream;
import org.transcriptsearch.secrets.Redactor;

/**
 * Where the CLI talks to the user: results on stdout, progress and errors on stderr. Both streams are
 * {@link RedactingPrintStream}s, so every line (this class's, a logger's, a debug stack trace) goes through
 * the one redactor, which learns the configured secrets through {@link #redactWith}. {@link #interactive()}
 * tells whether live progress lines (rewritten in place) make sense. The process's own console, when logs are
 * JSON ({@code --log-format json}), hands its stderr lines to the log as events, so a log collector reads one
 * format from stderr; results stay plain lines on stdout.
 */
public final class Console {
    private static final Logger LOG = LoggerFactory.getLogger("org.transcriptsearch.indexer");

    private final RedactingPrintStream out;
    private final RedactingPrintStream err;
    private volatile Redactor redactor;
    private final boolean interactive;
    private final boolean logsWhenJson;

    public Console(PrintStream out, PrintStream err, Redactor redactor, boolean interactive) {
        this(out, err, redactor, interactive, false);
    }

    private Console(PrintStream out, PrintStream err, Redactor redactor, boolean interactive, boolean logsWhenJson) {
        this.out = RedactingPrintStream.over(out, redactor);
        this.err = RedactingPrintStream.over(err, redactor);
        this.interactive = interactive;
        this.logsWhenJson = logsWhenJson;
        redactWith(redactor);
    }

    /** The process's own streams (redacting once {@code main} has installed them). */
    public static Console system() {
        Redactor known = System.err instanceof RedactingPrintStream r ? r.redactor() : Redactor.none();
        return new Console(System.out, System.err, known, System.console() != null
                && !"dumb".equals(System.getenv("TERM")), true);
    }

    /** Whether stderr lines go to the log (JSON lines) rather than straight to stderr. */
    private boolean logged() {
        return logsWhenJson && Logging.json();
    }

    public void redactWith(Redactor r) {
        this.redactor = r;
        out.redactWith(r);
        err.redactWith(r);
    }

    public Redactor redactor() {
        return redactor;
    }

    /** A result line (stdout). */
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    /** A progress or diagnostic line (stderr). */
    public void note(String line) {
        if (logged()) {
            LOG.info(line);
            return;
        }
        err.println(line);
        err.flush();
    }

    /** A live status line rewritten in place on a terminal; plain lines elsewhere are left to the caller. */
    public void progress(String line) {
        if (interactive && !logged()) {
            err.print("\r\033[2K" + line);
            err.flush();
        }
    }

    /** Ends a live status line so the next output starts on a fresh line. */
    public void endProgress() {
        if (interactive && !logged()) {
            err.print("\r\033[2K");
            err.flush();
        }
    }

    public void error(String line) {
        if (logged()) {
            LOG.error(line);
            return;
        }
        err.println("error: " + line);
        err.flush();
    }

    /** A stack trace (TRANSCRIPTS_DEBUG=1), redacted like every other line. */
    public void trace(Throwable e) {
        if (logged()) {
            LOG.error("details (TRANSCRIPTS_DEBUG)", e);
            return;
        }
        e.printStackTrace(err);
        err.flush();
    }

    public boolean interactive() {
        return interactive;
    }

    public PrintStream out() {
        return out;
    }

    /** Where progress and errors go (picocli's own error output is routed here). */
    public PrintStream err() {
        return err;
    }
}
