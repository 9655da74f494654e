package org.transcriptsearch.indexer.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.transcriptsearch.document.DocumentIds;
import org.transcriptsearch.indexer.harvest.HarvesterProcess;
import org.transcriptsearch.sandbox.ExpectedMessage;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.FaultEvent;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.FaultProxy;
import org.transcriptsearch.testkit.ItemFault;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * The chaos command ({@code bench/chaos.sh [--runs N] [--seed S]}): N harvests of all three vendors,
 * each with random incidents (the vendor's errors, error bodies, cut-off and slow answers, expired
 * scrolls, broken and far-future records; Elasticsearch refusing bulk items, whole requests and
 * connections, and one document for good; conversations growing and arriving; harvesters killed with
 * SIGKILL, stopped with SIGTERM, and two started at once), then clean runs until one exits 0, the
 * refused documents stored again ({@code set-aside retry}, the mapping "fixed") and the set-aside vendor
 * records read again ({@code reindex}). It prints {@code runs, incidents injected, messages lost, messages
 * doubled, conversations wrong} and exits 1 on any loss, double or wrong conversation.
 */
public final class ChaosRun {
    private static final Duration LEASE = Duration.ofSeconds(6);
    private static final String HARVEST = "  settle: 0s\n  overlap: 30m\n  leaseTtl: " + LEASE.toSeconds() + "s\n"
            + "  timeout: 3s\n  retries: 3\n  outage: 20s\n  bulkDocs: 50\n  conversationBatch: 10\n";
    private static final List<Vendor> VENDORS = List.of(Vendor.CXONE, Vendor.KORE, Vendor.AGENTX);

    private final int runs;
    private final Random random;
    private final long seed;
    private final int conversations;
    private final Path dir;
    private final TestElasticsearch es;
    private int incidents;
    private final Map<String, Integer> byKind = new LinkedHashMap<>();

    /** What the chaos left, summed over the vendors. */
    public record Outcome(int runs, int incidents, long lost, long doubled, long conversationsWrong, long stillSetAside) {
        public boolean clean() {
            return lost == 0 && doubled == 0 && conversationsWrong == 0 && stillSetAside == 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "runs %d, incidents injected %d, messages lost %d, messages doubled %d, "
                    + "conversations wrong %d", runs, incidents, lost, doubled, conversationsWrong)
                    + (stillSetAside == 0 ? "" : ", still set aside " + stillSetAside);
        }
    }

    public ChaosRun(TestElasticsearch es, int runs, long seed, int conversations, Path dir) {
        this.es = es;
        this.runs = runs;
        this.seed = seed;
        this.random = new Random(seed);
        this.conversations = conversations;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        int runs = 50;
        long seed = System.currentTimeMillis();
        int conversations = 40;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--conversations" -> conversations = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: bench/chaos.sh [--runs N] [--seed S] [--conversations N per vendor]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createDirectories(Path.of("indexer", "target", "chaos"));
        Outcome o = new ChaosRun(ElasticsearchExtension.get(), runs, seed, conversations, dir).run();
        System.out.println(o);
        System.exit(o.clean() ? 0 : 1);
    }

    public Outcome run() throws Exception {
        String prefix = "it-chaos-" + Long.toUnsignedString(seed, 36);
        es.setup(prefix);
        say("chaos: seed " + seed + ", " + runs + " runs, " + conversations + " conversations per vendor, indices " + prefix
                + ", logs in " + dir);
        try (VendorSandbox sandbox = VendorSandbox.start(SandboxOptions.builder().seed((int) (seed & 0x7fffffff))
                .conversationsPerVendor(conversations).rateLimits(false).build());
             FaultProxy proxy = FaultProxy.start(es.url())) {
            Path config = config(sandbox, proxy, prefix);
            Map<String, String> env = secrets(sandbox.credentials());
            for (int run = 1; run <= runs; run++) {
                List<String> injected = inject(sandbox, proxy, prefix);
                int[] exits = harvest(config, env, run);
                say(String.format(Locale.ROOT, "run %d: exit %s; %s", run, exitsOf(exits), String.join(", ", injected)));
            }
            proxy.clear();
            sandbox.faults().clear();
            recover(config, env);
            // Before any reindex: whatever is missing now was lost, unless its record was served broken on purpose.
            IndexAudit audit = new IndexAudit(es, prefix);
            long lost = 0;
            long aside = 0;
            for (Vendor v : VENDORS) {
                IndexAudit.Result r = audit.audit(source(v), v, sandbox.groundTruth(), setAsideByFaults(sandbox, v));
                say(String.format(Locale.ROOT, "%s after clean runs: %d messages expected, %d stored, %d set aside (kept), lost %d%s",
                        v.key(), r.expected(), r.stored(), r.setAside(), r.lost(), r.lost() == 0 ? "" : " e.g. " + r.examples()));
                lost += r.lost();
                aside += r.setAside();
            }
            reindexSetAside(config, env, prefix);
            long doubled = 0;
            long wrong = 0;
            for (Vendor v : VENDORS) {
                IndexAudit.Result r = audit.audit(source(v), v, sandbox.groundTruth());
                say(String.format(Locale.ROOT, "%s after reindexing the set-aside records' windows: %d stored; lost %d, doubled %d,"
                                + " conversations wrong %d%s", v.key(), r.stored(), r.lost(), r.doubled(), r.conversationsWrong(),
                        r.examples().isEmpty() ? "" : " e.g. " + r.examples()));
                lost += r.lost();
                doubled += r.doubled();
                wrong += r.conversationsWrong();
            }
            long kept = setAsideCount(prefix);
            say("incidents by kind: " + byKind + "; messages set aside on purpose (broken or far-future records) and stored"
                    + " again by reindex: " + aside);
            return new Outcome(runs, incidents, lost, doubled, wrong, kept);
        }
    }

    private Path config(VendorSandbox sandbox, FaultProxy proxy, String prefix) throws IOException {
        SandboxCredentials c = sandbox.credentials();
        String base = sandbox.baseUrl();
        Path config = dir.resolve(prefix + ".yml");
        Files.writeString(config, "elasticsearch:\n  url: " + proxy.url() + "\nindex:\n  prefix: " + prefix + "\n"
                + "harvest:\n" + HARVEST + "sources:\n"
                + "  - name: " + source(Vendor.CXONE) + "\n    type: cxone\n    baseUrl: " + base
                + "\n    token: ${CHAOS_CXONE_TOKEN}\n    perPage: 10\n"
                + "  - name: " + source(Vendor.KORE) + "\n    type: kore\n    baseUrl: " + base + "\n    botId: " + c.koreBotId()
                + "\n    clientId: ${CHAOS_KORE_ID}\n    clientSecret: ${CHAOS_KORE_SECRET}\n    pageSize: 25\n"
                + "    callsPerMinute: 0\n    callsPerHour: 0\n"
                + "  - name: " + source(Vendor.AGENTX) + "\n    type: agentx\n    baseUrl: " + base + "\n    botName: "
                + c.agentxBotName() + "\n    apiKey: ${CHAOS_AGENTX_KEY}\n    pageSize: 25\n    windowSize: 3d\n"
                + "    requestsPerSecond: 0\n");
        return config;
    }

    private static Map<String, String> secrets(SandboxCredentials c) {
        return Map.of("CHAOS_CXONE_TOKEN", c.cxoneToken(), "CHAOS_KORE_ID", c.koreClientId(),
                "CHAOS_KORE_SECRET", c.koreClientSecret(), "CHAOS_AGENTX_KEY", c.agentxApiKey());
    }

    private static String source(Vendor v) {
        return "chaos-" + v.key();
    }

    /** Queues this run's incidents; what was queued, in words. */
    private List<String> inject(VendorSandbox sandbox, FaultProxy proxy, String prefix) {
        proxy.clear();
        sandbox.faults().clear();
        List<String> what = new ArrayList<>();
        for (Vendor v : VENDORS) {
            if (random.nextDouble() < 0.7) {
                Fault f = vendorFault(v);
                sandbox.faults().next(v, f);
                note(what, v.key() + " " + f);
            }
            if (random.nextDouble() < 0.4) {
                sandbox.addConversations(v, 1 + random.nextInt(3));
                note(what, v.key() + " new conversations");
            }
        }
        if (random.nextDouble() < 0.6) {
            ItemFault kind = ItemFault.values()[random.nextInt(ItemFault.values().length - 1)]; // not the mapping error
            double rate = 0.01 + random.nextDouble() * 0.08;
            proxy.failRandomItems(kind, rate, random.nextLong());
            note(what, String.format(Locale.ROOT, "bulk items %s at %.0f%%", kind, rate * 100));
        }
        if (random.nextDouble() < 0.2) {
            int n = 1 + random.nextInt(3);
            proxy.failNextRequests(random.nextBoolean() ? 503 : 429, n, p -> p.endsWith("/_bulk"));
            note(what, n + " bulk request(s) refused whole");
        }
        if (random.nextDouble() < 0.1) {
            proxy.cutNextRequests(1, p -> p.endsWith("/_bulk"));
            note(what, "a bulk connection cut");
        }
        if (random.nextDouble() < 0.15) {
            Vendor v = VENDORS.get(random.nextInt(VENDORS.size()));
            List<ExpectedMessage> all = sandbox.groundTruth().messages(v)
                    .filter(m -> m.conversationId().isPresent() && m.messageId().isPresent()).toList();
            ExpectedMessage m = all.get(random.nextInt(all.size()));
            String id = DocumentIds.message(source(v), m.conversationId().get(), m.messageId().get());
            proxy.failAlways(ItemFault.MAPPING_ERROR, op -> op.id().equals(id));
            note(what, v.key() + " one document refused for good");
        }
        return what;
    }

    private Fault vendorFault(Vendor v) {
        int pick = random.nextInt(v == Vendor.CXONE ? 11 : 10);
        return switch (pick) {
            case 0 -> Fault.status(503).times(1 + random.nextInt(3));
            case 1 -> Fault.status(500);
            case 2 -> Fault.status(429).retryAfter(1);
            case 3 -> Fault.errorBody().times(1 + random.nextInt(6));
            case 4 -> Fault.malformedJson().times(1 + random.nextInt(6));
            case 5 -> Fault.cutConnection().times(1 + random.nextInt(2));
            case 6 -> Fault.slow(Duration.ofSeconds(4));
            case 7 -> Fault.malformedRecord();
            case 8 -> Fault.futureRecord();
            case 9 -> Fault.growBetweenCalls();
            default -> Fault.expiredScroll();
        };
    }

    private void note(List<String> what, String incident) {
        what.add(incident);
        incidents++;
        String kind = incident.replaceAll("^(cxone|kore|agentx) ", "").replaceAll("[(.].*|\\d+ |at .*", "").trim();
        byKind.merge(kind, 1, Integer::sum);
    }

    /** One run: a harvester (sometimes two at once), perhaps killed or stopped part-way; the exit codes. */
    private int[] harvest(Path config, Map<String, String> env, int run) throws Exception {
        double process = random.nextDouble();
        boolean two = process < 0.15;
        List<HarvesterProcess> ps = new ArrayList<>();
        for (int i = 0; i < (two ? 2 : 1); i++) {
            ps.add(HarvesterProcess.start(config, env, dir.resolve("run-" + run + (two ? "-" + (i + 1) : "") + ".log"), "harvest"));
        }
        if (two) {
            incidents++;
            byKind.merge("two harvesters at once", 1, Integer::sum);
        }
        if (process >= 0.15 && process < 0.45) {
            Thread.sleep(500 + random.nextInt(5_000));
            boolean kill = process < 0.38;
            if (ps.get(0).alive()) {
                incidents++;
                byKind.merge(kill ? "SIGKILL" : "SIGTERM", 1, Integer::sum);
                if (kill) {
                    ps.get(0).kill();
                } else {
                    ps.get(0).terminate();
                }
            }
        }
        int[] exits = new int[ps.size()];
        for (int i = 0; i < ps.size(); i++) {
            exits[i] = ps.get(i).waitFor(180);
        }
        return exits;
    }

    private static String exitsOf(int[] exits) {
        StringBuilder sb = new StringBuilder();
        for (int e : exits) {
            sb.append(sb.length() == 0 ? "" : "+").append(e);
        }
        return sb.toString();
    }

    /**
     * Clean runs until one exits 0 (a killed harvester's lease lives on for its ttl), the refused
     * documents stored again, the set-aside vendor records read again.
     */
    private void recover(Path config, Map<String, String> env) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Thread.sleep(LEASE.toMillis() + 1_000);
            int exit = HarvesterProcess.start(config, env, dir.resolve("clean-" + attempt + ".log"), "harvest").waitFor(300);
            say("clean run " + attempt + ": exit " + exit);
            if (exit == 0 || exit == 3) {
                break;
            }
            if (attempt == 5) {
                throw new IllegalStateException("no clean run completed in 5 tries: see " + dir.resolve("clean-5.log"));
            }
        }
        int retry = HarvesterProcess.start(config, env, dir.resolve("set-aside-retry.log"), "set-aside", "retry").waitFor(300);
        say("set-aside retry: exit " + retry);
    }

    /** {@code reindex} over the windows where each source set vendor records aside: what brings them back. */
    private void reindexSetAside(Path config, Map<String, String> env, String prefix) throws Exception {
        es.refresh();
        for (Vendor v : VENDORS) {
            String r = es.request("POST", "/" + prefix + "-deadletter/_search", "{\"size\":0,\"query\":{\"bool\":{\"filter\":["
                    + "{\"term\":{\"source\":\"" + source(v) + "\"}},{\"term\":{\"kind\":\"record\"}}]}},\"aggs\":{"
                    + "\"from\":{\"min\":{\"field\":\"window.from\"}},\"to\":{\"max\":{\"field\":\"window.to\"}}}}");
            com.fasterxml.jackson.databind.JsonNode aggs = org.transcriptsearch.indexer.source.VendorHarvestHarness.json(r)
                    .path("aggregations");
            if (!aggs.path("from").path("value").isNumber()) {
                continue;
            }
            String from = Instant.ofEpochMilli(aggs.path("from").path("value").asLong()).toString();
            String to = Instant.ofEpochMilli(aggs.path("to").path("value").asLong() + 1).toString();
            int exit = HarvesterProcess.start(config, env, dir.resolve("reindex-" + v.key() + ".log"), "reindex", "--source",
                    source(v), "--from", from, "--to", to).waitFor(300);
            say("reindex " + source(v) + " " + from + " → " + to + ": exit " + exit);
        }
    }

    /**
     * The messages whose vendor records the sandbox served broken (a missing id, a far-future time): set
     * aside and kept by design, read again by {@code reindex}; missing before it, they are not lost.
     */
    private static Set<String> setAsideByFaults(VendorSandbox sandbox, Vendor v) {
        Set<String> keys = new HashSet<>();
        for (FaultEvent e : sandbox.faults().delivered(v)) {
            Fault.Kind k = e.fault().kind();
            if (k != Fault.Kind.MALFORMED_RECORD && k != Fault.Kind.FUTURE_RECORD) {
                continue;
            }
            String d = e.detail();
            String message = d.contains("/") ? d.substring(d.lastIndexOf('/') + 1) : d;
            if (v == Vendor.CXONE) {
                String conversation = k == Fault.Kind.MALFORMED_RECORD ? d : d.substring(0, d.lastIndexOf('/'));
                for (ExpectedMessage m : sandbox.groundTruth().messagesInConversation(v, conversation)) {
                    if (k == Fault.Kind.MALFORMED_RECORD || m.messageId().equals(java.util.Optional.of(message))) {
                        keys.add(IndexAudit.key(v, m));
                    }
                }
            } else {
                keys.add(message); // an AgentX conversation id matches no message: its messages came on their own stream
            }
        }
        return keys;
    }

    private long setAsideCount(String prefix) {
        es.refresh();
        String r = es.request("GET", "/" + prefix + "-deadletter/_count");
        return Long.parseLong(r.replaceAll(".*\"count\":(\\d+).*", "$1"));
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
