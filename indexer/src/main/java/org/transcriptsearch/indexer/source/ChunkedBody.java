package org.transcriptsearch.indexer.source;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body kept as the chunks it arrived in (one composite buffer), never copied into a single
 * growing array. A vendor page is megabytes: each doubling of one array would be a G1 humongous object
 * on the harvester's small heap, and each of those can start a concurrent GC cycle (measured: most of
 * the harvester's GC time came from these and the bulk bodies).
 */
final class ChunkedBody implements BodyCodec<Buffer> {
    static final ChunkedBody INSTANCE = new ChunkedBody();

    private ChunkedBody() {
    }

    @Override
    public BodyStream<Buffer> stream() {
        return new Chunks();
    }

    private static final class Chunks implements BodyStream<Buffer> {
        private final CompositeByteBuf chunks = Unpooled.compositeBuffer(Integer.MAX_VALUE);
        private final Promise<Buffer> result = Promise.promise();

        @Override
        public Future<Buffer> result() {
            return result.future();
        }

        @Override
        public void handle(Throwable failure) {
            result.tryFail(failure);
        }

        @Override
        public Future<Void> write(Buffer data) {
            ByteBuf chunk = ((BufferInternal) data).getByteBuf();
            // Vert.x hands out heap copies of what it read; anything else is copied so that nothing is shared.
            chunks.addComponent(true, chunk.hasArray() ? chunk : Unpooled.copiedBuffer(chunk));
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            result.tryComplete(BufferInternal.buffer(chunks));
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
