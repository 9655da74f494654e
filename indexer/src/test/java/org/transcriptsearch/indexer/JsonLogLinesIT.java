package org.transcriptsearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code indexer.jar} in a JVM of its own with JSON logs, as a container runs it: everything on stderr (its own
 * errors and notes included, not only library logs) is one ECS JSON object per line, and stdout stays the results.
 */
class JsonLogLinesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aUsageErrorIsJsonLinesWhenTheEnvironmentAsksForJson() throws Exception {
        IndexerProcess run = run(Map.of("TRANSCRIPTS_LOG_FORMAT", "json"), "harvest", "--bogus");
        assertEquals(2, run.exit(), run.err());
        List<JsonNode> events = events(run.err());
        assertTrue(events.stream().anyMatch(e -> e.path("log.level").asText().equals("ERROR")
                && e.path("message").asText().contains("unknown option '--bogus'")), run.err());
        assertTrue(events.stream().allMatch(e -> e.path("service.name").asText().equals("indexer")), run.err());
    }

    @Test
    void aConfigurationErrorIsJsonLinesWithTheOptionAndHoldsNoSecret() throws Exception {
        Path config = dir.resolve("transcripts.yml");
        Files.writeString(config, """
                elasticsearch:
                  url: http://127.0.0.1:9
                  apiKey: ${ES_API_KEY}
                index:
                  prefix: Not-Lowercase
                """);
        String secret = "k3y-" + "s3cr3t-Value-9f8e7d";
        IndexerProcess run = run(Map.of("ES_API_KEY", secret), "--log-format", "json", "--config", config.toString(), "status");
        assertEquals(2, run.exit(), run.err());
        List<JsonNode> events = events(run.err());
        assertTrue(events.stream().anyMatch(e -> e.path("log.level").asText().equals("ERROR")
                && e.path("message").asText().contains("index.prefix")), run.err());
        assertFalse(run.err().contains(secret) || run.out().contains(secret), run.err());
    }

    @Test
    void textLogsKeepThePlainErrorLine() throws Exception {
        IndexerProcess run = run(Map.of(), "harvest", "--bogus");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().startsWith("error: unknown option '--bogus'"), run.err());
    }

    @Test
    void aBadLogFormatIsAUsageError() throws Exception {
        IndexerProcess run = run(Map.of(), "--log-format", "xml", "status");
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("--log-format") && run.err().contains("json"), run.err());
    }

    /** Every stderr line parsed: a line that is not one JSON object fails the test. */
    private static List<JsonNode> events(String stderr) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stderr.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode e;
            try {
                e = JSON.readTree(line);
            } catch (IOException ex) {
                throw new AssertionError("not a JSON line: " + line + "\nin:\n" + stderr, ex);
            }
            assertTrue(e.isObject() && e.has("@timestamp") && e.has("log.level") && e.has("ecs.version"), line);
            events.add(e);
        }
        assertFalse(events.isEmpty(), "nothing on stderr");
        return events;
    }

    private IndexerProcess run(Map<String, String> env, String... args) throws Exception {
        return IndexerProcess.run(dir, env, List.of(), args);
    }
}
