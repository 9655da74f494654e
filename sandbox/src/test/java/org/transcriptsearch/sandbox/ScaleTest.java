package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Benchmark-sized data stays lazy: a quarter of a million messages index quickly and any page is served directly. */
class ScaleTest {
    @Test
    void aLargeCorpusServesItsLastPagesWithoutMaterialising() throws Exception {
        long start = System.nanoTime();
        try (VendorSandbox sandbox = VendorSandbox.start(SandboxOptions.builder().seed(21).conversationsPerVendor(30_000)
                .vendors(Vendor.KORE).rateLimits(false).build())) {
            double startSeconds = (System.nanoTime() - start) / 1e9;
            long messages = sandbox.groundTruth().messageCount(Vendor.KORE);
            assertTrue(messages > 250_000, "messages: " + messages);
            assertTrue(startSeconds < 30, "started in " + startSeconds + " s");
            Instant to = sandbox.now().minus(Duration.ofDays(1));
            Instant from = to.minus(Duration.ofDays(6));
            JsonNode first = KoreApiTest.post(sandbox, KoreApiTest.window(from, to, 0, true)).json();
            int total = first.path("total").asInt();
            assertTrue(total > 60_000, "a 6-day window holds about 6/21 of them: " + total);
            long pageStart = System.nanoTime();
            JsonNode last = KoreApiTest.post(sandbox, KoreApiTest.window(from, to, total - 50, true)).json();
            assertEquals(50, last.path("messages").size());
            assertTrue(!last.path("moreAvailable").asBoolean());
            assertTrue((System.nanoTime() - pageStart) / 1e9 < 5, "a deep page is as cheap as the first");
            assertTrue(Instant.parse(last.path("messages").get(49).path("createdOn").asText()).isBefore(to));
        }
    }
}
