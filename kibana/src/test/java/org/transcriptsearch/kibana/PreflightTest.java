package org.transcriptsearch.kibana;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack's first one-shot, docker/security/preflight.sh, run as its container runs it: with the
 * environment docker-compose.yml gives the preflight service from a .env. A key shorter than Kibana
 * accepts, a password shorter than Elasticsearch accepts, a missing or reused secret: refused at once,
 * every problem named, no secret printed.
 */
class PreflightTest {

    @Test
    void theExampleEnvFilledInPasses() throws Exception {
        Run run = preflight(Map.of());
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("every secret is set and long enough; index prefix transcripts"), run.output());
    }

    @Test
    void anEncryptionKeyShorterThanKibanaAcceptsIsRefused() throws Exception {
        Run run = preflight(Map.of("KIBANA_ENCRYPTION_KEY", "0123456789abcdef0123456789abcde"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("KIBANA_ENCRYPTION_KEY has 31 characters; Kibana's xpack.encryptedSavedObjects"
                + ".encryptionKey needs at least 32"), run.output());
        assertFalse(run.output().contains("0123456789abcdef0123456789abcde"), "the key itself is not printed");
    }

    @Test
    void aPasswordShorterThanElasticsearchAcceptsIsRefused() throws Exception {
        Run run = preflight(Map.of("SEARCH_API_ES_PASSWORD", "abc12", "ELASTIC_PASSWORD", "xyz9"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("SEARCH_API_ES_PASSWORD has 5 characters;") && run.output().contains("needs at least 6"),
                run.output());
        assertTrue(run.output().contains("ELASTIC_PASSWORD has 4 characters;"), "every problem at once: " + run.output());
        assertTrue(run.output().contains("preflight: 2 problem(s) in .env (above); nothing was started"), run.output());
    }

    @Test
    void aServiceSharingTheSuperusersPasswordIsRefused() throws Exception {
        Run run = preflight(Map.of("INDEXER_ES_PASSWORD", "same-password-123", "ELASTIC_PASSWORD", "same-password-123"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("INDEXER_ES_PASSWORD is the same as ELASTIC_PASSWORD"), run.output());
    }

    @Test
    void aPasswordThatWouldBreakTheJsonItTravelsInIsRefused() throws Exception {
        Run run = preflight(Map.of("KIBANA_SETUP_PASSWORD", "abc\"def\\ghi"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("KIBANA_SETUP_PASSWORD holds a quote, a backslash or a space"), run.output());
    }

    @Test
    void aBadIndexPrefixIsRefused() throws Exception {
        Run run = preflight(Map.of("INDEX_PREFIX", "Transcripts!"));
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("INDEX_PREFIX 'Transcripts!' must be lowercase letters"), run.output());
    }

    @Test
    void aMissingSecretIsNamed() throws Exception {
        Map<String, String> env = new HashMap<>(ComposeStack.exampleEnv());
        Map<String, String> container = ComposeStack.load(env).environment("preflight");
        container.remove("KIBANA_SETUP_PASSWORD"); // as if the compose file forgot to pass it on
        Run run = run(container);
        assertEquals(1, run.exit(), run.output());
        assertTrue(run.output().contains("KIBANA_SETUP_PASSWORD is not set: set it in .env"), run.output());
    }

    record Run(int exit, String output) {
    }

    /** preflight.sh with the environment compose resolves for its service from .env.example filled plus {@code dotEnv}. */
    private static Run preflight(Map<String, String> dotEnv) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>(ComposeStack.exampleEnv());
        env.putAll(dotEnv);
        return run(ComposeStack.load(env).environment("preflight"));
    }

    private static Run run(Map<String, String> container) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "../docker/security/preflight.sh").redirectErrorStream(true);
        String path = pb.environment().get("PATH");
        pb.environment().clear();
        pb.environment().put("PATH", path);
        pb.environment().putAll(container);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "preflight.sh finished");
        return new Run(p.exitValue(), out);
    }
}
