package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "The same failure several times in a row": a body fault with {@code .times(3)} bends exactly three calls. */
class RepeatedFaultsTest {
    private static final SandboxClient CLIENT = new SandboxClient();
    private static VendorSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(21).conversationsPerVendor(60).rateLimits(false).build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        sandbox.faults().clear();
    }

    /** One call of the vendor; the i-th AgentX call alternates its two endpoints (a vendor fault takes either). */
    static SandboxClient.Response call(VendorSandbox sandbox, Vendor vendor, int i) throws Exception {
        return switch (vendor) {
            case CXONE -> CLIENT.get(CxoneApiTest.url(sandbox, "perPage=10"));
            case KORE -> KoreApiTest.post(sandbox, "{\"limit\":20}");
            case AGENTX -> {
                long end = sandbox.now().getEpochSecond() + 60;
                yield AgentxApiTest.get(sandbox, AgentxApiTest.url(sandbox, i % 2 == 0 ? "messages" : "conversations",
                        end - 2_592_000, end, "per_page=20"));
            }
        };
    }

    private static long delivered(Vendor vendor, Fault.Kind kind) {
        return sandbox.faults().delivered(vendor).stream().filter(e -> e.fault().kind() == kind).count();
    }

    @Test
    void malformedJsonThreeTimesTruncatesThreeCallsInARow() throws Exception {
        for (Vendor vendor : Vendor.values()) {
            long before = delivered(vendor, Fault.Kind.MALFORMED_JSON);
            sandbox.faults().next(vendor, Fault.malformedJson().times(3));
            for (int i = 0; i < 3; i++) {
                SandboxClient.Response broken = call(sandbox, vendor, i);
                assertEquals(200, broken.status());
                assertThrows(UncheckedIOException.class, broken::json, vendor + " call " + (i + 1));
            }
            SandboxClient.Response fourth = call(sandbox, vendor, 3);
            assertEquals(200, fourth.status());
            fourth.json();
            assertEquals(before + 3, delivered(vendor, Fault.Kind.MALFORMED_JSON), vendor.key());
            assertEquals(0, sandbox.faults().pending(vendor));
        }
    }

    @Test
    void cutConnectionThreeTimesCutsThreeCallsInARow() throws Exception {
        for (Vendor vendor : Vendor.values()) {
            long before = delivered(vendor, Fault.Kind.CUT_CONNECTION);
            long calls = sandbox.faults().callCount(vendor);
            sandbox.faults().next(vendor, Fault.cutConnection().times(3));
            for (int i = 0; i < 3; i++) {
                int call = i;
                assertThrows(IOException.class, () -> call(sandbox, vendor, call), vendor + " call " + (i + 1));
            }
            assertEquals(200, call(sandbox, vendor, 3).status());
            assertEquals(before + 3, delivered(vendor, Fault.Kind.CUT_CONNECTION), vendor.key());
            assertEquals(calls + 4, sandbox.faults().callCount(vendor), "no call was retried behind the test's back");
        }
    }
}
