package org.transcriptsearch.privacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the built-in detectors on {@code privacy/corpus.json}: recall (listed values replaced exactly,
 * by the right kind) and the false-positive rate (look-alike messages changed), per kind and language.
 * Prints the table, and fails below recall 0.99 or above 1 % false positives anywhere.
 */
class PiiDetectionTest {
    private static final List<String> LANGUAGES = List.of("ko", "ja", "zh", "en");
    private static final double MIN_RECALL = 0.99;
    private static final double MAX_FALSE_POSITIVES = 0.01;

    private static JsonNode corpus;
    private final PiiRedaction redaction = new PiiRedaction(new PrivacyConfig(EnumSet.allOf(PiiKind.class), List.of()));

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = PiiDetectionTest.class.getResourceAsStream("/privacy/corpus.json")) {
            corpus = new ObjectMapper().readTree(in);
        }
    }

    /** Counts for one kind in one language. */
    private static final class Cell {
        int present;
        int found;
        int lookalikes;
        int lookalikesChanged;
        int strayInPersonal;
        final List<String> misses = new ArrayList<>();

        double recall() {
            return present == 0 ? 1 : (double) found / present;
        }

        double falsePositives() {
            return lookalikes == 0 ? 0 : (double) lookalikesChanged / lookalikes;
        }
    }

    @Test
    void recallAndFalsePositivesPerKindAndLanguage() {
        Map<String, Cell> cells = new LinkedHashMap<>();
        for (PiiKind kind : PiiKind.values()) {
            for (String lang : LANGUAGES) {
                cells.put(kind.configName() + "/" + lang, new Cell());
            }
        }
        for (JsonNode message : corpus.get("personal")) {
            measurePersonal(message, cells);
        }
        for (JsonNode message : corpus.get("lookalikes")) {
            String lang = message.get("lang").asText();
            List<PiiMatch> matches = redaction.find(message.get("text").asText());
            for (PiiKind kind : PiiKind.values()) {
                Cell cell = cells.get(kind.configName() + "/" + lang);
                cell.lookalikes++;
                List<PiiMatch> wrong = matches.stream().filter(m -> m.kind().equals(kind.configName())).toList();
                if (!wrong.isEmpty()) {
                    cell.lookalikesChanged++;
                    cell.misses.add("look-alike changed: " + message.get("text").asText());
                }
            }
        }
        System.out.println(table(cells));
        List<String> failures = new ArrayList<>();
        cells.forEach((key, cell) -> {
            if (cell.recall() < MIN_RECALL || cell.falsePositives() > MAX_FALSE_POSITIVES
                    || cell.strayInPersonal > cell.present * MAX_FALSE_POSITIVES) {
                failures.add(key + " " + cell.misses);
            }
        });
        assertTrue(failures.isEmpty(), "detectors below the bar:\n" + String.join("\n", failures));
    }

    private void measurePersonal(JsonNode message, Map<String, Cell> cells) {
        String lang = message.get("lang").asText();
        String text = message.get("text").asText();
        List<PiiMatch> matches = new ArrayList<>(redaction.find(text));
        for (JsonNode value : message.get("values")) {
            String kind = value.get("kind").asText();
            String written = value.get("value").asText();
            int start = text.indexOf(written);
            Cell cell = cells.get(kind + "/" + lang);
            cell.present++;
            boolean found = matches.removeIf(m -> m.start() == start && m.end() == start + written.length()
                    && m.kind().equals(kind));
            if (found) {
                cell.found++;
            } else {
                cell.misses.add("missed " + kind + " '" + written + "' in: " + text + " (matches: " + redaction.find(text) + ")");
            }
        }
        for (PiiMatch stray : matches) {
            Cell cell = cells.get(stray.kind() + "/" + lang);
            cell.strayInPersonal++;
            cell.misses.add("stray " + stray.kind() + " '" + text.substring(stray.start(), stray.end()) + "' in: " + text);
        }
    }

    private static String table(Map<String, Cell> cells) {
        StringBuilder sb = new StringBuilder(String.format("%n%-12s %-4s %8s %8s %8s %10s %8s%n",
                "kind", "lang", "values", "found", "recall", "look-alike", "fp-rate"));
        cells.forEach((key, cell) -> {
            String[] parts = key.split("/");
            sb.append(String.format("%-12s %-4s %8d %8d %8.3f %5d/%-4d %8.3f%s%n", parts[0], parts[1], cell.present,
                    cell.found, cell.recall(), cell.lookalikesChanged, cell.lookalikes, cell.falsePositives(),
                    cell.strayInPersonal == 0 ? "" : "  (+" + cell.strayInPersonal + " stray in personal messages)"));
        });
        return sb.toString();
    }
}
