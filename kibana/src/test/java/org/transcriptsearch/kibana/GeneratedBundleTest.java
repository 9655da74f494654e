package org.transcriptsearch.kibana;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle is written by generate-saved-objects.py: an edit made to the NDJSON alone is lost the next time
 * someone changes a panel in the script and runs it (as the harvest panels' forget filter once was).
 */
class GeneratedBundleTest {

    @Test
    void theBundleIsWhatTheScriptWrites(@TempDir Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(python(), "python3 is not installed");
        Process p = new ProcessBuilder("python3", "generate-saved-objects.py", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not finish");
        assertEquals(0, p.exitValue(), output);
        List<String> differ = new ArrayList<>();
        try (Stream<Path> files = Files.list(SavedObjects.DIRECTORY)) {
            for (Path committed : files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
                Path written = dir.resolve(committed.getFileName());
                if (!Files.exists(written) || !Files.readString(written).equals(Files.readString(committed))) {
                    differ.add(committed.getFileName().toString());
                }
            }
        }
        assertTrue(differ.isEmpty(), "run python3 kibana/generate-saved-objects.py and commit: it writes other "
                + differ + " than the committed ones");
    }

    private static boolean python() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
