package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.Test;

class SearchCursorTest {
    private final SearchCursor cursors = new SearchCursor("test-secret");

    @Test
    void roundTripsThePosition() {
        JsonArray after = new JsonArray().add(1.25).add(1741597200000L).add("kore-banking").add("contact;1;x").add("m3");
        String c = cursors.encode(new SearchCursor.Position(after, 40), "q=refund");
        SearchCursor.Position p = cursors.decode(c, "q=refund");
        assertEquals(after, p.searchAfter());
        assertEquals(40, p.served());
    }

    @Test
    void refusesAlteredForeignOrOtherQueryCursors() {
        String c = cursors.encode(new SearchCursor.Position(new JsonArray().add(1), 20), "q=refund");
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            String altered = c.substring(0, i) + (ch == 'A' ? 'B' : 'A') + c.substring(i + 1);
            ApiError e = assertThrows(ApiError.class, () -> cursors.decode(altered, "q=refund"), altered);
            assertEquals("cursor", e.parameter());
        }
        assertThrows(ApiError.class, () -> new SearchCursor("other-secret").decode(c, "q=refund"));
        ApiError other = assertThrows(ApiError.class, () -> cursors.decode(c, "q=password"));
        assertEquals(400, other.status());
        assertThrows(ApiError.class, () -> cursors.decode("", "q=refund"));
        assertThrows(ApiError.class, () -> cursors.decode("....", "q=refund"));
    }
}
