package org.transcriptsearch.indexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command that only prints loads: {@code --help} and {@code --version} build no JSON mapper (the
 * redactor builds Jackson on its first JSON line; at start it was a fifth of {@code --help}'s time).
 * Which classes load is checked, not how long it takes: a time on this machine is no measurement.
 */
class CliStartUpIT {
    @TempDir
    Path dir;

    @Test
    void helpAndVersionBuildNoJsonMapper() throws Exception {
        for (String command : List.of("--help", "--version")) {
            Path loaded = dir.resolve("classes" + command + ".txt");
            IndexerProcess run = IndexerProcess.run(dir, Map.of(), List.of("-Xlog:class+load=info:file=" + loaded), command);
            assertEquals(0, run.exit(), run.err());
            String classes = Files.readString(loaded);
            assertTrue(classes.contains("org.transcriptsearch.secrets.Redactor "), "the redactor is made: " + command);
            assertFalse(classes.contains("com.fasterxml.jackson.databind.ObjectMapper "), command + " builds a JSON mapper");
        }
    }
}
