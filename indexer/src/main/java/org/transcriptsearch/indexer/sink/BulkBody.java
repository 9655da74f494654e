package org.transcriptsearch.indexer.sink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;
import org.apache.http.entity.AbstractHttpEntity;
import org.apache.http.nio.ContentEncoder;
import org.apache.http.nio.IOControl;
import org.apache.http.nio.entity.HttpAsyncContentProducer;

/**
 * A {@code _bulk} request body sent straight from its items' own NDJSON lines, never copied into one
 * array. Such an array is megabytes: on the harvester's small heap every one is a G1 humongous object,
 * and each humongous allocation can start a concurrent GC cycle (measured: most of the harvester's GC
 * time). Repeatable: every send produces the body afresh.
 */
final class BulkBody extends AbstractHttpEntity implements HttpAsyncContentProducer {
    private final List<BulkItem> items;
    private final long length;
    private int item;
    private ByteBuffer current;

    BulkBody(List<BulkItem> items) {
        this.items = items;
        long n = 0;
        for (BulkItem i : items) {
            n += i.ndjson().length;
        }
        this.length = n;
        setContentType("application/x-ndjson");
    }

    @Override
    public void produceContent(ContentEncoder encoder, IOControl ioControl) throws IOException {
        while (true) {
            if (current == null || !current.hasRemaining()) {
                if (item == items.size()) {
                    encoder.complete();
                    return;
                }
                current = ByteBuffer.wrap(items.get(item++).ndjson());
            }
            encoder.write(current);
            if (current.hasRemaining()) {
                return; // the channel is full: called again when it can take more
            }
        }
    }

    @Override
    public boolean isRepeatable() {
        return true;
    }

    @Override
    public long getContentLength() {
        return length;
    }

    @Override
    public InputStream getContent() {
        return new SequenceInputStream(Collections.enumeration(items.stream()
                .map(i -> (InputStream) new ByteArrayInputStream(i.ndjson())).toList()));
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        for (BulkItem i : items) {
            out.write(i.ndjson());
        }
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    /** Ready to be produced again from the first item (a retry, or the client asking for it anew). */
    @Override
    public void close() {
        item = 0;
        current = null;
    }
}
