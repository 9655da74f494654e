package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The vendors' documented rate limits, measured over HTTP: Kore 60/min per bot, AgentX 3/s per endpoint. */
class RateLimitTest {
    private static final SandboxClient CLIENT = new SandboxClient();
    private static VendorSandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = VendorSandbox.start(SandboxOptions.builder().seed(14).conversationsPerVendor(20)
                .vendors(Vendor.KORE, Vendor.AGENTX).build());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void koreAllows60CallsAMinutePerBot() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<SandboxClient.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                calls.add(clients.submit(() -> KoreApiTest.post(sandbox, "{\"limit\":1}")));
            }
            for (Future<SandboxClient.Response> call : calls) {
                SandboxClient.Response ok = call.get(60, TimeUnit.SECONDS);
                assertEquals(200, ok.status(), ok.body());
            }
        } finally {
            clients.shutdownNow();
        }
        SandboxClient.Response limited = KoreApiTest.post(sandbox, "{\"limit\":1}");
        assertEquals(429, limited.status());
        assertEquals("Rate limit for this API has been reached. Please try again after some time.",
                limited.json().path("errors").get(0).path("msg").asText());
        int retryAfter = Integer.parseInt(limited.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        long before = sandbox.faults().callCount(Vendor.KORE);
        assertEquals(429, KoreApiTest.post(sandbox, "{\"limit\":1}").status(), "refused calls do not free a slot");
        assertEquals(before + 1, sandbox.faults().callCount(Vendor.KORE), "every call is counted");
    }

    @Test
    void agentxServesThreeRequestsPerSecondPerEndpoint() throws Exception {
        long end = sandbox.now().getEpochSecond();
        String messages = AgentxApiTest.url(sandbox, "messages", end - 3600, end, "per_page=1");
        String conversations = AgentxApiTest.url(sandbox, "conversations", end - 3600, end, "per_page=1");
        // A burst of 20: the bucket holds 3, and refills at 3/s for as long as the burst takes on this machine.
        List<Integer> burst = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            burst.add(AgentxApiTest.get(sandbox, messages).status());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long burstOk = burst.stream().filter(s -> s == 200).count();
        assertEquals(List.of(200, 200, 200), burst.subList(0, 3), "a full bucket lets 3 through at once");
        assertTrue(burstOk <= 3 + Math.ceil(3 * seconds), "burst of 20 in " + seconds + " s: " + burst);
        assertTrue(burst.stream().allMatch(s -> s == 200 || s == 429), burst.toString());
        SandboxClient.Response limited = AgentxApiTest.get(sandbox, messages);
        if (limited.status() == 429) {
            assertTrue(limited.headers().firstValue("retry-after").isPresent());
            assertEquals("too_many_requests", limited.json().path("error").asText());
        }
        // The other endpoint has its own bucket.
        for (int i = 0; i < 3; i++) {
            assertEquals(200, AgentxApiTest.get(sandbox, conversations).status());
        }
        // Sustained, from 4 clients for 2 s: 3 per second plus the refilled bucket, never more.
        Thread.sleep(1_100);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        long sustainedStart = System.nanoTime();
        long deadline = sustainedStart + 2_000_000_000L;
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        attempts.incrementAndGet();
                        if (AgentxApiTest.get(sandbox, messages).status() == 200) {
                            ok.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        double elapsed = (System.nanoTime() - sustainedStart) / 1e9;
        String measured = ok + " of " + attempts + " calls succeeded in " + elapsed + " s";
        assertTrue(ok.get() <= 3 + Math.ceil(3 * elapsed) + 1, measured);
        if (attempts.get() >= 3 * (3 + 3 * elapsed)) {
            assertTrue(ok.get() >= 3 + Math.floor(3 * 2.0) - 1, measured);
        }
    }
}
