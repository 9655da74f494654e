package org.transcriptsearch.indexer.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes {@code _bulk} operations (action line and source line) into one array each, through one
 * reused buffer: a document is serialised straight into place instead of into an array of its own that
 * is then copied. Not thread-safe: one per harvest run, used on its event loop.
 */
public final class BulkLines {
    private static final byte[] DOC = "{\"doc\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UPSERT = ",\"upsert\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END_UPDATE = "}\n".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);

    public BulkLines(ObjectMapper json) {
        this.json = json;
    }

    /** {@code index} of {@code source} under {@code id}. */
    public byte[] index(String index, String id, Object source) {
        buffer.reset();
        action("index", index, id);
        write(source);
        buffer.write('\n');
        return buffer.toByteArray();
    }

    /** {@code update} with {@code doc} (merged into a stored document) and {@code upsert} (stored if there is none). */
    public byte[] update(String index, String id, Object doc, Object upsert) {
        buffer.reset();
        action("update", index, id);
        buffer.writeBytes(DOC);
        write(doc);
        buffer.writeBytes(UPSERT);
        write(upsert);
        buffer.writeBytes(END_UPDATE);
        return buffer.toByteArray();
    }

    private void action(String op, String index, String id) {
        buffer.writeBytes(("{\"" + op + "\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private void write(Object value) {
        try {
            json.writeValue(buffer, value);
        } catch (IOException e) { // a document that cannot be serialised: a bug, not bad input
            throw new IllegalStateException("a " + value.getClass().getSimpleName() + " could not be serialised: "
                    + e.getMessage(), e);
        }
    }
}
