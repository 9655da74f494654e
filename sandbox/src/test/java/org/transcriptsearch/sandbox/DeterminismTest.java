package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The same seed and anchor serve the same bytes; another seed serves other data. */
class DeterminismTest {
    private static final Instant ANCHOR = Instant.parse("2025-06-01T00:00:00Z");

    private static SandboxOptions options(long seed) {
        return SandboxOptions.builder().seed(seed).anchor(ANCHOR).conversationsPerVendor(40).rateLimits(false).build();
    }

    private record Served(String cxone, String kore, String agentx, SandboxCredentials credentials, long messages) {
    }

    private static Served serve(long seed) throws Exception {
        try (VendorSandbox sandbox = VendorSandbox.start(options(seed))) {
            SandboxClient client = new SandboxClient();
            JsonNode cxone = client.get(CxoneApiTest.url(sandbox, "perPage=20")).json();
            // Scroll ids differ per export by design; the data must not.
            String kore = KoreApiTest.post(sandbox, "{\"limit\":100,\"dateFrom\":\"2025-05-20\",\"dateTo\":\"2025-05-26\"}").body();
            String agentx = AgentxApiTest.get(sandbox, AgentxApiTest.url(sandbox, "messages",
                    ANCHOR.getEpochSecond() - 1_000_000, ANCHOR.getEpochSecond(), "per_page=200")).body();
            return new Served(cxone.path("data").toString(), kore, agentx, sandbox.credentials(),
                    sandbox.groundTruth().messageCount(Vendor.KORE));
        }
    }

    @Test
    void sameSeedSameData() throws Exception {
        Served a = serve(99);
        Served b = serve(99);
        assertEquals(a.cxone(), b.cxone());
        assertEquals(a.kore(), b.kore());
        assertEquals(a.agentx(), b.agentx());
        assertEquals(a.credentials(), b.credentials());
        assertEquals(a.messages(), b.messages());
        Served c = serve(100);
        assertNotEquals(a.cxone(), c.cxone());
        assertNotEquals(a.kore(), c.kore());
        assertNotEquals(a.credentials().cxoneToken(), c.credentials().cxoneToken());
    }
}
