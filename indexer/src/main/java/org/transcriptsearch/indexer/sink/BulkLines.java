package org.transcriptsearch.indexer.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.transcriptsearch.document.HarvestStamp;

/**
 * Encodes {@code _bulk} operations (action line and source line) into one array each, through one reused
 * buffer: a document is serialised straight into place instead of into an array of its own that is then
 * copied. Every operation replaces the stored document whole ({@code index}, never a merging
 * {@code update}: a field the vendor dropped must disappear), versioned ({@code external_gte}) when a
 * version is given. Not thread-safe: one per harvest run, used on its event loop.
 */
public final class BulkLines {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] HARVEST = ",\"harvest\":".getBytes(StandardCharsets.UTF_8);

    /** A document's line, and the digest of its content (without the harvest stamp) it carries. */
    public record Stamped(byte[] line, String digest) {
    }

    private final ObjectMapper json;
    private final Buffer buffer = new Buffer();
    private final MessageDigest sha256;

    public BulkLines(ObjectMapper json) {
        this.json = json;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** {@code index} of {@code source} under {@code id}; {@code version} {@link BulkItem#UNVERSIONED} or external. */
    public byte[] index(String index, String id, long version, Object source) {
        buffer.reset();
        action(index, id, version);
        write(source);
        buffer.write('\n');
        return buffer.toByteArray();
    }

    /**
     * {@code index} of {@code content} (a document without its harvest stamp) with {@code stamp} added,
     * carrying the digest of {@code content} as {@code harvest.digest}: serialised once, hashed as it lies
     * in the buffer, the stamp appended in place of the closing brace.
     */
    public Stamped stamped(String index, String id, long version, Object content, HarvestStamp stamp) {
        buffer.reset();
        action(index, id, version);
        int start = buffer.size();
        write(content);
        int end = buffer.size();
        sha256.update(buffer.array(), start, end - start);
        String digest = BASE64URL.encodeToString(Arrays.copyOf(sha256.digest(), 16));
        if (end - start < 3 || buffer.array()[end - 1] != '}') {
            throw new IllegalStateException("a document must serialise to a non-empty JSON object");
        }
        buffer.truncate(end - 1);
        buffer.writeBytes(HARVEST);
        write(new HarvestStamp(stamp.runId(), stamp.at(), digest));
        buffer.write('}');
        buffer.write('\n');
        return new Stamped(buffer.toByteArray(), digest);
    }

    private void action(String index, String id, long version) {
        String v = version == BulkItem.UNVERSIONED ? "" : ",\"version\":" + version + ",\"version_type\":\"external_gte\"";
        buffer.writeBytes(("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"" + v + "}}\n")
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

    /** A byte buffer whose bytes can be read in place and whose end can be cut back. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(16 * 1024);
        }

        byte[] array() {
            return buf;
        }

        void truncate(int length) {
            count = length;
        }

        @Override
        public void close() {
            // Jackson closes the target after a value; the buffer is reused, so there is nothing to close
        }
    }
}
