package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SandboxOptionsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        SandboxOptions o = SandboxOptions.defaults();
        assertEquals(42, o.seed());
        assertEquals(300, o.conversationsPerVendor());
        assertEquals(21, o.spanDays());
        assertTrue(o.rateLimits());
        assertEquals(0, o.port());
        assertEquals(EnumSet.allOf(Vendor.class), o.vendors());
        assertTrue(Math.abs(o.anchor().toEpochMilli() - System.currentTimeMillis()) < 60_000);
    }

    @Test
    void withersAndValidation() {
        SandboxOptions o = SandboxOptions.defaults().withSeed(7).withRateLimits(false).withVendors(Set.of(Vendor.KORE))
                .withAnchor(Instant.EPOCH.plusSeconds(1_000_000_000));
        assertEquals(7, o.seed());
        assertFalse(o.rateLimits());
        assertTrue(o.serves(Vendor.KORE) && !o.serves(Vendor.CXONE));
        assertThrows(IllegalArgumentException.class, () -> o.withConversationsPerVendor(-1));
        assertThrows(IllegalArgumentException.class, () -> o.withSpanDays(0));
        assertThrows(IllegalArgumentException.class, () -> o.withPort(70_000));
        assertThrows(IllegalArgumentException.class, () -> o.withVendors(Set.of()));
    }

    @Test
    void mainParsesItsOptions() {
        SandboxOptions o = SandboxMain.parse(new String[] {"--port", "18080", "--seed", "5", "--conversations", "120000",
                "--no-rate-limits", "--vendors", "kore,agentx"});
        assertEquals(18080, o.port());
        assertEquals(5, o.seed());
        assertEquals(120_000, o.conversationsPerVendor());
        assertFalse(o.rateLimits());
        assertEquals(EnumSet.of(Vendor.KORE, Vendor.AGENTX), o.vendors());
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.parse(new String[] {"--port"}));
        assertThrows(IllegalArgumentException.class, () -> SandboxMain.parse(new String[] {"--colour", "red"}));
    }

    @Test
    void credentialsAreStableAndMaskedInToString() {
        SandboxCredentials a = SandboxCredentials.fromSeed(42);
        assertEquals(a, SandboxCredentials.fromSeed(42));
        assertTrue(a.koreBotId().startsWith("st-") && a.koreClientId().startsWith("cs-"));
        assertTrue(a.agentxBotName().matches("r3-\\d{6}"));
        assertFalse(a.toString().contains(a.cxoneToken()));
        assertFalse(a.toString().contains(a.koreClientSecret()));
        assertFalse(a.toString().contains(a.agentxApiKey()));
    }
}
