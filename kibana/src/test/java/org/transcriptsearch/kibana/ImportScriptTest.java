package org.transcriptsearch.kibana;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kibana/setup.sh against a stand-in for Kibana's two HTTP endpoints it uses (Kibana itself cannot
 * run here): it waits while Kibana is not available, sends the whole bundle the way the import API
 * wants it, and fails loudly, without printing the password, when Kibana does not say success.
 */
class ImportScriptTest {
    private static final String PASSWORD = "s3cretPassw0rd";
    private HttpServer kibana;
    private final AtomicInteger statusCalls = new AtomicInteger();
    private final List<String> imports = new CopyOnWriteArrayList<>();
    private volatile int unavailableFor = 2;
    private volatile String importAnswer = null;

    @BeforeEach
    void startStandIn() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is needed to run kibana/setup.sh");
        kibana = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kibana.createContext("/api/status", ex -> {
            if (!authorized(ex)) {
                return;
            }
            boolean available = statusCalls.incrementAndGet() > unavailableFor;
            answer(ex, available ? 200 : 503, "{\"status\":{\"overall\":{\"level\":\"" + (available ? "available" : "unavailable")
                    + "\",\"summary\":\"x\"}}}");
        });
        kibana.createContext("/api/saved_objects/_import", ex -> {
            if (!authorized(ex)) {
                return;
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean wellFormed = ex.getRequestMethod().equals("POST")
                    && "overwrite=true".equals(ex.getRequestURI().getQuery())
                    && ex.getRequestHeaders().getFirst("kbn-xsrf") != null
                    && ex.getRequestHeaders().getFirst("Content-Type").startsWith("multipart/form-data");
            if (!wellFormed) {
                answer(ex, 400, "{\"statusCode\":400,\"message\":\"bad import request\"}");
                return;
            }
            imports.add(body);
            long objects = body.lines().filter(l -> l.startsWith("{\"type\"")).count();
            answer(ex, 200, importAnswer != null ? importAnswer : "{\"success\":true,\"successCount\":" + objects + "}");
        });
        kibana.start();
    }

    @AfterEach
    void stopStandIn() {
        if (kibana != null) {
            kibana.stop(0);
        }
    }

    @Test
    void waitsForKibanaThenImportsTheWholeBundle() throws Exception {
        Run run = run(Map.of());
        assertEquals(0, run.exit(), run.output());
        assertTrue(statusCalls.get() >= 3, "asked again while Kibana was unavailable");
        assertEquals(1, imports.size());
        List<String> expected = new ArrayList<>();
        for (Path f : Files.list(SavedObjects.DIRECTORY).sorted().toList()) {
            expected.addAll(Files.readAllLines(f));
        }
        for (String line : expected) {
            assertTrue(imports.get(0).contains(line), "the import carries every saved object");
        }
        assertTrue(run.output().contains("imported " + expected.size() + " saved objects"), run.output());
        assertFalse(run.output().contains(PASSWORD));
    }

    @Test
    void anImportWithoutSuccessFailsLoudly() throws Exception {
        importAnswer = "{\"success\":false,\"successCount\":6,\"errors\":[{\"id\":\"transcripts-harvest-health\",\"type\":\"dashboard\","
                + "\"error\":{\"type\":\"missing_references\"}}]}";
        Run run = run(Map.of());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("import refused (HTTP 200)") && run.output().contains("missing_references"), run.output());
        assertFalse(run.output().contains(PASSWORD));
    }

    @Test
    void aKibanaThatNeverBecomesAvailableFailsWithinTheWait() throws Exception {
        unavailableFor = Integer.MAX_VALUE;
        Run run = run(Map.of("WAIT_SECONDS", "2"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("was not available within 2s"), run.output());
        assertTrue(imports.isEmpty());
    }

    @Test
    void aWrongPasswordIsNotMistakenForAvailable() throws Exception {
        Run run = run(Map.of("ES_PASSWORD", "wrong", "WAIT_SECONDS", "2"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(imports.isEmpty());
    }

    record Run(int exit, String output) {
    }

    private Run run(Map<String, String> overrides) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "setup.sh").redirectErrorStream(true);
        pb.environment().put("KIBANA_URL", "http://127.0.0.1:" + kibana.getAddress().getPort());
        pb.environment().put("ES_PASSWORD", PASSWORD);
        pb.environment().put("POLL_SECONDS", "1");
        pb.environment().put("WAIT_SECONDS", "30");
        pb.environment().remove("INDEXER_JAR");
        pb.environment().putAll(overrides);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "setup.sh finished");
        return new Run(p.exitValue(), out);
    }

    private static boolean authorized(HttpExchange ex) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString(("elastic:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            answer(ex, 401, "{\"statusCode\":401,\"error\":\"Unauthorized\"}");
            return false;
        }
        return true;
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
