package org.transcriptsearch.indexer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.document.ConversationDocument;
import org.transcriptsearch.document.DocumentIds;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.Named;
import org.transcriptsearch.elastic.ElasticsearchConnection;

/** The value types of the connector contract and the document model, in the JVM alone. */
class ConnectorContractTest {
    @Test
    void idsAreDeterministicUrlSafeAndSeparateTheirParts() {
        String a = DocumentIds.message("cx", "chat;a;b", "m1");
        assertEquals(a, DocumentIds.message("cx", "chat;a;b", "m1"));
        assertTrue(a.matches("cx~[A-Za-z0-9_-]{43}"), a);
        assertNotEquals(DocumentIds.message("cx", "a;b", "c"), DocumentIds.message("cx", "a", "b;c"));
        assertNotEquals(DocumentIds.message("cx", "a", "b"), DocumentIds.message("cy", "a", "b"));
        assertNotEquals(DocumentIds.conversation("cx", "a"), DocumentIds.message("cx", "a", ""));
    }

    @Test
    void absentFieldsAreLeftOutNeverEmpty() throws Exception {
        MessageDocument m = new MessageDocument(Instant.parse("2024-07-01T00:00:00Z"), "cxone", "cx", Named.of("", null),
                new MessageDocument.ConversationRef("c"), new MessageDocument.MessageRef("m", 0, ""), "user", "  ", null,
                null, Map.of(), null, MessageDocument.CustomerRef.of(""), List.of(), List.of(" "), "", null, null, null);
        String json = ElasticsearchConnection.newObjectMapper().writeValueAsString(m);
        assertEquals("{\"@timestamp\":\"2024-07-01T00:00:00Z\",\"vendor\":\"cxone\",\"source\":\"cx\","
                + "\"conversation\":{\"id\":\"c\"},\"message\":{\"id\":\"m\",\"seq\":0},\"role\":\"user\"}", json);
        ConversationDocument c = new ConversationDocument(null, "cxone", "cx", null,
                new ConversationDocument.Conversation("c", null, null, null, 5L, null),
                new ConversationDocument.Counts(0, 0, 0, 0, 0), List.of(""), List.of(), null, null, null, List.of(), null, "", null, null,
                List.of(), List.of(), null, null, Map.of(), null, null);
        assertEquals("{\"vendor\":\"cxone\",\"source\":\"cx\",\"conversation\":{\"id\":\"c\",\"duration_ms\":5},"
                + "\"messages\":{\"total\":0,\"user\":0,\"bot\":0,\"agent\":0,\"system\":0}}",
                ElasticsearchConnection.newObjectMapper().writeValueAsString(c));
    }

    @Test
    void checkpointLoaderToleratesOldAndOddValues() {
        Checkpoint c = Checkpoint.load(Map.of("through", "2024-07-01T00:00:00Z", "cursor", 42, "nested", Map.of("x", 1),
                "legacy", "not-a-time"));
        assertEquals(Instant.parse("2024-07-01T00:00:00Z"), c.through().orElseThrow());
        assertEquals("42", c.get("cursor").orElseThrow());
        assertFalse(c.get("nested").isPresent());
        assertFalse(c.instant("legacy").isPresent());
        assertTrue(Checkpoint.load(null).isEmpty());
        assertEquals(Instant.parse("2024-07-02T00:00:00Z"),
                c.merge(Checkpoint.through(Instant.parse("2024-07-02T00:00:00Z"))).through().orElseThrow());
    }

    @Test
    void durationsAsPeopleWriteThem() {
        assertEquals(Duration.ofDays(30), DurationSetting.parse("30d"));
        assertEquals(Duration.ofMinutes(5), DurationSetting.parse("5m"));
        assertEquals(Duration.ZERO, DurationSetting.parse("0"));
        assertEquals(Duration.ofMinutes(5), DurationSetting.parse("PT5M"));
        assertThrows(IllegalArgumentException.class, () -> DurationSetting.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> DurationSetting.parse("soon"));
        assertEquals("12h", DurationSetting.format(Duration.ofHours(12)));
    }

    @Test
    void retryHonoursRetryAfterWithinItsCapAndJittersOtherwise() {
        RetryPolicy p = RetryPolicy.defaults();
        assertEquals(Duration.ofSeconds(7), p.delay(1, Duration.ofSeconds(7)));
        assertEquals(p.maxRetryAfter(), p.delay(1, Duration.ofHours(1)));
        for (int attempt = 1; attempt < 10; attempt++) {
            Duration d = p.delay(attempt, null);
            assertTrue(d.compareTo(p.maxDelay()) <= 0 && !d.isNegative(), d.toString());
        }
        assertEquals(Duration.ofSeconds(3), VendorHttp.retryAfter("3"));
        assertEquals(null, VendorHttp.retryAfter("soon"));
    }

    @Test
    void settingsProblemsAreReportedTogetherWithTheirKeys() {
        SourceConfig config = new SourceConfig("cx", "cxone", Map.of("baseUrl", "ftp://x", "perPage", "500", "tokn", "x"));
        ConfigException e = assertThrows(ConfigException.class, () -> Connectors.installed().create(config, null));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("sources[cx].baseUrl"), all);
        assertTrue(all.contains("sources[cx].token is missing"), all);
        assertTrue(all.contains("sources[cx].perPage must be between 1 and 200"), all);
        assertTrue(all.contains("unknown key sources[cx].tokn"), all);
    }
}
