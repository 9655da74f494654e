package org.transcriptsearch.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.secrets.RedactingPrintStream;

/**
 * The product's one logging set-up: Logback, one line per event on stderr (stdout is the commands' own output),
 * as text or ECS JSON, with SLF4J, {@code System.Logger}, {@code java.util.logging}, commons-logging (the
 * Elasticsearch client), Netty and Vert.x all brought to it. Lines are written to whatever {@code System.err} is
 * when they are written, so they pass the {@link RedactingPrintStream} each {@code main} installs first.
 *
 * <p>Until a {@code main} calls {@link #start}, {@link EnvironmentLogConfigurator} sets the same up from the
 * environment (tests, benchmarks); {@link #configure} may be called again at any time and replaces the set-up.
 */
public final class Logging {
    /** Text: {@code 2026-12-01T18:45:22.123Z INFO  [main] o.t.i.harvest.SourceHarvest - message}. */
    static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level [%.30thread] %logger{36} - %msg%n%ex";
    /**
     * Libraries (and the JDK's own System.Logger users, such as {@code jdk.event.security}) that say too much
     * below warn: shown from warn on (from error on when that is the level), whatever level the product logs at.
     */
    static final List<String> NOISY = List.of("org.elasticsearch.client", "co.elastic.clients", "org.apache.http",
            "io.netty", "io.vertx", "io.opentelemetry", "org.testcontainers", "com.github.dockerjava", "tc", "jdk", "sun", "javax");
    private static final String VERTX_LOGGING = "vertx.logger-delegate-factory-class-name";

    private static volatile String service = "transcript-search";
    private static volatile LogSettings current = LogSettings.DEFAULTS;
    /** The service name the set-up in place was applied with; null before the first. */
    private static volatile String appliedFor;

    private Logging() {
    }

    /**
     * Names the process in JSON lines ({@code service.name}: indexer, search-api, sandbox) and sets logging up
     * from {@code level} and {@code format}, or the environment where they are null or blank.
     *
     * @throws ConfigException a level or format that is not one of the allowed values (named in the message)
     */
    public static void start(String serviceName, String level, String format) {
        service = serviceName;
        LogSettings settings = LogSettings.resolve(level, format, System.getenv());
        LoggerContext context = context(); // Logback's first use: EnvironmentLogConfigurator applies the environment
        if (!settings.equals(current) || !serviceName.equals(appliedFor)) {
            apply(context, settings); // an option differs from the environment, or Logback was set up before start
        }
    }

    /**
     * (Re)configures logging: {@code level} one of trace, debug, info, warn, error; {@code format} text or json;
     * null or blank: {@value LogSettings#LEVEL_VARIABLE} / {@value LogSettings#FORMAT_VARIABLE}, else info and text.
     *
     * @throws ConfigException a value that is not allowed, naming the option or variable and the allowed values
     */
    public static void configure(String level, String format) {
        configure(level, format, System.getenv());
    }

    static LogSettings configure(String level, String format, Map<String, String> env) {
        LogSettings settings = LogSettings.resolve(level, format, env);
        apply(context(), settings);
        return settings;
    }

    static String service() {
        return service;
    }

    /** Whether lines are ECS JSON now: then a command's own notes and errors on stderr are log events too. */
    public static boolean json() {
        return current.format() == LogSettings.LogFormat.JSON;
    }

    private static LoggerContext context() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            throw new IllegalStateException("SLF4J is bound to " + factory.getClass().getName()
                    + ", not Logback: another SLF4J provider is on the class path");
        }
        return context;
    }

    /** Replaces whatever {@code context} was set up with by {@code settings}. */
    static synchronized void apply(LoggerContext context, LogSettings settings) {
        if (System.getProperty(VERTX_LOGGING) == null) {
            System.setProperty(VERTX_LOGGING, "io.vertx.core.logging.SLF4JLogDelegateFactory");
        }
        context.reset();
        if (context.getCopyOfListenerList().stream().noneMatch(l -> l instanceof LevelChangePropagator)) {
            // java.util.logging's levels follow Logback's, so a disabled JUL call costs nothing.
            LevelChangePropagator propagator = new LevelChangePropagator();
            propagator.setContext(context);
            propagator.setResetJUL(true);
            propagator.start();
            context.addListener(propagator);
        }

        Charset charset = charsetOf(System.err);
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout(context, settings.format(), charset));
        encoder.setCharset(charset);
        encoder.start();

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        // Logback's System.err target looks System.err up at every write: the redacting stream, once installed.
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        root.setLevel(settings.level());
        Level noisy = settings.level().isGreaterOrEqual(Level.WARN) ? settings.level() : Level.WARN;
        NOISY.forEach(name -> context.getLogger(name).setLevel(noisy));
        current = settings;
        appliedFor = service;

        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private static Layout<ILoggingEvent> layout(LoggerContext context, LogSettings.LogFormat format, Charset charset) {
        if (format == LogSettings.LogFormat.JSON) {
            EcsJsonLayout json = new EcsJsonLayout(service, !charset.name().startsWith("UTF-"));
            json.setContext(context);
            json.start();
            return json;
        }
        PatternLayout text = new PatternLayout();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }

    /** The encoding {@code stream} writes characters in, so a log line reaches the terminal as its text. */
    static Charset charsetOf(PrintStream stream) {
        if (stream instanceof RedactingPrintStream redacting) {
            return redacting.charset();
        }
        String name = System.getProperty("stderr.encoding", System.getProperty("sun.stderr.encoding"));
        return name != null && Charset.isSupported(name) ? Charset.forName(name) : Charset.defaultCharset();
    }
}
