package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * docker/security/users.sh, the stack's only superuser client, against a stand-in for Elasticsearch's
 * security API (the bare test node has no security module): as elastic, it sets kibana_system's password
 * and puts each role of docker/security/roles with the index prefix filled in and one user per service
 * with its own password; run twice it does the same again (idempotent); a refusal stops it loudly.
 */
class UsersScriptTest {
    private static final String SUPERUSER = "superSecret1";
    private HttpServer es;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> bodies = new ConcurrentHashMap<>();
    private volatile int refuse = 0;

    @BeforeEach
    void startStandIn() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is needed to run users.sh");
        es = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        es.createContext("/", ex -> {
            String expected = "Basic " + Base64.getEncoder().encodeToString(("elastic:" + SUPERUSER).getBytes(StandardCharsets.UTF_8));
            String call = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = !expected.equals(ex.getRequestHeaders().getFirst("Authorization")) ? 401
                    : refuse != 0 && call.startsWith("PUT /_security/role/") ? refuse : 200;
            if (status == 200) {
                calls.add(call);
                bodies.put(call, SavedObjects.JSON.readTree(body));
            }
            byte[] answer = (status == 200 ? "{\"created\":true}" : "{\"error\":{\"reason\":\"refused by the stand-in\"},\"status\":" + status + "}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        es.start();
    }

    @AfterEach
    void stop() {
        if (es != null) {
            es.stop(0);
        }
    }

    @Test
    void createsARoleAndAUserPerServiceAsTheSuperuser() throws Exception {
        Run run = run(Map.of());
        assertEquals(0, run.exit(), run.output());
        assertEquals(List.of("POST /_security/user/kibana_system/_password", "PUT /_security/role/transcripts_indexer",
                "PUT /_security/role/transcripts_kibana_setup", "PUT /_security/role/transcripts_search_api",
                "PUT /_security/user/transcripts_indexer", "PUT /_security/user/transcripts_search_api",
                "PUT /_security/user/transcripts_kibana_setup"), calls);
        assertEquals("kibanaSystem1", bodies.get("POST /_security/user/kibana_system/_password").path("password").asText());
        for (String role : List.of("transcripts_indexer", "transcripts_kibana_setup", "transcripts_search_api")) {
            String file = Files.readString(ServiceRoles.DIRECTORY.resolve(role + ".json")).replace("${INDEX_PREFIX}", "acme");
            assertEquals(SavedObjects.JSON.readTree(file), bodies.get("PUT /_security/role/" + role), role);
        }
        Map<String, String> passwords = Map.of("transcripts_indexer", "indexerPass1", "transcripts_search_api", "searchPass1",
                "transcripts_kibana_setup", "kibanaSetup1");
        passwords.forEach((user, password) -> {
            JsonNode body = bodies.get("PUT /_security/user/" + user);
            assertEquals(password, body.path("password").asText(), user);
            assertEquals("[\"" + user + "\"]", body.path("roles").toString(), user);
        });
        assertTrue(bodies.get("PUT /_security/role/transcripts_search_api").toString().contains("\"acme-messages\""));
        for (String secret : List.of(SUPERUSER, "indexerPass1", "searchPass1", "kibanaSetup1", "kibanaSystem1")) {
            assertFalse(run.output().contains(secret), "no secret printed");
        }
        Run again = run(Map.of());
        assertEquals(0, again.exit(), again.output());
        assertEquals(14, calls.size(), "the second run puts the same roles and users again");
    }

    @Test
    void aRefusedRoleStopsTheStackLoudly() throws Exception {
        refuse = 400;
        Run run = run(Map.of());
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("security: creating role transcripts_indexer failed (HTTP 400)")
                && run.output().contains("refused by the stand-in"), run.output());
    }

    @Test
    void aMissingPasswordIsRefusedBeforeAnyCall() throws Exception {
        Run run = run(Map.of("SEARCH_API_ES_PASSWORD", ""));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("SEARCH_API_ES_PASSWORD is not set"), run.output());
        assertTrue(calls.isEmpty());
    }

    @Test
    void aWrongSuperuserPasswordSaysSo() throws Exception {
        Run run = run(Map.of("ELASTIC_PASSWORD", "wrongPassword"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("setting kibana_system's password failed (HTTP 401)"), run.output());
    }

    record Run(int exit, String output) {
    }

    private Run run(Map<String, String> overrides) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("ES_URL", "http://127.0.0.1:" + es.getAddress().getPort(),
                "ELASTIC_PASSWORD", SUPERUSER, "KIBANA_PASSWORD", "kibanaSystem1", "INDEXER_ES_PASSWORD", "indexerPass1",
                "SEARCH_API_ES_PASSWORD", "searchPass1", "KIBANA_SETUP_PASSWORD", "kibanaSetup1", "INDEX_PREFIX", "acme"));
        env.putAll(overrides);
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "../docker/security/users.sh").redirectErrorStream(true);
        String path = pb.environment().get("PATH");
        pb.environment().clear();
        pb.environment().put("PATH", path);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "users.sh finished");
        return new Run(p.exitValue(), out);
    }
}
