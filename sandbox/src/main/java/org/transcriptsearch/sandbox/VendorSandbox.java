package org.transcriptsearch.sandbox;

import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.transcriptsearch.sandbox.agentx.AgentxApi;
import org.transcriptsearch.sandbox.corpus.Corpus;
import org.transcriptsearch.sandbox.corpus.Layout;
import org.transcriptsearch.sandbox.corpus.Phrasebook;
import org.transcriptsearch.sandbox.cxone.CxoneApi;
import org.transcriptsearch.sandbox.kore.KoreApi;

/**
 * The three vendor APIs (NICE CXone Bot Builder, Kore.ai XO, AgentX Support) played by one real HTTP
 * server on 127.0.0.1, serving deterministic generated multilingual conversations plus the vendors' own
 * samples, with the vendors' auth, paging, limits and quirks, and faults on demand.
 *
 * <pre>{@code
 * try (VendorSandbox sandbox = VendorSandbox.start(SandboxOptions.defaults())) {
 *     String base = sandbox.baseUrl();                     // http://127.0.0.1:PORT
 *     long expected = sandbox.groundTruth().messageCount(Vendor.KORE);
 *     sandbox.faults().next(Vendor.CXONE, Fault.status(429).retryAfter(2));
 * }
 * }</pre>
 */
public final class VendorSandbox implements AutoCloseable {
    private final SandboxOptions options;
    private final SandboxCredentials credentials;
    private final Map<Vendor, Corpus> corpora;
    private final GroundTruth groundTruth;
    private final Faults faults;
    private final SandboxClock clock;
    private final Vertx vertx;
    private final int port;

    private VendorSandbox(SandboxOptions options, SandboxCredentials credentials, Map<Vendor, Corpus> corpora,
                          Faults faults, SandboxClock clock, Vertx vertx, int port) {
        this.options = options;
        this.credentials = credentials;
        this.corpora = corpora;
        this.groundTruth = new GroundTruth(corpora);
        this.faults = faults;
        this.clock = clock;
        this.vertx = vertx;
        this.port = port;
    }

    /** Starts a sandbox with the default options (seed 42, 300 conversations per vendor, anchored now). */
    public static VendorSandbox start() {
        return start(SandboxOptions.defaults());
    }

    /** Builds the data index and starts the server; returns once it listens. */
    public static VendorSandbox start(SandboxOptions options) {
        SandboxClock clock = new SandboxClock(options.anchor());
        Phrasebook phrasebook = Phrasebook.load();
        Layout layout = Layout.of(options.anchor(), options.spanDays(), options.conversationsPerVendor());
        SandboxCredentials credentials = SandboxCredentials.fromSeed(options.seed());
        Map<Vendor, Corpus> corpora = new EnumMap<>(Vendor.class);
        for (Vendor vendor : options.vendors()) {
            Corpus corpus = switch (vendor) {
                case CXONE -> CxoneApi.corpus(options, layout, clock, phrasebook);
                case KORE -> KoreApi.corpus(options, layout, clock, phrasebook, credentials.koreBotId());
                case AGENTX -> AgentxApi.corpus(options, layout, clock, phrasebook);
            };
            corpora.put(vendor, corpus);
        }
        // Index now, in parallel, so the first harvest call is not the one that pays for it.
        corpora.values().parallelStream().forEach(Corpus::timeline);
        Faults faults = new Faults(options.vendors(), clock);
        Vertx vertx = Vertx.vertx();
        SandboxVerticle verticle = new SandboxVerticle(options, credentials, corpora, faults, clock);
        try {
            vertx.deployVerticle(verticle).await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("the vendor sandbox did not start on 127.0.0.1:" + options.port() + ": " + e, e);
        }
        return new VendorSandbox(options, credentials, Map.copyOf(corpora), faults, clock, vertx, verticle.port());
    }

    /** {@code http://127.0.0.1:PORT}: every vendor's paths are under it. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public SandboxOptions options() {
        return options;
    }

    public SandboxCredentials credentials() {
        return credentials;
    }

    public GroundTruth groundTruth() {
        return groundTruth;
    }

    public Faults faults() {
        return faults;
    }

    /** The sandbox's now: the anchor plus the time since start. */
    public Instant now() {
        return clock.now();
    }

    /**
     * The conversation gets {@code extraMessages} new messages (alternating customer and bot, continuing the
     * exchange), the last at the sandbox's now; CXone {@code lastMessageAt} and AgentX {@code lastActionAt}
     * move with them. Golden samples do not grow.
     */
    public void growConversation(Vendor vendor, String conversationId, int extraMessages) {
        Corpus corpus = corpus(vendor);
        OptionalInt ref = corpus.refOf(conversationId);
        if (ref.isEmpty()) {
            throw new IllegalArgumentException(vendor.key() + " has no conversation " + conversationId);
        }
        if (Corpus.isGolden(ref.getAsInt())) {
            throw new IllegalArgumentException(conversationId + " is a vendor sample, served verbatim; grow a generated"
                    + " conversation instead");
        }
        corpus.grow(ref.getAsInt(), extraMessages);
    }

    public void growConversation(String vendor, String conversationId, int extraMessages) {
        growConversation(Vendor.of(vendor), conversationId, extraMessages);
    }

    /** Adds {@code n} new conversations ending at the sandbox's now; returns their ids. */
    public List<String> addConversations(Vendor vendor, int n) {
        return corpus(vendor).add(n);
    }

    public List<String> addConversations(String vendor, int n) {
        return addConversations(Vendor.of(vendor), n);
    }

    @Override
    public void close() {
        try {
            vertx.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the vendor sandbox did not stop cleanly: " + e, e);
        }
    }

    private Corpus corpus(Vendor vendor) {
        Corpus corpus = corpora.get(vendor);
        if (corpus == null) {
            throw new IllegalArgumentException(vendor.key() + " is not served by this sandbox");
        }
        return corpus;
    }
}
