package org.transcriptsearch.indexer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.secrets.Redactor;

class IndexerContextTest {
    private static final String QUOTED = "vendor answered: invalid value 'jane.doe@example.com, 010-9876-5432' for field x";

    private static String printed(Path config) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Redactor.none(), false);
        try (IndexerContext context = new IndexerContext(console, Map.of(), Optional.of(config))) {
            context.config();
            console.note(QUOTED);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withAPrivacySectionEveryLinePrintedIsRedactedLikeAMessage(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("t.yml"), "privacy:\n  redact: [email, phone]\n");
        String out = printed(config);
        assertFalse(out.contains("jane.doe@example.com") || out.contains("010-9876-5432"), out);
        assertTrue(out.contains("[EMAIL], [PHONE]"), out);
    }

    @Test
    void withoutOneNothingIsRedacted(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("t.yml"), "index:\n  prefix: t\n");
        assertEquals(QUOTED, printed(config).strip());
    }
}
