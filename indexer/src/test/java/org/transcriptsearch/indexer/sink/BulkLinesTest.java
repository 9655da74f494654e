package org.transcriptsearch.indexer.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.document.HarvestStamp;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/** Bulk lines replace documents whole, carry their version, and a digest of their content without the stamp. */
class BulkLinesTest {
    private static final ObjectMapper JSON = ElasticsearchConnection.newObjectMapper();
    private final BulkLines lines = new BulkLines(JSON);

    private JsonNode[] parse(byte[] line) throws Exception {
        String[] parts = new String(line, StandardCharsets.UTF_8).split("\n");
        return new JsonNode[] {JSON.readTree(parts[0]), JSON.readTree(parts[1])};
    }

    @Test
    void aStampedDocumentIsIndexedWholeWithItsVersionAndTheDigestOfItsContent() throws Exception {
        BulkLines.Stamped s = lines.stamped("m", "id-1", 42, Map.of("text", "hello", "role", "user"),
                new HarvestStamp("run-1", Instant.parse("2026-12-01T00:00:00Z")));
        JsonNode[] l = parse(s.line());
        assertEquals("m", l[0].path("index").path("_index").asText(), "index, never a merging update: " + l[0]);
        assertEquals(42, l[0].path("index").path("version").asLong());
        assertEquals("external_gte", l[0].path("index").path("version_type").asText());
        assertEquals("hello", l[1].path("text").asText());
        assertEquals("run-1", l[1].path("harvest").path("run_id").asText());
        assertEquals(s.digest(), l[1].path("harvest").path("digest").asText());
        assertTrue(new String(s.line(), StandardCharsets.UTF_8).endsWith("}\n"));
    }

    @Test
    void theDigestIgnoresTheStampAndFollowsTheContent() {
        Map<String, Object> doc = Map.of("text", "hello");
        String a = lines.stamped("m", "id", 1, doc, new HarvestStamp("run-1", Instant.EPOCH)).digest();
        String b = lines.stamped("m", "id", 2, doc, new HarvestStamp("run-2", Instant.now())).digest();
        String c = lines.stamped("m", "id", 3, Map.of("text", "hello!"), new HarvestStamp("run-1", Instant.EPOCH)).digest();
        assertEquals(a, b, "another run, the same content: unchanged");
        assertNotEquals(a, c, "other content: changed");
    }

    @Test
    void anUnversionedLineHasNoVersion() throws Exception {
        JsonNode[] l = parse(lines.index("c", "id", BulkItem.UNVERSIONED, Map.of("a", 1)));
        assertTrue(l[0].path("index").path("version").isMissingNode(), l[0].toString());
    }
}
