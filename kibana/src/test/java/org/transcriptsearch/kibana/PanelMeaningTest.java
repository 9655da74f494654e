package org.transcriptsearch.kibana;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a chart claims to show, checked on the bundle: its top N and its buckets mean what the title says. */
class PanelMeaningTest {

    /**
     * Lens nests bucket columns in column order. With the date histogram first, a "by source" breakdown picks its
     * top N again in every interval, so the legend can hold more series than N and a small source shows only where
     * it happens to rank; with the breakdown first, the N shown are the top N over the whole range.
     */
    @Test
    void aBreakdownOverTimeIsRankedOverTheWholeRange() {
        List<String> problems = new ArrayList<>();
        for (LensPanel panel : LensPanel.of(SavedObjects.load())) {
            List<LensPanel.Column> buckets = panel.buckets();
            int time = indexOf(buckets, "date_histogram");
            int breakdown = indexOf(buckets, "terms");
            if (time >= 0 && breakdown > time) {
                problems.add(panel.where() + ": the breakdown " + buckets.get(breakdown).id()
                        + " is nested inside the date histogram (top N per interval, not overall)");
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    /** A terms column in key order keeps the smallest keys: without an Other bucket the rest silently disappear. */
    @Test
    void aBreakdownInKeyOrderCountsTheRestAsOther() {
        List<String> problems = new ArrayList<>();
        for (LensPanel panel : LensPanel.of(SavedObjects.load())) {
            for (LensPanel.Column c : panel.buckets()) {
                boolean byKey = c.params().path("orderBy").path("type").asText().equals("alphabetical");
                if (c.operationType().equals("terms") && byKey && !c.params().path("otherBucket").asBoolean()) {
                    problems.add(panel.where() + ": " + c.id() + " shows the first " + c.params().path("size").asInt()
                            + " values of " + c.sourceField() + " and drops the rest (no Other bucket)");
                }
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    private static int indexOf(List<LensPanel.Column> columns, String operationType) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).operationType().equals(operationType)) {
                return i;
            }
        }
        return -1;
    }
}
