package org.transcriptsearch.sandbox.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.transcriptsearch.sandbox.http.JsonWire;

/** Reads the vendors' samples from {@code golden/} and moves their timestamps into the sandbox's span. */
public final class GoldenResources {
    private GoldenResources() {
    }

    public static JsonNode read(String path) {
        try (InputStream in = GoldenResources.class.getResourceAsStream("/golden/" + path)) {
            if (in == null) {
                throw new IllegalStateException("golden sample missing: golden/" + path);
            }
            return JsonWire.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden/" + path, e);
        }
    }

    /**
     * The shift, in whole seconds so integer-second fields stay integers, that puts a sample's newest
     * timestamp a third of the span before the span's end.
     */
    public static long shiftMs(long newestMs, Layout layout) {
        long target = layout.toMs() - (layout.toMs() - layout.fromMs()) / 3;
        return Math.floorDiv(target - newestMs, 1000L) * 1000L;
    }

    /** {@code 2019-04-01T13:25:58.515Z} shifted, in the same format (milliseconds, Z). */
    public static String shiftIsoInstant(String iso, long shiftMs) {
        return DateTimeFormatter.ISO_INSTANT.format(
                Instant.parse(iso).plusMillis(shiftMs).truncatedTo(ChronoUnit.MILLIS));
    }

    /** AgentX's zone-less {@code 2025-04-15T20:58:15.384884} (UTC) as epoch milliseconds. */
    public static long zonelessToMs(String iso) {
        return LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
