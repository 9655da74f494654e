package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.logging.Logging;

/** Vert.x's own logging (an unhandled exception on an event loop, say) comes out as the product's log lines. */
class VertxLogsTest {

    @Test
    void vertxLogsThroughTheOneBackend() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Logging.configure("info", "json");
            var vertxLog = io.vertx.core.internal.logging.LoggerFactory.getLogger("io.vertx.core.impl.ContextImpl");
            vertxLog.info("internal chatter");
            vertxLog.error("Unhandled exception", new IllegalStateException("handler failed"));
        } finally {
            System.setErr(original);
            Logging.configure(null, null);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        assertFalse(out.contains("internal chatter"), "Vert.x below warn stays out: " + out);
        JsonNode line = new ObjectMapper().readTree(out);
        assertEquals("io.vertx.core.impl.ContextImpl", line.path("log.logger").asText());
        assertEquals("ERROR", line.path("log.level").asText());
        assertEquals("handler failed", line.path("error.message").asText());
    }
}
