package org.transcriptsearch.indexer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseListener;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.config.IndexSettings;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.elastic.IndexTemplates;
import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.indexer.metrics.HarvestMetrics;
import org.transcriptsearch.indexer.metrics.MetricsOptions;
import org.transcriptsearch.indexer.metrics.SourceMeters;
import org.transcriptsearch.indexer.harvest.HarvestEngine;
import org.transcriptsearch.indexer.harvest.HarvestProgress;
import org.transcriptsearch.indexer.harvest.HarvestSettings;
import org.transcriptsearch.indexer.harvest.HarvestSummary;
import org.transcriptsearch.indexer.harvest.SourceHarvest;
import org.transcriptsearch.indexer.source.ConnectorContext;
import org.transcriptsearch.indexer.source.Connectors;
import org.transcriptsearch.indexer.source.StopSignal;
import org.transcriptsearch.indexer.state.LeaseKeeper;
import org.transcriptsearch.indexer.state.StateStore;
import org.transcriptsearch.indexer.source.SourceConnector;
import org.transcriptsearch.localnode.EphemeralNode;
import org.transcriptsearch.localnode.NodeHome;
import org.transcriptsearch.privacy.PiiKind;
import org.transcriptsearch.privacy.PrivacyConfig;
import org.transcriptsearch.sandbox.SandboxCredentials;
import org.transcriptsearch.secrets.Redactor;

/**
 * Harvest throughput against its ceiling, in one run: (1) a full CXone harvest from the vendor sandbox
 * (its own JVM, no rate limits) into Elasticsearch, through the real engine; (2) a raw {@code _bulk} of
 * exactly the documents that harvest wrote (dumped to a file first, untimed), with the same request size
 * and concurrency. Prints messages/s for both, their ratio, and the harvester's peak heap. Run it with
 * {@code bench/harvest.sh} (which sets {@code -Xmx512m}).
 *
 * <p>{@code --redact N}: instead of the raw load, the cost of redaction: N pairs of full harvests into fresh
 * indices, one without and one with {@code privacy: redact: all}, alternating (which goes first alternates
 * too), each pair's ratio printed and the median of them. {@code --metrics N}: the same for the cost of the
 * Prometheus meters of {@code harvest --watch --metrics-port} (served on a free port, scraped after each run).
 *
 * <p>{@code HarvestBenchmark [--conversations N] [--seed N] [--index-stats] [--redact N | --metrics N]};
 * {@code ES_URL} set: that
 * cluster, else a throw-away embedded node. Before the timing, the sandbox renders every conversation and
 * warm-up rounds (a harvest of the last two days, then a raw load of it) run on scratch indices until the
 * node's JIT compiler has settled. {@code --index-stats}: where Elasticsearch spent each phase's time, per index.
 */
public final class HarvestBenchmark {
    private static final int WARMUP_ROUNDS = 8;
    private static final Pattern COUNTS = Pattern.compile("(\\d+) conversations, (\\d+) messages");
    private static final Pattern METERED_WRITES =
            Pattern.compile("(?m)^transcripts_harvest_messages_written_total\\{[^}]*source=\"bench\"[^}]*\\} (\\S+)$");

    private HarvestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int conversations = 120_000;
        long seed = 42;
        boolean indexStats = false;
        int redactPairs = 0;
        int metricsPairs = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--conversations" -> conversations = Integer.parseInt(args[++i]);
                case "--redact" -> redactPairs = Integer.parseInt(args[++i]);
                case "--metrics" -> metricsPairs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--index-stats" -> indexStats = true;
                default -> {
                    System.err.println("usage: HarvestBenchmark [--conversations N] [--seed N] [--index-stats] [--redact PAIRS | --metrics PAIRS]");
                    System.exit(2);
                }
            }
        }
        Map<String, String> env = System.getenv();
        EphemeralNode node = null;
        Process sandbox = null;
        Vertx vertx = Vertx.vertx();
        Path work = Files.createTempDirectory("harvest-bench");
        try {
            String url = env.get("ES_URL");
            if (url == null || url.isBlank()) {
                say("starting a throw-away embedded Elasticsearch node ...");
                node = EphemeralNode.start(NodeHome.resolve(env), env, l -> say("  " + l));
                url = node.url();
            }
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            say("starting the vendor sandbox (CXone, " + conversations + " conversations, no rate limits) in its own JVM;"
                    + " it renders every conversation before the timing starts ...");
            sandbox = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx6g",
                    "-cp", System.getProperty("java.class.path"), "org.transcriptsearch.sandbox.SandboxMain",
                    "--vendors", "cxone", "--conversations", String.valueOf(conversations), "--seed", String.valueOf(seed),
                    "--port", String.valueOf(port), "--no-rate-limits", "--prerender").redirectErrorStream(true).start();
            long[] truth = awaitSandbox(sandbox.getInputStream());
            say(String.format(Locale.ROOT, "sandbox ready: %,d conversations, %,d messages", truth[0], truth[1]));

            try (ElasticsearchConnection es = ElasticsearchConnection.connect(
                    ElasticsearchSettings.fromEnvironment(Map.of()).withUrl(url), node != null)) {
                es.awaitReady(Duration.ofSeconds(60));
                IndexNames harvested = install(es, "bench-harvest", node != null);
                IndexNames raw = install(es, "bench-raw", node != null);

                SourceConfig source = new SourceConfig("bench", "cxone", Map.of("baseUrl", "http://127.0.0.1:" + port,
                        "token", SandboxCredentials.fromSeed(seed).cxoneToken(), "perPage", "200"));

                // 0. warm-up (untimed), so that neither phase pays for a cold node or a cold harvester JVM while the
                // other does not. Measured: after one small warm-up, Elasticsearch's JIT compiler still took 61 CPU s
                // of the harvest and 5 of the raw load that follows it. So: rounds of both paths (a harvest of the
                // last two days into a scratch index, then a raw load of its documents) until the node's compiler
                // has settled (under 5 % of the node's CPU in a round), at most WARMUP_ROUNDS.
                HarvestSettings settings = HarvestSettings.read(Map.of("initialLookback", "400d", "settle", "0s"));
                CpuClock cpu = new CpuClock(sandbox.pid(), es);
                warmUp(vertx, es, source, settings, cpu, work.resolve("warm-up.ndjson"), node != null);
                if (redactPairs > 0) {
                    HarvestSettings redacting = settings.withPrivacy(new PrivacyConfig(EnumSet.allOf(PiiKind.class), List.of()));
                    pairs("redaction", new Variant("without", settings, false), new Variant("with redaction", redacting, false),
                            vertx, es, source, cpu, redactPairs, truth[1], node != null);
                    return;
                }
                if (metricsPairs > 0) {
                    pairs("metrics", new Variant("without", settings, false), new Variant("with metrics", settings, true),
                            vertx, es, source, cpu, metricsPairs, truth[1], node != null);
                    return;
                }

                // 1. the harvest
                HeapSampler heap = HeapSampler.start();
                cpu.lap();
                long t0 = System.nanoTime();
                HarvestSummary summary = harvest(vertx, es, harvested, source, settings, "harvest");
                double harvestSeconds = (System.nanoTime() - t0) / 1e9;
                CpuClock.Lap harvestCpu = cpu.lap();
                long peakHeap = heap.stop();
                long messages = count(es, harvested.messages());
                long convs = count(es, harvested.conversations());
                say(String.format(Locale.ROOT, "harvest done: %,d messages, %,d conversations stored in %.1f s", messages, convs,
                        harvestSeconds));

                // 2. the same documents, dumped (untimed) and loaded with raw _bulk (timed)
                Path dump = work.resolve("documents.ndjson");
                long docs = dump(es, harvested.messages(), raw.messages(), dump)
                        + dump(es, harvested.conversations(), raw.conversations(), dump);
                cpu.lap();
                long t1 = System.nanoTime();
                rawBulk(es, dump, settings.bulk().maxDocs(), settings.bulk().maxBytes(), settings.bulk().maxInFlight());
                double rawSeconds = (System.nanoTime() - t1) / 1e9;
                CpuClock.Lap rawCpu = cpu.lap();
                long rawMessages = count(es, raw.messages());
                if (rawMessages != messages) {
                    throw new IllegalStateException("the raw load stored " + rawMessages + " messages, not " + messages);
                }
                double harvestRate = messages / harvestSeconds;
                double rawRate = messages / rawSeconds;
                System.out.println();
                System.out.println(String.format(Locale.ROOT, "messages:            %,d (sandbox ground truth %,d); %,d documents with conversations",
                        messages, truth[1], docs));
                System.out.println(String.format(Locale.ROOT, "harvest:             %,.0f messages/s (%.1f s, %,d vendor pages)",
                        harvestRate, harvestSeconds, summary.pages()));
                System.out.println(String.format(Locale.ROOT, "raw _bulk (ceiling): %,.0f messages/s (%.1f s)", rawRate, rawSeconds));
                System.out.println(String.format(Locale.ROOT, "ratio:               %.2f (target >= 0.80)", harvestRate / rawRate));
                System.out.println(String.format(Locale.ROOT, "harvester peak heap: %,d MB in use, sampled every 10 ms (max heap %,d MB)",
                        peakHeap, Runtime.getRuntime().maxMemory() / (1024 * 1024)));
                System.out.println("CPU seconds, harvest:   " + harvestCpu);
                System.out.println("CPU seconds, raw _bulk: " + rawCpu);
                if (indexStats) {
                    printIndexStats(es);
                }
                delete(es, "bench-harvest-*");
                delete(es, "bench-raw-*");
                if (messages != truth[1]) {
                    throw new IllegalStateException("the harvest stored " + messages + " messages, the sandbox holds " + truth[1]);
                }
            }
        } finally {
            if (sandbox != null) {
                sandbox.destroy();
                sandbox.waitFor(30, TimeUnit.SECONDS);
            }
            vertx.close();
            if (node != null) {
                node.close();
            }
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** One side of a comparison: its harvest settings, and whether it counts into served Prometheus meters. */
    private record Variant(String name, HarvestSettings settings, boolean metered) {
    }

    /**
     * Pairs of full harvests of {@code base} and {@code changed} into fresh indices, alternating which goes first;
     * prints each run's rate and CPU, each pair's ratio (changed / base) and their median.
     */
    private static void pairs(String what, Variant base, Variant changed, Vertx vertx, ElasticsearchConnection es,
                              SourceConfig source, CpuClock cpu, int pairs, long expected, boolean embedded) throws Exception {
        List<Double> ratios = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            double[] rates = new double[2];
            for (int k = 0; k < 2; k++) {
                int side = (pair + k) % 2;
                Variant v = side == 1 ? changed : base;
                IndexNames names = install(es, "bench-pair", embedded);
                String scraped = "";
                try (HarvestMetrics metrics = v.metered()
                        ? HarvestMetrics.serve(Optional.of(new MetricsOptions("127.0.0.1", 0)), Clock.systemUTC())
                        : HarvestMetrics.none()) {
                    cpu.lap();
                    long t0 = System.nanoTime();
                    harvest(vertx, es, names, source, v.settings(), v.name() + " harvest", metrics);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    CpuClock.Lap lap = cpu.lap();
                    if (metrics.url().isPresent()) {
                        scraped = scrape(metrics.url().get());
                    }
                    long messages = count(es, names.messages());
                    long withPii = call(es, "POST", "/" + names.messages() + "/_count",
                            "{\"query\":{\"exists\":{\"field\":\"pii\"}}}").path("count").asLong();
                    delete(es, "bench-pair-*");
                    if (messages != expected) {
                        throw new IllegalStateException("the harvest stored " + messages + " messages, the sandbox holds " + expected);
                    }
                    Matcher written = METERED_WRITES.matcher(scraped);
                    if (v.metered() && !(written.find() && Double.parseDouble(written.group(1)) == expected)) {
                        throw new IllegalStateException("the meters did not count the " + expected + " messages written:\n" + scraped);
                    }
                    rates[side] = messages / seconds;
                    say(String.format(Locale.ROOT, "pair %d, %s: %,.0f messages/s (%.1f s), %,d messages with pii; CPU seconds: %s",
                            pair + 1, v.name(), messages / seconds, seconds, withPii, lap));
                }
            }
            ratios.add(rates[1] / rates[0]);
            say(String.format(Locale.ROOT, "pair %d: %s / %s = %.3f", pair + 1, changed.name(), base.name(), rates[1] / rates[0]));
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "%s cost: %s / %s = %s; median %.3f (target >= 0.90)", what,
                changed.name(), base.name(), ratios.stream().map(r -> String.format(Locale.ROOT, "%.3f", r)).toList(), median));
    }

    private static String scrape(String url) throws IOException, InterruptedException {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        return client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Warm-up rounds of both phases' paths on scratch indices, until the node's JIT compiler has settled. */
    private static void warmUp(Vertx vertx, ElasticsearchConnection es, SourceConfig source, HarvestSettings settings,
                               CpuClock cpu, Path dump, boolean embedded) throws Exception {
        HarvestSettings lastTwoDays = HarvestSettings.read(Map.of("initialLookback", "2d", "settle", "0s"));
        cpu.lap();
        for (int round = 1; ; round++) {
            long t0 = System.nanoTime();
            IndexNames harvested = install(es, "bench-warmup", embedded);
            IndexNames raw = install(es, "bench-warmraw", embedded);
            HarvestSummary warm = harvest(vertx, es, harvested, source, lastTwoDays, "warm-up");
            dump(es, harvested.messages(), raw.messages(), dump);
            dump(es, harvested.conversations(), raw.conversations(), dump);
            rawBulk(es, dump, settings.bulk().maxDocs(), settings.bulk().maxBytes(), settings.bulk().maxInFlight());
            Files.delete(dump);
            delete(es, "bench-warmup-*");
            delete(es, "bench-warmraw-*");
            CpuClock.Lap lap = cpu.lap();
            boolean settled = lap.compiler() < 0 ? round >= 2 : lap.compiler() <= 0.05 * lap.elasticsearch();
            say(String.format(Locale.ROOT, "warm-up round %d: %,d messages harvested and loaded raw in %.1f s (not timed);"
                    + " CPU seconds: %s", round, warm.messagesSeen(), (System.nanoTime() - t0) / 1e9, lap));
            if (settled || round >= WARMUP_ROUNDS) {
                if (!settled) {
                    say("  the node's JIT compiler has not settled after " + round + " rounds; measuring anyway");
                }
                return;
            }
        }
    }

    /** Where Elasticsearch spent the two phases' time, per index (times are summed thread wall time). */
    private static void printIndexStats(ElasticsearchConnection es) throws IOException {
        JsonNode stats = call(es, "GET", "/bench-harvest-*,bench-raw-*/_stats/indexing,merge,refresh,search,segments", null);
        System.out.println();
        System.out.println("index                          docs  index s  merge s  refresh s (n)  search s  segments");
        for (var it = stats.path("indices").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode t = e.getValue().path("total");
            if (t.path("indexing").path("index_total").asLong() < 100) {
                continue; // state and run history
            }
            System.out.println(String.format(Locale.ROOT, "%-28s %,8d %8.1f %8.1f %8.1f (%3d) %9.1f %9d", e.getKey(),
                    t.path("indexing").path("index_total").asLong(), t.path("indexing").path("index_time_in_millis").asLong() / 1e3,
                    t.path("merges").path("total_time_in_millis").asLong() / 1e3,
                    t.path("refresh").path("total_time_in_millis").asLong() / 1e3, t.path("refresh").path("total").asInt(),
                    (t.path("search").path("query_time_in_millis").asLong() + t.path("search").path("fetch_time_in_millis").asLong()) / 1e3,
                    t.path("segments").path("count").asInt()));
        }
    }

    /** One run of the real engine over {@code source} into {@code names}, progress every 10 s. */
    private static HarvestSummary harvest(Vertx vertx, ElasticsearchConnection es, IndexNames names, SourceConfig source,
                                          HarvestSettings settings, String label) throws Exception {
        return harvest(vertx, es, names, source, settings, label, HarvestMetrics.none());
    }

    private static HarvestSummary harvest(Vertx vertx, ElasticsearchConnection es, IndexNames names, SourceConfig source,
                                          HarvestSettings settings, String label, HarvestMetrics metrics) throws Exception {
        SourceMeters meters = metrics.forSource(source.name(), source.type());
        ConnectorContext cc = new ConnectorContext(vertx, Redactor.none(), Clock.systemUTC(), settings.retry(), meters);
        try (SourceConnector connector = Connectors.installed().create(source, cc);
             LeaseKeeper keeper = new LeaseKeeper(StateStore.of(es, names), settings.leaseTtl())) {
            Context ctx = vertx.getOrCreateContext();
            Promise<HarvestSummary> done = Promise.promise();
            long[] lastPrint = {System.nanoTime()};
            HarvestProgress progress = (s, pages, messages, rate, expected, unitsDone, unit) -> {
                if (System.nanoTime() - lastPrint[0] > 10_000_000_000L) {
                    lastPrint[0] = System.nanoTime();
                    say(String.format(Locale.ROOT, "  %s: %,d messages, %,.0f/s, heap %,d MB", label, messages, rate,
                            heapUsedMb()));
                }
            };
            meters.runStarted();
            ctx.runOnContext(v -> new SourceHarvest(vertx, es, names, connector, settings, Clock.systemUTC(),
                    Redactor.none(), progress, new SourceHarvest.RunIdentity(label, "benchmark", "localhost",
                    "benchmark:" + ProcessHandle.current().pid()), keeper, StopSignal.never(),
                    meters).run(Optional.empty())
                    .onComplete(done));
            HarvestSummary summary = done.future().toCompletionStage().toCompletableFuture().get(6, TimeUnit.HOURS);
            HarvestEngine.recordRun(meters, summary); // as the engine does when a run ends
            if (summary.failed()) {
                throw new IllegalStateException("the " + label + " failed: " + summary.reason());
            }
            return summary;
        }
    }

    private static long[] awaitSandbox(InputStream out) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            Matcher m = COUNTS.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // keep the pipe empty so the sandbox never blocks on its output
                        }
                    } catch (IOException e) {
                        // the sandbox has stopped: nothing more to read
                    }
                }, "sandbox-output");
                drain.setDaemon(true);
                drain.start();
                return new long[]{Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
            }
        }
        throw new IllegalStateException("the sandbox exited before it was ready");
    }

    private static IndexNames install(ElasticsearchConnection es, String prefix, boolean embedded) {
        IndexSettings index = new IndexSettings(prefix, 1, 0);
        delete(es, prefix + "-*");
        new SchemaSetup(es, IndexTemplates.forCluster(index, embedded)).apply();
        IndexNames names = new IndexNames(prefix);
        // Refresh every second in both phases, as the product's indices do while anyone searches them. Left
        // alone, an index nobody searches for 30 s stops refreshing: the raw load's index would write a few
        // large segments while the harvest's (which the harvester itself searches) writes one a second and
        // merges them, and the ceiling would measure that difference, not the harvester.
        try {
            for (String alias : List.of(names.messages(), names.conversations())) {
                call(es, "PUT", "/" + alias + "/_settings", "{\"index\":{\"search\":{\"idle\":{\"after\":\"1d\"}}}}");
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not set the benchmark indices' refresh behaviour: " + e.getMessage(), e);
        }
        return names;
    }

    /** Appends every document of {@code from} as an index action into {@code to}; returns how many. */
    private static long dump(ElasticsearchConnection es, String from, String to, Path file) throws IOException {
        JsonNode pit = call(es, "POST", "/" + from + "/_pit?keep_alive=5m", null);
        String pitId = pit.path("id").asText();
        long n = 0;
        JsonNode after = null;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), 1 << 20)) {
            while (true) {
                ObjectNode q = es.json().createObjectNode();
                q.put("size", 5000).put("track_total_hits", false);
                q.putObject("pit").put("id", pitId).put("keep_alive", "5m");
                q.putArray("sort").add("_shard_doc");
                if (after != null) {
                    q.set("search_after", after);
                }
                JsonNode r = call(es, "POST", "/_search", q.toString());
                pitId = r.path("pit_id").asText(pitId);
                JsonNode hits = r.path("hits").path("hits");
                if (hits.isEmpty()) {
                    break;
                }
                for (JsonNode h : hits) {
                    out.write(("{\"index\":{\"_index\":\"" + to + "\",\"_id\":\"" + h.path("_id").asText() + "\"}}\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.write(es.json().writeValueAsBytes(h.path("_source")));
                    out.write('\n');
                    n++;
                }
                after = hits.get(hits.size() - 1).path("sort");
            }
        }
        call(es, "DELETE", "/_pit", "{\"id\":\"" + pitId + "\"}");
        return n;
    }

    /** The ceiling: the dumped NDJSON in requests of the harvest's size, as many in flight as the harvest allows. */
    private static void rawBulk(ElasticsearchConnection es, Path file, int maxDocs, int maxBytes, int inFlight)
            throws IOException, InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        AtomicReference<String> failure = new AtomicReference<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream(maxBytes + 65536);
            int docs = 0;
            String action;
            while ((action = r.readLine()) != null) {
                String source = r.readLine();
                batch.write(action.getBytes(StandardCharsets.UTF_8));
                batch.write('\n');
                batch.write(source.getBytes(StandardCharsets.UTF_8));
                batch.write('\n');
                if (++docs >= maxDocs || batch.size() >= maxBytes) {
                    send(es, batch.toByteArray(), slots, failure);
                    batch.reset();
                    docs = 0;
                }
            }
            if (docs > 0) {
                send(es, batch.toByteArray(), slots, failure);
            }
        }
        slots.acquire(inFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("raw bulk failed: " + failure.get());
        }
        call(es, "POST", "/_refresh", null);
    }

    private static void send(ElasticsearchConnection es, byte[] body, Semaphore slots, AtomicReference<String> failure)
            throws InterruptedException {
        slots.acquire();
        Request req = new Request("POST", "/_bulk?filter_path=errors");
        req.setEntity(new NByteArrayEntity(body, ContentType.create("application/x-ndjson")));
        es.lowLevel().performRequestAsync(req, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try {
                    if (es.json().readTree(response.getEntity().getContent()).path("errors").asBoolean()) {
                        failure.compareAndSet(null, "a bulk request reported item errors");
                    }
                } catch (IOException e) {
                    failure.compareAndSet(null, e.getMessage());
                } finally {
                    slots.release();
                }
            }

            @Override
            public void onFailure(Exception e) {
                failure.compareAndSet(null, e.getMessage());
                slots.release();
            }
        });
    }

    private static long count(ElasticsearchConnection es, String index) throws IOException {
        call(es, "POST", "/" + index + "/_refresh", null);
        return call(es, "GET", "/" + index + "/_count", null).path("count").asLong();
    }

    private static void delete(ElasticsearchConnection es, String pattern) {
        try {
            // Deleting by wildcard is refused by default (action.destructive_requires_name): name each one.
            JsonNode indices = call(es, "GET", "/" + pattern + "?expand_wildcards=all&allow_no_indices=true", null);
            for (var it = indices.fieldNames(); it.hasNext(); ) {
                call(es, "DELETE", "/" + it.next(), null);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not delete " + pattern + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode call(ElasticsearchConnection es, String method, String path, String body) throws IOException {
        Request req = new Request(method, path);
        if (body != null) {
            req.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        }
        Response r = es.lowLevel().performRequest(req);
        return r.getEntity() == null ? es.json().createObjectNode() : es.json().readTree(r.getEntity().getContent());
    }

    private static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private static void say(String line) {
        System.err.println(line);
    }
}
