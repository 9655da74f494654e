package org.transcriptsearch.sandbox.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.sandbox.http.JsonWire;

class PhrasebookTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Map<String, String> VALUES = Map.of("order", "A1", "product", "P", "city", "C", "amount", "1",
            "email", "e@x", "otp", "0", "topic", "T");

    @Test
    void everyLineExistsInEveryLanguageAndUsesOnlyKnownPlaceholders() {
        Phrasebook book = Phrasebook.load();
        Fillers fillers = new Fillers(VALUES);
        assertTrue(book.topics().size() >= 8, "topics: " + book.topics().size());
        for (Language language : Language.values()) {
            for (String key : Phrasebook.SMALL_TALK) {
                book.smallTalk(key, language).forEach(line -> checkLine(fillers, line));
            }
            for (Phrasebook.Topic topic : book.topics()) {
                assertEquals(topic.lines("followup", language).size(), topic.lines("answerFollowup", language).size(),
                        topic.intent() + ": answerFollowup[i] answers followup[i]");
                for (String key : Phrasebook.TOPIC_LINES) {
                    assertFalse(topic.lines(key, language).isEmpty(), topic.intent() + "." + key + "." + language);
                    topic.lines(key, language).forEach(line -> checkLine(fillers, line));
                }
            }
        }
    }

    @Test
    void aGapInALanguageFailsAtLoad() {
        ObjectNode root = (ObjectNode) JsonWire.MAPPER.valueToTree(Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Phrasebook.parse(root));
        assertTrue(e.getMessage().contains("languages"), e.getMessage());
    }

    @Test
    void fillingReportsEntitiesInCodePoints() {
        Fillers fillers = new Fillers(Map.of("order", "A12345678", "email", "user1@example.com"));
        Fillers.Filled filled = fillers.fill("注文番号は{order}です");
        assertEquals("注文番号はA12345678です", filled.text());
        assertEquals(1, filled.entities().size());
        assertEquals("order_id", filled.entities().get(0).entity());
        assertEquals(5, filled.entities().get(0).start());
        assertEquals(14, filled.entities().get(0).end());
    }

    private static void checkLine(Fillers fillers, String line) {
        Matcher m = PLACEHOLDER.matcher(line);
        while (m.find()) {
            assertTrue(VALUES.containsKey(m.group(1)), "unknown placeholder in: " + line);
        }
        assertFalse(fillers.fill(line).text().contains("{"), line);
    }
}
