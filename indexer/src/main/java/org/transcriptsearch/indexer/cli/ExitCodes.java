package org.transcriptsearch.indexer.cli;

/**
 * The exit codes every command's help lists, as picocli's {@code exitCodeList} entries ({@code "CODE:meaning"}):
 * written once here, so the commands that share a meaning word it the same way.
 */
public final class ExitCodes {
    public static final String DONE = "0:done";
    public static final String FAILED = "1:failed: the message says why (TRANSCRIPTS_DEBUG=1 adds a stack trace)";
    public static final String USAGE = "2:usage or configuration: the message names the option or setting to fix";

    public static final String STORED = "0:everything read was stored";
    public static final String SET_ASIDE = "3:finished, but records were set aside (kept in the dead-letter index; "
            + "`status` and `set-aside list` show them)";
    public static final String RUN_FAILED = "1:a run failed: its checkpoint stays at the last point stored in full and "
            + "the next run resumes there (the message says why and what to do)";
    public static final String SIGINT = "130:stopped by SIGINT (Ctrl-C); what was read is stored";
    public static final String SIGTERM = "143:stopped by SIGTERM; what was read is stored";

    private ExitCodes() {
    }
}
