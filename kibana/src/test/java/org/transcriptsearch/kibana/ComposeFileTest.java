package org.transcriptsearch.kibana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml validated by a compose tool that needs no engine (Debian's docker-compose, which
 * .ci/run installs): schema, variables, pinned images, present Dockerfiles, no service but the security
 * one-shot holding the superuser's password, every service behind preflight, and preflight refusing
 * short secrets with the environment compose gives it. Broken copies prove each check fails. Skipped
 * only outside CI when the tool is absent; in CI a missing tool is a failure, never a silent pass.
 */
class ComposeFileTest {
    private String compose;

    @BeforeEach
    void needsTheTool() throws IOException {
        boolean tool = Files.isExecutable(Path.of("/usr/bin/docker-compose"))
                || Files.isExecutable(Path.of("/usr/local/bin/docker-compose"));
        if (System.getenv("CI") == null) {
            assumeTrue(tool, "docker-compose is not installed (apt-get install docker-compose): compose check skipped");
        }
        compose = Files.readString(Path.of("../docker-compose.yml"));
    }

    @Test
    void composeFileIsValidAndPinned() throws IOException, InterruptedException {
        Check check = check(null);
        assertEquals(0, check.exit(), "kibana/check-compose.sh failed:\n" + check.output());
    }

    @Test
    void aServiceLoggingInAsElasticIsRefused(@TempDir Path dir) throws IOException, InterruptedException {
        Check check = check(broken(dir, "      ES_USERNAME: transcripts_search_api\n"
                        + "      ES_PASSWORD: ${SEARCH_API_ES_PASSWORD:?set SEARCH_API_ES_PASSWORD in .env (see .env.example)}\n",
                "      ES_USERNAME: elastic\n      ES_PASSWORD: ${ELASTIC_PASSWORD}\n"));
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("service search-api is given elastic's password (ELASTIC_PASSWORD)"), check.output());
        assertTrue(check.output().contains("service search-api logs in as elastic (ES_USERNAME)"), check.output());
    }

    @Test
    void aServiceWithoutItsOwnUserIsRefused(@TempDir Path dir) throws IOException, InterruptedException {
        Check check = check(broken(dir, "      ES_USERNAME: transcripts_indexer\n"
                + "      ES_PASSWORD: ${INDEXER_ES_PASSWORD:?set INDEXER_ES_PASSWORD in .env (see .env.example)}\n"
                + "      INDEX_PREFIX: *index-prefix\n      CXONE_BASE_URL", "      INDEX_PREFIX: *index-prefix\n      CXONE_BASE_URL"));
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("service indexer talks to Elasticsearch (ES_URL) without a user of its own"), check.output());
    }

    @Test
    void aStackThatStartsBeforePreflightIsRefused(@TempDir Path dir) throws IOException, InterruptedException {
        Check check = check(broken(dir, "    depends_on:\n      preflight:\n        condition: service_completed_successfully\n", ""));
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("service elasticsearch does not wait for preflight"), check.output());
    }

    @Test
    void aPreflightThatIsNotGivenTheKeyIsRefused(@TempDir Path dir) throws IOException, InterruptedException {
        Check check = check(broken(dir,
                "      KIBANA_ENCRYPTION_KEY: ${KIBANA_ENCRYPTION_KEY:?set KIBANA_ENCRYPTION_KEY (32+ characters) in .env}\n"
                        + "      INDEX_PREFIX: *index-prefix\n    entrypoint: [\"/bin/sh\", \"/opt/transcripts/security/preflight.sh\"]",
                "      INDEX_PREFIX: *index-prefix\n    entrypoint: [\"/bin/sh\", \"/opt/transcripts/security/preflight.sh\"]"));
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("preflight refuses the placeholder .env: KIBANA_ENCRYPTION_KEY is not set"), check.output());
    }

    @Test
    void aServiceOnTheProjectsImageWithoutABuildIsRefused(@TempDir Path dir) throws IOException, InterruptedException {
        Check check = check(broken(dir, "  security:\n    build:\n      context: .\n      dockerfile: docker/indexer/Dockerfile\n",
                "  security:\n"));
        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("service security uses the project's image transcripts-indexer:0.1.0 without a build"),
                check.output());
    }

    private Path broken(Path dir, String from, String to) throws IOException {
        assertTrue(compose.contains(from), "docker-compose.yml no longer contains what this test changes; update it:\n" + from);
        Path copy = dir.resolve("docker-compose.yml");
        Files.writeString(copy, compose.replace(from, to));
        return copy;
    }

    record Check(int exit, String output) {
    }

    private static Check check(Path composeFile) throws IOException, InterruptedException {
        ProcessBuilder pb = composeFile == null ? new ProcessBuilder("bash", "kibana/check-compose.sh")
                : new ProcessBuilder("bash", "kibana/check-compose.sh", composeFile.toAbsolutePath().toString());
        Process p = pb.directory(Path.of("..").toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new Check(p.exitValue(), out);
    }
}
