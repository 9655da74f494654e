package org.transcriptsearch.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Compact object nodes behave as the default ones do: same trees, same order, same text, same equality. */
class CompactNodeFactoryTest {
    private static final ObjectMapper DEFAULT = new ObjectMapper();
    private static final ObjectMapper COMPACT = new ObjectMapper().setNodeFactory(new CompactNodeFactory(false));

    @Test
    void parsesToTheSameTreeAndWritesTheSameText() throws Exception {
        String page = """
                {"data":[{"conversationId":"c1","tracker":{"events":[{"event":"user","timestamp":1719824400.25,
                "parse_data":{"intent":{"name":"greet","confidence":0.93},"entities":[]}},{"event":"action","name":"x"}]},
                "tags":["a","b"],"n":null,"ok":true}],"next_page_url":null}""";
        JsonNode compact = COMPACT.readTree(page);
        JsonNode plain = DEFAULT.readTree(page);
        assertEquals(plain, compact);
        assertEquals(compact, plain);
        assertEquals(plain.hashCode(), compact.hashCode());
        assertEquals(DEFAULT.writeValueAsString(plain), COMPACT.writeValueAsString(compact));
    }

    @Test
    void keepsInsertionOrderAcrossTheSwitchToALargeMap() {
        for (int n : new int[]{0, 1, 4, 5, CompactNodeFactory.SMALL - 1, CompactNodeFactory.SMALL,
                CompactNodeFactory.SMALL + 1, 100}) {
            ObjectNode compact = COMPACT.createObjectNode();
            Map<String, JsonNode> expected = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                compact.put("f" + (n - i), i);
                expected.put("f" + (n - i), IntNode.valueOf(i));
            }
            compact.put("f1", -1); // replacing keeps the place
            expected.put("f1", IntNode.valueOf(-1));
            List<String> names = new ArrayList<>();
            compact.fieldNames().forEachRemaining(names::add);
            assertEquals(new ArrayList<>(expected.keySet()), names, "n=" + n);
            expected.forEach((k, v) -> assertEquals(v, compact.get(k), k));
            assertEquals(expected.size(), compact.size());
        }
    }

    @Test
    void removesAsAMapDoes() {
        Random random = new Random(3);
        ObjectNode compact = COMPACT.createObjectNode();
        Map<String, JsonNode> model = new LinkedHashMap<>();
        for (int step = 0; step < 5_000; step++) {
            String key = "k" + random.nextInt(20);
            if (random.nextInt(3) == 0) {
                assertEquals(model.remove(key), compact.remove(key), "remove " + key);
            } else {
                assertEquals(model.put(key, IntNode.valueOf(step)), compact.replace(key, IntNode.valueOf(step)), "put " + key);
            }
            assertEquals(model.size(), compact.size());
        }
        List<String> names = new ArrayList<>();
        compact.fieldNames().forEachRemaining(names::add);
        assertEquals(new ArrayList<>(model.keySet()), names);
    }

    @Test
    void iteratorRemovesAndNoticesChanges() {
        ObjectNode compact = COMPACT.createObjectNode().put("a", 1).put("b", 2).put("c", 3);
        Iterator<Map.Entry<String, JsonNode>> it = compact.properties().iterator();
        it.next();
        it.remove();
        assertEquals("b", it.next().getKey());
        it.remove();
        assertEquals("c", it.next().getKey());
        assertFalse(it.hasNext());
        assertEquals(1, compact.size());
        assertTrue(compact.has("c"));
        assertNull(compact.get("a"));
        Iterator<String> names = compact.fieldNames();
        compact.put("d", 4);
        assertThrows(java.util.ConcurrentModificationException.class, names::next);
    }

    @Test
    void setValueThroughAnEntryChangesTheField() {
        ObjectNode compact = COMPACT.createObjectNode().put("a", 1);
        compact.properties().iterator().next().setValue(IntNode.valueOf(7));
        assertEquals(7, compact.get("a").asInt());
    }
}
