package org.transcriptsearch.search;

import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.config.IndexSettings;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.text.SearchTerms;
import org.transcriptsearch.elastic.IndexTemplates;
import org.transcriptsearch.elastic.SchemaSetup;

/**
 * {@code bench/search.sh}: loads at least a million messages (once; reruns reuse them), starts the
 * search API in this process, and drives a realistic mix (full text in four languages with filters
 * and facets, filter-only browsing, intent statistics, conversation fetches) at fixed concurrency
 * levels, against the API and, in the same run with the same HTTP client, the identical Elasticsearch
 * requests sent directly. Prints p50/p99 latency and throughput for both and their ratio.
 *
 * <p>Arguments: {@code --messages N} (1000000), {@code --seconds S} per measured phase (15),
 * {@code --concurrency 1,4,16}, {@code --prefix bench}, {@code --parallel 4} (bulk requests in flight while
 * loading), {@code --reload}.
 */
public final class SearchBenchmark {
    private final ElasticsearchConnection es;
    private final IndexNames names;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String esAuthorization;

    /** One item of the mix: what a client asks the API, and the identical request(s) the API sends to Elasticsearch. */
    /** @param sequential the API sends {@code direct} one after the other (each depends on the one before) */
    record Probe(String kind, String apiPathAndQuery, List<ElasticsearchCall> direct, boolean sequential) {
    }

    private SearchBenchmark(ElasticsearchConnection es, IndexNames names, ElasticsearchSettings settings) {
        this.es = es;
        this.names = names;
        if (settings.apiKey() != null) {
            esAuthorization = "ApiKey " + settings.apiKey();
        } else if (settings.username() != null) {
            esAuthorization = "Basic " + Base64.getEncoder().encodeToString((settings.username() + ":"
                    + settings.password()).getBytes(StandardCharsets.UTF_8));
        } else {
            esAuthorization = null;
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        long messages = Long.parseLong(opts.getOrDefault("messages", "1000000"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "15"));
        List<Integer> levels = Arrays.stream(opts.getOrDefault("concurrency", "1,4,16").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        IndexNames names = new IndexNames(opts.getOrDefault("prefix", "bench"));
        ElasticsearchSettings settings = ElasticsearchSettings.fromEnvironment(System.getenv());
        try (ElasticsearchConnection es = ElasticsearchConnection.open(settings, m -> System.out.println("# " + m))) {
            es.awaitReady(Duration.ofSeconds(120));
            ElasticsearchSettings resolved = settings.withUrl(es.url());
            SearchBenchmark bench = new SearchBenchmark(es, names, resolved);
            int conversations = bench.load(messages, opts.containsKey("reload"),
                    Integer.parseInt(opts.getOrDefault("parallel", "4")));
            // Every benchmark client is one address: the per-caller bound must not turn its levels into 429s.
            int most = levels.stream().mapToInt(Integer::intValue).max().orElse(1);
            try (SearchServer server = SearchServer.start(SearchServerOptions.defaults().withConnection(es)
                    .withIndices(names).withPort(0)
                    .withConcurrentRequests(Math.max(most, ConcurrentRequestLimit.DEFAULT_PER_CALLER)))) {
                List<Probe> mix = bench.mix(conversations, server);
                bench.run(mix, server.url(), levels, seconds);
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            if (a.equals("--reload")) {
                opts.put("reload", "true");
            } else if (i + 1 < args.length) {
                opts.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException(a + " needs a value");
            }
        }
        return opts;
    }

    /**
     * Loads the corpus unless it is already there (resuming a load that was cut off: ids are
     * deterministic, so re-sent batches overwrite); returns the number of conversations.
     */
    private int load(long messages, boolean reload, int parallel) throws IOException, InterruptedException {
        int conversations = BenchmarkCorpus.conversationsFor(messages);
        long present = count(names.messages());
        long expected = countMessages(conversations);
        if (present == expected && !reload) {
            System.out.printf("# reusing %,d messages in %s (%,d conversations)%n", present, names.messages(), conversations);
            return conversations;
        }
        int batch = 250;
        int resumeAt = 0;
        if (reload || present < 0) {
            perform("DELETE", "/" + names.versioned(IndexNames.Kind.MESSAGES, 1) + ","
                    + names.versioned(IndexNames.Kind.CONVERSATIONS, 1) + "?ignore_unavailable=true", null);
        } else {
            perform("POST", "/" + names.conversations() + "/_refresh", null);
            resumeAt = (int) (Math.max(0, count(names.conversations()) - (long) batch * parallel) / batch) * batch;
        }
        new SchemaSetup(es, IndexTemplates.forCluster(new IndexSettings(names.prefix(), 1, 0), es.embedded())).apply();
        String messagesIndex = names.versioned(IndexNames.Kind.MESSAGES, 1);
        perform("PUT", "/" + messagesIndex + "/_settings", "{\"index\":{\"refresh_interval\":\"-1\"}}");
        long start = System.nanoTime();
        System.out.printf("# loading %,d conversations from #%,d, %d bulk requests in flight%n", conversations, resumeAt, parallel);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(parallel);
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            for (int from = resumeAt; from < conversations && failure.get() == null; from += batch) {
                int lo = from;
                int hi = Math.min(from + batch, conversations);
                inFlight.acquire();
                pool.execute(() -> {
                    try {
                        String answer = perform("POST", "/_bulk", BenchmarkCorpus.bulk(lo, hi, names.messages(),
                                names.conversations(), es.json()));
                        if (answer.contains("\"errors\":true")) {
                            failure.compareAndSet(null, new IllegalStateException("bulk rejected documents: "
                                    + answer.substring(0, Math.min(answer.length(), 2000))));
                        }
                    } catch (IOException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        inFlight.release();
                    }
                });
                if ((from / batch) % 40 == 0) {
                    System.out.printf("# loading: %,d / %,d conversations (%.0f s)%n", from, conversations,
                            (System.nanoTime() - start) / 1e9);
                }
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading failed: " + failure.get().getMessage(), failure.get());
        }
        perform("PUT", "/" + messagesIndex + "/_settings", "{\"index\":{\"refresh_interval\":null}}");
        perform("POST", "/" + names.messages() + "," + names.conversations() + "/_refresh", null);
        long loaded = count(names.messages());
        System.out.printf("# loaded: %,d messages, %,d conversations, in %.0f s%n", loaded,
                count(names.conversations()), (System.nanoTime() - start) / 1e9);
        if (loaded != expected) {
            throw new IllegalStateException("expected " + expected + " messages after loading, found " + loaded);
        }
        return conversations;
    }

    private static long countMessages(int conversations) {
        long total = 0;
        for (int n = 0; n < conversations; n++) {
            Random r = new Random(n * 31L + 7);
            r.nextDouble();
            total += 4 + r.nextInt(9);
        }
        return total;
    }

    private long count(String index) {
        try {
            return new JsonObject(perform("GET", "/" + index + "/_count", null)).getLong("count");
        } catch (IOException e) {
            return -1;
        }
    }

    private String perform(String method, String path, String body) throws IOException {
        Request r = new Request(method, path);
        if (body != null) {
            r.setJsonEntity(body);
        }
        r.setOptions(r.getOptions().toBuilder().setRequestConfig(org.apache.http.client.config.RequestConfig.custom()
                .setSocketTimeout(600_000).build()));
        return EntityUtils.toString(es.lowLevel().performRequest(r).getEntity(), StandardCharsets.UTF_8);
    }

    /** 200 probes, seeded: 45% full text (4 languages) with filters, 15% filters only, 10% intents, 30% conversations. */
    private List<Probe> mix(int conversations, SearchServer server) throws IOException {
        JacksonJsonpMapper mapper = new JacksonJsonpMapper(es.json());
        // The server's own synonyms (the built-in ones): the direct requests are exactly what it sends.
        QueryExpansion expansion = new QueryExpansion(SynonymFiles.builtIn(), mapper);
        MessageSearch search = new MessageSearch(names, expansion, new SearchCursor(null));
        IntentStatistics intents = new IntentStatistics(names, expansion);
        ConversationView view = new ConversationView(names);
        TimeSpan span = TimeSpan.from(new JsonObject(perform("POST", TimeSpan.call(names.messages()).path(),
                TimeSpan.call(names.messages()).body().encode())));
        String[][] words = {{"password", "refund", "order", "cancel subscription", "card stolen", "address",
                        "delayed deliveries", "refnd card declined"},
                {"비밀번호", "환불", "배송", "구독", "카드", "주소", "비번 초기화", "환불 상담원 연결"},
                {"パスワード", "返金", "配送", "解約", "カード", "住所", "サブスク 解約", "住所 変更 したい"},
                {"密码", "退款", "订单", "取消订阅", "银行卡", "地址", "更换 手机号", "退钱 人工客服"}};
        Random r = new Random(42);
        List<Probe> mix = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int kind = r.nextInt(100);
            if (kind < 60) {
                StringBuilder q = new StringBuilder();
                if (kind < 45) {
                    int lang = r.nextInt(4);
                    q.append("q=").append(enc(words[lang][r.nextInt(words[lang].length)]));
                } else {
                    q.append("sort=time");
                }
                addFilters(q, r);
                MultiMap params = decode(q.toString());
                SearchRequest request = SearchRequest.parse(params);
                SearchTerms terms = search.terms(request);
                if (MessageSearch.looksFirst(request)) {
                    // the API looks at the best hits first, then searches with what they say
                    ElasticsearchCall first = search.bestHitsCall(request, terms);
                    MessageSearch.BestHits best = MessageSearch.bestHits(new JsonObject(
                            perform(first.method(), first.path(), first.body().encode())));
                    mix.add(new Probe("search q", "/api/search?" + q,
                            List.of(first, search.toElasticsearch(request, search.terms(request, terms, best), best, span)), true));
                } else {
                    mix.add(new Probe(kind < 45 ? "search q" : "search filters", "/api/search?" + q,
                            List.of(search.toElasticsearch(request, terms, null, span)), false));
                }
            } else if (kind < 70) {
                StringBuilder q = new StringBuilder("threshold=0.5");
                addFilters(q, r);
                MultiMap params = decode(q.toString());
                mix.add(new Probe("intents", "/api/intents?" + q,
                        List.of(intents.toElasticsearch(IntentStatistics.parse(params))), false));
            } else {
                int n = r.nextInt(conversations);
                String source = BenchmarkCorpus.source(n).name();
                String id = BenchmarkCorpus.conversationId(n);
                mix.add(new Probe("conversation", "/api/conversations/" + source + "/" + enc(id) + "?highlight=m1",
                        List.of(view.conversationCall(source, id), view.messagesCall(source, id, null)), false));
            }
        }
        for (Probe p : mix) {
            int status = send(server.url() + p.apiPathAndQuery(), null).statusCode();
            if (status != 200) {
                throw new IllegalStateException(p.apiPathAndQuery() + " answered " + status);
            }
        }
        return mix;
    }

    private static void addFilters(StringBuilder q, Random r) {
        String[] vendors = {"cxone", "kore", "agentx"};
        String[] roles = {"user", "bot"};
        String[] intents = {"reset_password", "order_status", "refund_status", "nlu_fallback"};
        if (r.nextInt(2) == 0) {
            q.append("&vendor=").append(vendors[r.nextInt(3)]);
        }
        if (r.nextInt(3) == 0) {
            q.append("&role=").append(roles[r.nextInt(2)]);
        }
        if (r.nextInt(4) == 0) {
            q.append("&intent=").append(intents[r.nextInt(intents.length)]);
        }
        if (r.nextInt(3) == 0) {
            int day = 1 + r.nextInt(60);
            q.append("&from=2025-").append(String.format("%02d-%02d", 1 + day / 28, 1 + day % 28))
                    .append("&to=2025-03-31");
        }
        if (r.nextInt(5) == 0) {
            q.append("&maxConfidence=0.5");
        }
        if (r.nextInt(6) == 0) {
            q.append("&language=").append(BenchmarkCorpus.LANGUAGES.get(r.nextInt(4)));
        }
    }

    private void run(List<Probe> mix, String api, List<Integer> levels, int seconds) throws InterruptedException {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        mix.forEach(p -> kinds.merge(p.kind(), 1L, Long::sum));
        System.out.printf("# %d probes: %s; %d s per phase, each phase measured twice (direct first, then API first)%n",
                mix.size(), kinds, seconds);
        System.out.printf("%-11s %-7s %9s %9s %9s %9s %7s%n", "concurrency", "target", "requests", "p50 ms", "p99 ms", "req/s", "errors");
        for (int c : levels) {
            phase(mix, api, false, c, Math.max(3, seconds / 3));
            phase(mix, api, true, c, Math.max(3, seconds / 3));
            Result d1 = phase(mix, api, false, c, seconds);
            Result a1 = phase(mix, api, true, c, seconds);
            Result a2 = phase(mix, api, true, c, seconds);
            Result d2 = phase(mix, api, false, c, seconds);
            Result direct = d1.plus(d2);
            Result viaApi = a1.plus(a2);
            print(c, "direct", direct);
            print(c, "api", viaApi);
            System.out.printf("%-11d %-7s %9s %8.2fx %8.2fx %8.2fx%n", c, "ratio", "api/es",
                    viaApi.p(50) / direct.p(50), viaApi.p(99) / direct.p(99), viaApi.throughput() / direct.throughput());
        }
    }

    private static void print(int c, String target, Result r) {
        System.out.printf("%-11d %-7s %9d %9.2f %9.2f %9.1f %7d%n", c, target, r.latencies.length, r.p(50), r.p(99),
                r.throughput(), r.errors);
    }

    record Result(long[] latencies, double seconds, long errors) {
        double p(int pct) {
            long[] s = latencies.clone();
            Arrays.sort(s);
            return s.length == 0 ? Double.NaN : s[Math.min(s.length - 1, (int) Math.ceil(pct / 100.0 * s.length) - 1)] / 1e6;
        }

        double throughput() {
            return latencies.length / seconds;
        }

        Result plus(Result o) {
            long[] all = Arrays.copyOf(latencies, latencies.length + o.latencies.length);
            System.arraycopy(o.latencies, 0, all, latencies.length, o.latencies.length);
            return new Result(all, seconds + o.seconds, errors + o.errors);
        }
    }

    private Result phase(List<Probe> mix, String api, boolean viaApi, int concurrency, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[concurrency];
        AtomicLong errors = new AtomicLong();
        Thread[] threads = new Thread[concurrency];
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            long[] lat = new long[1 << 20];
            perThread.add(lat);
            int id = t;
            threads[t] = new Thread(() -> {
                int i = id * 37;
                while (System.nanoTime() < deadline && counts[id] < lat.length) {
                    Probe p = mix.get(i++ % mix.size());
                    long t0 = System.nanoTime();
                    boolean ok = viaApi ? send(api + p.apiPathAndQuery(), null).statusCode() == 200 : direct(p);
                    lat[counts[id]++] = System.nanoTime() - t0;
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
            }, "bench-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(perThread.get(t), 0, all, k, counts[t]);
            k += counts[t];
        }
        return new Result(all, elapsed, errors.get());
    }

    /** The same Elasticsearch requests the API makes for this probe, concurrently where the API makes them so. */
    private boolean direct(Probe p) {
        List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
        for (ElasticsearchCall call : p.direct()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(es.url() + call.path()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body().encode()));
            if (esAuthorization != null) {
                b.header("Authorization", esAuthorization);
            }
            CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (p.sequential()) {
                sent.join();
            }
            calls.add(sent);
        }
        boolean ok = true;
        for (CompletableFuture<HttpResponse<byte[]>> c : calls) {
            ok &= c.join().statusCode() == 200;
        }
        return ok;
    }

    private HttpResponse<byte[]> send(String url, String unused) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The query string as the API's router decodes it (Netty's decoder). */
    private static MultiMap decode(String query) {
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        new io.netty.handler.codec.http.QueryStringDecoder(query, false).parameters().forEach(params::add);
        return params;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
