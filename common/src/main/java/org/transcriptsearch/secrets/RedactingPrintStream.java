package org.transcriptsearch.secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A print stream that passes every line through a {@link Redactor} before it reaches its target: the one
 * redaction pass on what a process prints. Installed on {@code System.out} and {@code System.err} at the
 * start of each {@code main}, it also covers what the product does not print itself: every log line (Logback,
 * set up by {@code org.transcriptsearch.logging.Logging}, writes to {@code System.err}, and every other logging
 * API is bridged to it), and debug stack traces.
 *
 * <p>Whole lines are redacted as they end; a partial line (a progress line rewritten in place) only when the
 * stream is flushed explicitly, so a secret printed in pieces is still seen whole. A line that is a JSON object
 * (a log line in the JSON format) stays valid JSON: see {@link Redactor#redactLine}.
 */
public final class RedactingPrintStream extends PrintStream {
    private final Lines lines;

    private RedactingPrintStream(Lines lines, Charset charset) {
        super(lines, false, charset);
        this.lines = lines;
    }

    /** {@code target} behind a redacting stream ({@code target} itself if it already is one). */
    public static RedactingPrintStream over(PrintStream target, Redactor redactor) {
        if (target instanceof RedactingPrintStream r) {
            return r;
        }
        return new RedactingPrintStream(new Lines(target, StandardCharsets.UTF_8, redactor), StandardCharsets.UTF_8);
    }

    /**
     * Puts redacting streams on {@code System.out} and {@code System.err} (once per process); call it first in
     * {@code main}, before anything logs, with what is known then (e.g. {@link Redactor#ofEnvironment}); secrets
     * learnt later reach them through {@link #redactWith}.
     */
    public static synchronized void installOnSystemStreams(Redactor redactor) {
        if (System.out instanceof RedactingPrintStream && System.err instanceof RedactingPrintStream) {
            return;
        }
        if (!(System.out instanceof RedactingPrintStream)) {
            System.setOut(system(System.out, "stdout", redactor));
        }
        if (!(System.err instanceof RedactingPrintStream)) {
            System.setErr(system(System.err, "stderr", redactor));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.flush();
            System.err.flush();
        }, "flush-redacted-output"));
    }

    private static RedactingPrintStream system(PrintStream original, String which, Redactor redactor) {
        // The encoding the JVM gave the original stream, so the bytes on the terminal do not change.
        String name = System.getProperty(which + ".encoding", System.getProperty("sun." + which + ".encoding"));
        Charset charset = Charset.defaultCharset();
        if (name != null && Charset.isSupported(name)) {
            charset = Charset.forName(name);
        }
        return new RedactingPrintStream(new Lines(original, charset, redactor), charset);
    }

    /** From now on, lines are masked with {@code redactor} (one that knows the configured secrets). */
    public void redactWith(Redactor redactor) {
        lines.redactor = redactor;
    }

    public Redactor redactor() {
        return lines.redactor;
    }

    /** The encoding characters are written in (what is written as bytes is read back in it to be redacted). */
    public Charset charset() {
        return lines.charset;
    }

    /** Collects bytes up to the end of a line, then writes the line redacted. */
    private static final class Lines extends OutputStream {
        private final OutputStream target;
        private final Charset charset;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream(256);
        private volatile Redactor redactor;

        Lines(OutputStream target, Charset charset, Redactor redactor) {
            this.target = target;
            this.charset = charset;
            this.redactor = redactor;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            pending.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    pending.write(b, start, i + 1 - start);
                    emit();
                    start = i + 1;
                }
            }
            pending.write(b, start, off + len - start);
        }

        @Override
        public synchronized void flush() throws IOException {
            emit();
        }

        @Override
        public synchronized void close() throws IOException {
            emit();
            target.close();
        }

        private void emit() throws IOException {
            if (pending.size() > 0) {
                String text = pending.toString(charset);
                pending.reset();
                target.write(redactor.redactLine(text).getBytes(charset));
            }
            target.flush();
        }
    }
}
