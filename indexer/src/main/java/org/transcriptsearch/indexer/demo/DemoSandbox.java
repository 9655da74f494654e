package org.transcriptsearch.indexer.demo;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.VendorSandbox;

/**
 * The three vendor APIs the demo harvests, served on loopback by the sandbox (the same code the
 * integration tests use), with the seed and anchor kept in the demo folder so every run serves the
 * same conversations.
 */
final class DemoSandbox {
    static final int CONVERSATIONS_PER_VENDOR = 300;

    private final VendorSandbox sandbox;

    private DemoSandbox(VendorSandbox sandbox) {
        this.sandbox = sandbox;
    }

    static DemoSandbox start(Path folder, Console console) {
        DemoDataset data = DemoDataset.loadOrCreate(folder, SandboxOptions.DEFAULT_SEED, CONVERSATIONS_PER_VENDOR);
        DemoSandbox started = start(SandboxOptions.builder()
                .seed(data.seed())
                .anchor(data.anchor())
                .conversationsPerVendor(data.conversationsPerVendor())
                .build());
        console.note("Vendor sandbox (CXone, Kore.ai, AgentX) on " + started.sandbox.baseUrl() + ": "
                + data.conversationsPerVendor() + " conversations per vendor in Korean, Japanese, Chinese and English"
                + " (seed " + data.seed() + ", up to " + data.anchor() + ").");
        return started;
    }

    static DemoSandbox start(SandboxOptions options) {
        return new DemoSandbox(VendorSandbox.start(options));
    }

    /** The demo's three sources, secrets as environment references (see {@link #secrets()}). */
    List<DemoConfig.Source> sources() {
        var c = sandbox.credentials();
        String url = sandbox.baseUrl();
        return List.of(
                new DemoConfig.Source("cxone-demo", "cxone", ordered(
                        "baseUrl", url, "token", "${DEMO_CXONE_TOKEN}")),
                new DemoConfig.Source("kore-demo", "kore", ordered(
                        "baseUrl", url, "botId", c.koreBotId(), "clientId", c.koreClientId(),
                        "clientSecret", "${DEMO_KORE_CLIENT_SECRET}")),
                new DemoConfig.Source("agentx-demo", "agentx", ordered(
                        "baseUrl", url, "botName", c.agentxBotName(), "apiKey", "${DEMO_AGENTX_API_KEY}")));
    }

    /** The environment variables the demo configuration refers to. */
    Map<String, String> secrets() {
        var c = sandbox.credentials();
        return Map.of("DEMO_CXONE_TOKEN", c.cxoneToken(),
                "DEMO_KORE_CLIENT_SECRET", c.koreClientSecret(),
                "DEMO_AGENTX_API_KEY", c.agentxApiKey());
    }

    String stop() {
        sandbox.close();
        return "Stopped the vendor sandbox.";
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
