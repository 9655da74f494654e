package org.transcriptsearch.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.secrets.RedactingPrintStream;
import org.transcriptsearch.secrets.Redactor;

/** What reaches stderr through the one set-up, from every logging API the product and its libraries use. */
class LoggingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A vendor secret from the environment that JSON must escape (a quote and a backslash). */
    private static final String SECRET = "tok\"en\\9Zq-77";
    private static final String TEXT_LINE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (TRACE|DEBUG|INFO |WARN |ERROR) "
            + "\\[[^\\]]+] \\S+ - .*";

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    @BeforeEach
    void captureStderr() {
        original = System.err;
        System.setErr(RedactingPrintStream.over(new PrintStream(captured, true, StandardCharsets.UTF_8),
                Redactor.ofEnvironment(Map.of("CXONE_TOKEN", SECRET))));
    }

    @AfterEach
    void restore() {
        System.setErr(original);
        Logging.configure(null, null, Map.of());
    }

    private String stderr() {
        System.err.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }

    private List<JsonNode> jsonLines() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : stderr().split("\n")) {
            out.add(JSON.readTree(line)); // every line, or the test fails here
        }
        return out;
    }

    private static JsonNode byLogger(List<JsonNode> lines, String logger) {
        return lines.stream().filter(l -> l.path("log.logger").asText().equals(logger)).findFirst()
                .orElseThrow(() -> new AssertionError("no line of " + logger + " in " + lines));
    }

    @Test
    void textLinesCarryTimeLevelThreadAndLogger() {
        Logging.configure("info", "text", Map.of());
        LoggerFactory.getLogger("org.transcriptsearch.indexer.harvest.SourceHarvest").info("harvest of {} done", "it-kore");
        LoggerFactory.getLogger("org.transcriptsearch.search.access").warn("GET /api/search 200 3 ms");
        LoggerFactory.getLogger("x.y").error("it failed", new IllegalStateException("boom"));

        List<String> lines = stderr().lines().toList();
        assertTrue(lines.get(0).matches(TEXT_LINE), lines.get(0));
        assertTrue(lines.get(0).contains(" INFO  [main] o.t.indexer.harvest.SourceHarvest - harvest of it-kore done"),
                lines.get(0));
        assertTrue(lines.get(1).contains(" WARN  [main] org.transcriptsearch.search.access - GET /api/search 200 3 ms"),
                lines.get(1));
        assertTrue(lines.get(2).matches(TEXT_LINE) && lines.get(2).endsWith("ERROR [main] x.y - it failed"), lines.get(2));
        assertEquals("java.lang.IllegalStateException: boom", lines.get(3));
        assertTrue(lines.get(4).startsWith("\tat "), lines.get(4));
    }

    @Test
    void jsonLinesAreEcsObjects() throws Exception {
        Logging.start("test-service", "info", "json");
        LoggerFactory.getLogger("org.transcriptsearch.indexer.sink.BulkWriter").info("wrote {} \"documents\"\nin one bulk", 12);
        LoggerFactory.getLogger("x.y").error("it failed", new IllegalStateException("boom"));

        List<JsonNode> lines = jsonLines();
        assertEquals(2, lines.size(), stderr());
        JsonNode info = lines.get(0);
        assertTrue(info.path("@timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), info.toString());
        assertEquals("INFO", info.path("log.level").asText());
        assertEquals("wrote 12 \"documents\"\nin one bulk", info.path("message").asText());
        assertEquals("org.transcriptsearch.indexer.sink.BulkWriter", info.path("log.logger").asText());
        assertEquals("main", info.path("process.thread.name").asText());
        assertEquals("test-service", info.path("service.name").asText());
        assertEquals(EcsJsonLayout.ECS_VERSION, info.path("ecs.version").asText());
        assertFalse(info.has("error.type"));

        JsonNode error = lines.get(1);
        assertEquals("ERROR", error.path("log.level").asText());
        assertEquals("java.lang.IllegalStateException", error.path("error.type").asText());
        assertEquals("boom", error.path("error.message").asText());
        assertTrue(error.path("error.stack_trace").asText().contains("\tat org.transcriptsearch.logging.LoggingTest"),
                error.toString());
    }

    @Test
    void systemLoggerCommonsLoggingAndJulComeOutInTheOneFormat() throws Exception {
        Logging.configure("info", "json", Map.of());
        System.getLogger("sandbox.delivery").log(System.Logger.Level.INFO, "served {0} pages", 3);
        LogFactory.getLog("org.transcriptsearch.jcl").warn("from commons-logging");
        java.util.logging.Logger.getLogger("org.transcriptsearch.jul").info("from java.util.logging");
        java.util.logging.Logger.getLogger("org.transcriptsearch.jul").fine("below the level");

        List<JsonNode> lines = jsonLines();
        assertEquals(3, lines.size(), stderr());
        assertEquals("served 3 pages", byLogger(lines, "sandbox.delivery").path("message").asText());
        assertEquals("WARN", byLogger(lines, "org.transcriptsearch.jcl").path("log.level").asText());
        assertEquals("from java.util.logging", byLogger(lines, "org.transcriptsearch.jul").path("message").asText());

        captured.reset();
        Logging.configure("debug", "text", Map.of());
        java.util.logging.Logger.getLogger("org.transcriptsearch.jul").fine("now at debug");
        System.getLogger("sandbox.delivery").log(System.Logger.Level.DEBUG, "also at debug");
        List<String> text = stderr().lines().toList();
        assertEquals(2, text.size(), stderr());
        text.forEach(l -> assertTrue(l.matches(TEXT_LINE), l));
        assertTrue(text.get(0).endsWith("DEBUG [main] org.transcriptsearch.jul - now at debug"), text.get(0));
    }

    @Test
    void theLevelComesFromTheArgumentElseTheEnvironment() {
        Logging.configure(null, null, Map.of(LogSettings.LEVEL_VARIABLE, "WARN"));
        org.slf4j.Logger log = LoggerFactory.getLogger("org.transcriptsearch.level");
        log.info("hidden at warn");
        log.warn("shown at warn");
        assertFalse(stderr().contains("hidden"), stderr());
        assertTrue(stderr().contains("shown at warn"), stderr());

        captured.reset();
        Logging.configure("debug", null, Map.of(LogSettings.LEVEL_VARIABLE, "warn"));
        log.debug("shown at debug");
        assertTrue(stderr().contains("shown at debug"), stderr());

        captured.reset();
        Logging.configure(null, null, Map.of());
        log.debug("hidden at the default");
        log.info("shown at the default");
        LoggerFactory.getLogger("io.netty.channel.nio.NioEventLoop").info("a library's chatter");
        LoggerFactory.getLogger("org.elasticsearch.client.RestClient").warn("a library's warning");
        assertFalse(stderr().contains("hidden") || stderr().contains("chatter"), stderr());
        assertTrue(stderr().contains("shown at the default") && stderr().contains("a library's warning"), stderr());
    }

    @Test
    void aValueThatIsNotAllowedIsNamedWithWhatIs() {
        ConfigException level = assertThrows(ConfigException.class, () -> Logging.configure("loud", null, Map.of()));
        assertEquals("configuration problem: --log-level must be one of trace, debug, info, warn, error, not 'loud'",
                level.getMessage());
        ConfigException both = assertThrows(ConfigException.class, () -> Logging.configure(null, null,
                Map.of(LogSettings.LEVEL_VARIABLE, "verbose", LogSettings.FORMAT_VARIABLE, "xml")));
        assertEquals(List.of("TRANSCRIPTS_LOG_LEVEL must be one of trace, debug, info, warn, error, not 'verbose'",
                "TRANSCRIPTS_LOG_FORMAT must be text or json, not 'xml'"), both.problems());
        ConfigException format = assertThrows(ConfigException.class, () -> Logging.configure(null, "yaml", Map.of()));
        assertTrue(format.getMessage().contains("--log-format must be text or json, not 'yaml'"), format.getMessage());
    }

    @Test
    void aSecretFromTheEnvironmentIsMaskedInBothFormats() throws Exception {
        org.slf4j.Logger log = LoggerFactory.getLogger("org.transcriptsearch.secret");
        for (String format : List.of("text", "json")) {
            captured.reset();
            Logging.configure("info", format, Map.of());
            log.info("vendor answered for " + SECRET + " at last");
            log.warn("retrying \"GET /conversations?token=abc123def\" and \"Authorization: Bearer xyz987\\\"");
            log.error("call failed", new IllegalStateException("refused " + SECRET));
            String out = stderr();
            for (String leaked : List.of("9Zq-77", "abc123def", "xyz987")) {
                assertFalse(out.contains(leaked), format + " leaks " + leaked + ": " + out);
            }
            assertTrue(out.contains("vendor answered for *** at last"), out);
            if (format.equals("json")) {
                List<JsonNode> lines = jsonLines();
                assertEquals(3, lines.size(), out);
                assertEquals("vendor answered for *** at last", lines.get(0).path("message").asText());
                assertTrue(lines.get(1).path("message").asText().startsWith("retrying \"GET /conversations?token=***\""),
                        lines.get(1).toString());
                assertEquals("refused ***", lines.get(2).path("error.message").asText());
            }
        }
    }

    @Test
    void onAStderrThatOnlyHoldsAsciiJsonEscapesTheRestInsteadOfLosingIt() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LoggingEvent event = new LoggingEvent(LoggingTest.class.getName(), context.getLogger("x.y"), Level.WARN,
                "비밀번호를 재설정 – パスワード", null, null);
        String ascii = new EcsJsonLayout("svc", true).doLayout(event);
        assertTrue(ascii.chars().allMatch(c -> c < 128), ascii);
        assertEquals("비밀번호를 재설정 – パスワード", JSON.readTree(ascii).path("message").asText());
        String utf8 = new EcsJsonLayout("svc", false).doLayout(event);
        assertTrue(utf8.contains("비밀번호를 재설정 – パスワード"), utf8);
    }

    /** A main's start with what Logback's first use already applied does not set it all up a second time. */
    @Test
    void startKeepsASetUpThatAlreadyMatches() {
        Logging.start("start-service", "info", "text");
        ch.qos.logback.classic.Logger root = ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory
                .getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Object appender = root.getAppender("stderr");
        Logging.start("start-service", "info", "text");
        assertSame(appender, root.getAppender("stderr"), "the same settings for the same service: left in place");
        Logging.start("start-service", "debug", "text");
        assertNotSame(appender, root.getAppender("stderr"), "another level: set up again");
        assertEquals(ch.qos.logback.classic.Level.DEBUG, root.getLevel());
    }
}
