package org.transcriptsearch.kibana;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PanelFieldsTest {

    @Test
    void everyFieldAPanelUsesExistsWithATypeItsOperationAggregates() {
        List<String> problems = FieldCheck.problems(SavedObjects.load());
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void analysedTextInATermsBreakdownIsRefused(@TempDir Path dir) throws IOException {
        List<String> problems = broken(dir, "\\\"sourceField\\\":\\\"language\\\"", "\\\"sourceField\\\":\\\"text\\\"");
        assertTrue(problems.stream().anyMatch(p -> p.contains("cannot aggregate text of type text")), problems::toString);
    }

    @Test
    void aFieldMissingFromTheMappingsIsRefused(@TempDir Path dir) throws IOException {
        List<String> problems = broken(dir, "\\\"sourceField\\\":\\\"lag_ms\\\"", "\\\"sourceField\\\":\\\"lag\\\"");
        assertTrue(problems.stream().anyMatch(p -> p.contains("field lag is not in transcripts-runs's mappings")), problems::toString);
    }

    @Test
    void aKqlFilterOnAnUnknownFieldIsRefused(@TempDir Path dir) throws IOException {
        List<String> problems = broken(dir, "intent.fallback: true", "intent.fellback: true");
        assertTrue(problems.stream().anyMatch(p -> p.contains("KQL names intent.fellback")), problems::toString);
    }

    @Test
    void kqlBecomesTheQueryKibanaSends() {
        Kql.Parsed review = Kql.parse("role: \"user\" and (intent.fallback: true or intent.confidence < 0.5)");
        assertEquals("{\"bool\":{\"filter\":[{\"match_phrase\":{\"role\":{\"query\":\"user\"}}},{\"bool\":{\"should\":["
                + "{\"match\":{\"intent.fallback\":{\"query\":\"true\"}}},{\"range\":{\"intent.confidence\":{\"lt\":0.5}}}],"
                + "\"minimum_should_match\":1}}]}}", review.query().toString());
        assertEquals(List.of("role", "intent.fallback", "intent.confidence"), List.copyOf(review.fields()));
        assertEquals("{\"bool\":{\"must_not\":[{\"match_phrase\":{\"outcome\":{\"query\":\"success\"}}}]}}",
                Kql.parse("not outcome: \"success\"").query().toString());
        assertEquals("{\"match_all\":{}}", Kql.parse("").query().toString());
    }

    @Test
    void kqlTheChecksCannotReadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Kql.parse("role: (user or bot"));
        assertThrows(IllegalArgumentException.class, () -> Kql.parse("text: \"unterminated"));
        assertThrows(IllegalArgumentException.class, () -> Kql.parse("role ~ user"));
    }

    private static List<String> broken(Path dir, String from, String to) throws IOException {
        boolean changed = false;
        try (Stream<Path> files = Files.list(SavedObjects.DIRECTORY)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                changed |= text.contains(from);
                Files.writeString(dir.resolve(f.getFileName()), text.replace(from, to), StandardCharsets.UTF_8);
            }
        }
        assertTrue(changed, "the bundle no longer contains " + from + "; update this test");
        return FieldCheck.problems(SavedObjects.load(dir));
    }
}
