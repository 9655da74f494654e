package org.transcriptsearch.kibana;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SavedObjectsFormatTest {

    @Test
    void theBundleIsWhatKibana819Imports() {
        List<String> problems = BundleCheck.problems(SavedObjects.load());
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void theBundleHoldsTheDataViewsDashboardsAndReviewQueue() {
        SavedObjects bundle = SavedObjects.load();
        assertEquals(Set.of("transcripts-messages", "transcripts-conversations", "transcripts-runs"), ids(bundle, "index-pattern"));
        assertEquals(Set.of("transcripts-conversations-overview", "transcripts-intents-and-understanding",
                "transcripts-harvest-health"), ids(bundle, "dashboard"));
        assertEquals(Set.of("transcripts-review-queue"), ids(bundle, "search"));
        assertTrue(LensPanel.of(bundle).size() >= 30, "every dashboard has its panels");
    }

    @Test
    void aDanglingReferenceIsReported(@TempDir Path dir) throws IOException {
        List<String> problems = broken(dir, "\"id\":\"transcripts-runs\",\"name\":\"lag:", "\"id\":\"transcripts-run\",\"name\":\"lag:");
        assertTrue(problems.stream().anyMatch(p -> p.contains("transcripts-run,") || p.contains("transcripts-run ")), problems::toString);
    }

    @Test
    void overlappingOrOversizedPanelsAreReported(@TempDir Path dir) throws IOException {
        List<String> problems = broken(dir, "{\\\"x\\\":24,\\\"y\\\":30,\\\"w\\\":24", "{\\\"x\\\":20,\\\"y\\\":30,\\\"w\\\":30");
        assertTrue(problems.stream().anyMatch(p -> p.contains("overlaps")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("does not fit the 48-column grid")), problems::toString);
    }

    @Test
    void aMigrationVersionNewerThanKibana819IsReported(@TempDir Path dir) throws IOException {
        List<String> problems = broken(dir, "\"typeMigrationVersion\":\"10.2.0\"", "\"typeMigrationVersion\":\"10.9.0\"");
        assertTrue(problems.stream().anyMatch(p -> p.contains("newer than 10.2.0")), problems::toString);
    }

    @Test
    void brokenEmbeddedJsonIsReported(@TempDir Path dir) throws IOException {
        List<String> problems = broken(dir, "\"optionsJSON\":\"{", "\"optionsJSON\":\"{{");
        assertTrue(problems.stream().anyMatch(p -> p.contains("optionsJSON is not valid JSON")), problems::toString);
    }

    @Test
    void aLensLayerWithoutItsDashboardReferenceIsReported(@TempDir Path dir) throws IOException {
        List<String> problems = broken(dir, "\"name\":\"runs-total:indexpattern-datasource-layer-runs-total-layer\"",
                "\"name\":\"runs-total:indexpattern-datasource-layer-other\"");
        assertTrue(problems.stream().anyMatch(p -> p.contains("panel runs-total: layer runs-total-layer has no matching data view reference")),
                problems::toString);
    }

    /** The real bundle with one textual change, checked. */
    static List<String> broken(Path dir, String from, String to) throws IOException {
        boolean changed = false;
        try (Stream<Path> files = Files.list(SavedObjects.DIRECTORY)) {
            for (Path f : files.toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                changed |= text.contains(from);
                Files.writeString(dir.resolve(f.getFileName()), text.replace(from, to), StandardCharsets.UTF_8);
            }
        }
        assertTrue(changed, "the bundle no longer contains " + from + "; update this test");
        return BundleCheck.problems(SavedObjects.load(dir)).stream().toList();
    }

    private static Set<String> ids(SavedObjects bundle, String type) {
        return bundle.ofType(type).stream().map(SavedObjects.SavedObject::id).collect(Collectors.toSet());
    }
}
