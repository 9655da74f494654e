package org.transcriptsearch.kibana;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kibana/setup.sh against a stand-in for Kibana's two HTTP endpoints it uses (Kibana itself cannot
 * run here): it waits while Kibana is not available, goes on when it is degraded, sends the whole bundle
 * the way the import API wants it (the data views named for INDEX_PREFIX), retries while Kibana cannot
 * take it yet, and fails loudly, without printing the password, when Kibana does not say success.
 */
class ImportScriptTest {
    private static final String USER = "transcripts_kibana_setup";
    private static final String PASSWORD = "s3cretPassw0rd";
    private HttpServer kibana;
    private final AtomicInteger statusCalls = new AtomicInteger();
    private final AtomicInteger importCalls = new AtomicInteger();
    private final List<String> imports = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile int unavailableFor = 2;
    private volatile String levelOnceUp = "available";
    private volatile int importBusyFor = 0;
    private volatile int importBusyStatus = 503;
    private volatile String importAnswer = null;

    @BeforeEach
    void startStandIn() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is needed to run kibana/setup.sh");
        kibana = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        kibana.createContext("/", ex -> {
            calls.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            answer(ex, 404, "{\"statusCode\":404,\"error\":\"Not Found\"}");
        });
        kibana.createContext("/api/status", ex -> {
            calls.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            if (!authorized(ex)) {
                return;
            }
            boolean up = statusCalls.incrementAndGet() > unavailableFor;
            String level = up ? levelOnceUp : "unavailable";
            // Kibana 8 answers 503 while unavailable or critical, 200 when available or degraded, the status as body.
            answer(ex, level.equals("unavailable") ? 503 : 200, "{\"name\":\"kibana\",\"status\":{\"overall\":{\"level\":\""
                    + level + "\",\"summary\":\"1 service is degraded: savedObjectsTagging\"},\"core\":{\"elasticsearch\":"
                    + "{\"level\":\"available\",\"summary\":\"ok\"}}}}");
        });
        kibana.createContext("/api/saved_objects/_import", ex -> {
            calls.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
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
            if (importCalls.incrementAndGet() <= importBusyFor) {
                answer(ex, importBusyStatus, "{\"statusCode\":" + importBusyStatus + ",\"error\":\"Service Unavailable\"}");
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
        // All transcripts_kibana_setup needs: the status (any authenticated user) and the saved-objects import.
        assertEquals(Set.of("GET /api/status", "POST /api/saved_objects/_import"), Set.copyOf(calls));
    }

    @Test
    void aDegradedKibanaIsNotWaitedForUntilTheDeadline() throws Exception {
        levelOnceUp = "degraded";
        Run run = run(Map.of("WAIT_SECONDS", "20"));
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("Kibana is degraded (1 service is degraded: savedObjectsTagging); importing anyway"),
                run.output());
        assertEquals(1, imports.size());
    }

    @Test
    void anImportKibanaCannotTakeYetIsRetriedWithGrowingPauses() throws Exception {
        importBusyFor = 2;
        long start = System.nanoTime();
        Run run = run(Map.of());
        assertEquals(0, run.exit(), run.output());
        assertEquals(3, importCalls.get());
        assertTrue(run.output().contains("trying again in 1s") && run.output().contains("trying again in 2s"), run.output());
        assertTrue(System.nanoTime() - start >= 3_000_000_000L, "paused 1 s, then 2 s");
        assertEquals(1, imports.size());
    }

    @Test
    void anImportStillRefusedAfterEveryAttemptFailsNamingTheLastAnswer() throws Exception {
        importBusyFor = Integer.MAX_VALUE;
        importBusyStatus = 429;
        Run run = run(Map.of("IMPORT_ATTEMPTS", "2"));
        assertEquals(1, run.exit(), run.output());
        assertEquals(2, importCalls.get());
        assertTrue(run.output().contains("could not take the import after 2 attempts; last answer: HTTP 429"), run.output());
    }

    @Test
    void aForbiddenImportIsNotRetriedAndSaysWhichPrivilegeIsMissing() throws Exception {
        importBusyFor = Integer.MAX_VALUE;
        importBusyStatus = 403;
        Run run = run(Map.of());
        assertEquals(1, run.exit(), run.output());
        assertEquals(1, importCalls.get());
        assertTrue(run.output().contains("may not import saved objects (HTTP 403): give it Saved Objects Management"), run.output());
    }

    @Test
    void theDataViewsFollowTheIndexPrefix(@TempDir Path dir) throws Exception {
        Run run = run(Map.of("INDEX_PREFIX", "acme"));
        assertEquals(0, run.exit(), run.output());
        String bundle = ndjsonOf(imports.get(0));
        assertFalse(bundle.contains("transcripts-"), "nothing names the default prefix any more");
        Files.writeString(dir.resolve("imported.ndjson"), bundle);
        SavedObjects imported = SavedObjects.load(dir);
        assertEquals(Set.of("acme-messages", "acme-conversations", "acme-runs"), imported.ofType("index-pattern").stream()
                .map(SavedObjects.SavedObject::id).collect(Collectors.toSet()));
        for (SavedObjects.SavedObject view : imported.ofType("index-pattern")) {
            assertEquals(view.id(), view.attributes().path("title").asText(), "the data view reads the alias it is named after");
            assertTrue(view.attributes().path("name").asText().endsWith(" (acme)"), view.attributes().toString());
        }
        for (SavedObjects.SavedObject o : imported.all()) {
            assertTrue(o.id().startsWith("acme-"), o.where());
            for (SavedObjects.Reference r : o.references()) {
                assertTrue(r.id().startsWith("acme-"), o.where() + " refers to " + r);
            }
        }
        // Nothing else changed: renamed back, it is the checked bundle line for line (SavedObjectsFormatTest
        // proves that one), so the references, the Lens states and the controls still resolve.
        String back = bundle.replace("\"acme-", "\"transcripts-").replace(" (acme)\"", "\"");
        assertEquals(defaultBundle(), back);
    }

    @Test
    void aBadIndexPrefixIsRefusedBeforeAnything() throws Exception {
        Run run = run(Map.of("INDEX_PREFIX", "Acme Corp"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("INDEX_PREFIX 'Acme Corp' must be lowercase letters"), run.output());
        assertEquals(0, statusCalls.get());
    }

    @Test
    void aUserWithoutPasswordIsRefusedBeforeAnything() throws Exception {
        Run run = run(Map.of("KIBANA_USER_PASSWORD", ""));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("KIBANA_USER is set but KIBANA_USER_PASSWORD is not"), run.output());
        assertEquals(0, statusCalls.get());
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
        Run run = run(Map.of("KIBANA_USER_PASSWORD", "wrong", "WAIT_SECONDS", "2"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(imports.isEmpty());
    }

    record Run(int exit, String output) {
    }

    private Run run(Map<String, String> overrides) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "setup.sh").redirectErrorStream(true);
        pb.environment().put("KIBANA_URL", "http://127.0.0.1:" + kibana.getAddress().getPort());
        pb.environment().put("KIBANA_USER", USER);
        pb.environment().put("KIBANA_USER_PASSWORD", PASSWORD);
        pb.environment().remove("INDEX_PREFIX");
        pb.environment().put("POLL_SECONDS", "1");
        pb.environment().put("WAIT_SECONDS", "30");
        pb.environment().remove("INDEXER_JAR");
        pb.environment().putAll(overrides);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "setup.sh finished");
        return new Run(p.exitValue(), out);
    }

    /** The bundle setup.sh sends for the default prefix: data views first, then the other files in order. */
    private static String defaultBundle() throws IOException {
        StringBuilder all = new StringBuilder();
        List<Path> files = new ArrayList<>(List.of(SavedObjects.DIRECTORY.resolve("data-views.ndjson")));
        try (var list = Files.list(SavedObjects.DIRECTORY)) {
            list.filter(f -> f.toString().endsWith(".ndjson")).sorted().filter(f -> !files.contains(f)).forEach(files::add);
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                all.append(line).append('\n');
            }
        }
        return all.toString();
    }

    /** The NDJSON lines of a multipart import body (the file part). */
    private static String ndjsonOf(String multipart) {
        return multipart.lines().filter(l -> l.startsWith("{\"type\"")).collect(Collectors.joining("\n", "", "\n"));
    }

    private static boolean authorized(HttpExchange ex) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
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
