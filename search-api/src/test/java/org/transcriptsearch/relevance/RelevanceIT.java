package org.transcriptsearch.relevance;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.transcriptsearch.elastic.IndexTemplates;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.search.SearchServer;
import org.transcriptsearch.search.SearchServerOptions;
import org.transcriptsearch.search.SynonymFiles;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;
import org.transcriptsearch.text.MultilingualQuery;
import org.transcriptsearch.text.MultilingualQuery.Match;
import org.transcriptsearch.text.SearchTerms;
import org.transcriptsearch.text.Thesauri;

/**
 * Measures search by meaning on the judged set: the same messages indexed with the standard analyzer and
 * with the product's analyzers, and every query sent as each design would send it: {@code standard} (the
 * literal query on the standard analyzer), {@code current} (the literal query, every word as typed, on the
 * product's analyzers: the design before synonyms) and {@code new} (the search API itself, over HTTP:
 * synonyms, misspellings, every term first then most, then the intent the best hits share). Prints recall
 * (first 100 hits), R-precision,
 * precision@10 and the share of queries that return nothing, per language and per kind of query, and
 * fails when a figure of the new design falls below what it reached (see analysis-plugin/README.md).
 *
 * <p>Print the tables: {@code mvn -B -o verify -pl search-api -am -Dit.test=RelevanceIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}; per-query results go to {@code search-api/target/relevance-report.md}.
 */
@ExtendWith(ElasticsearchExtension.class)
class RelevanceIT {
    /** What the new design reached (recall, R-precision, precision@10), per language and kind. */
    private static final Map<String, double[]> REACHED = Map.ofEntries(
            Map.entry("ko", new double[] {0.884, 0.802, 0.812}),
            Map.entry("ja", new double[] {0.843, 0.786, 0.897}),
            Map.entry("zh", new double[] {0.843, 0.807, 0.882}),
            Map.entry("en", new double[] {0.842, 0.764, 0.872}),
            Map.entry("all", new double[] {0.853, 0.790, 0.865}));
    /** At most this share of the queries may return nothing (the bar is 5 %). */
    private static final double EMPTY_AT_MOST = 0.05;
    /** Room for a Lucene upgrade to move a tie or a token; a real regression costs more than this. */
    private static final double MARGIN = 0.02;

    private static final String STANDARD_INDEX = "it-relevance-standard";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void newDesignKeepsItsFigures(TestElasticsearch es) throws IOException, InterruptedException {
        RelevanceSet set = RelevanceSet.load();
        IndexNames names = es.setup("it-relevance");
        String designIndex = names.messages();
        createStandardIndex(es);
        index(es, designIndex, set);
        index(es, STANDARD_INDEX, set);

        Thesauri synonyms = SynonymFiles.builtIn().current();
        Map<String, RelevanceScore> designs = new LinkedHashMap<>();
        designs.put("standard", score(es, STANDARD_INDEX, set, MultilingualQuery::forText));
        designs.put("current", score(es, designIndex, set, MultilingualQuery::forText));
        try (SearchServer api = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0).withAccessLog(false))) {
            designs.put("new", scoreThroughApi(api, set, ""));
            designs.put("new, match=all", scoreThroughApi(api, set, "&match=all"));
            designs.put("new, expand=false", scoreThroughApi(api, set, "&expand=false"));
        }
        designs.put("new without learned intents", score(es, designIndex, set, q -> expanded(q, synonyms, Match.MOST)));

        String report = "Relevance: " + set.queries().size() + " queries over " + set.messages().size() + " messages\n\n"
                + table("language", designs, RelevanceScore::byLanguage) + "\n"
                + table("kind", designs, RelevanceScore::byKind);
        System.out.println(report);
        Files.writeString(Path.of("target", "relevance-report.md"), report + "\n" + perQuery(designs),
                StandardCharsets.UTF_8);

        Map<String, RelevanceScore.Figures> reached = designs.get("new").byLanguage();
        List<Executable> checks = new ArrayList<>();
        for (var e : REACHED.entrySet()) {
            RelevanceScore.Figures f = reached.get(e.getKey());
            double[] was = e.getValue();
            checks.add(() -> assertTrue(f.recall() >= was[0] - MARGIN && f.rPrecision() >= was[1] - MARGIN
                            && f.precision() >= was[2] - MARGIN,
                    e.getKey() + " fell to recall " + fmt(f.recall()) + ", R-precision " + fmt(f.rPrecision())
                            + ", precision@10 " + fmt(f.precision()) + " (reached " + fmt(was[0]) + ", " + fmt(was[1])
                            + ", " + fmt(was[2]) + ")"));
        }
        RelevanceScore.Figures all = reached.get("all");
        RelevanceScore.Figures before = designs.get("current").byLanguage().get("all");
        checks.add(() -> assertTrue(all.empty() <= EMPTY_AT_MOST, fmt(all.empty()) + " of the queries return nothing"));
        checks.add(() -> assertTrue(all.recall() > before.recall() && all.rPrecision() > before.rPrecision(),
                "the new design no longer beats the design before synonyms"));
        assertAll(checks);
    }

    static Query expanded(String q, Thesauri synonyms, Match match) {
        return MultilingualQuery.forTerms(SearchTerms.read(q, synonyms.forQuery(q), true), match);
    }

    /**
     * The baseline: the messages mapping with {@code text} and every one of its sub-fields on the
     * standard analyzer, so the same query (same fields, same operator) runs against it.
     */
    private static void createStandardIndex(TestElasticsearch es) {
        ObjectNode mappings = (ObjectNode) IndexTemplates.load("messages.json").path("template").path("mappings");
        ObjectNode text = (ObjectNode) mappings.path("properties").path("text");
        text.put("analyzer", "standard");
        text.path("fields").forEach(sub -> ((ObjectNode) sub).put("analyzer", "standard"));
        es.request("PUT", "/" + STANDARD_INDEX,
                "{\"settings\":{\"number_of_shards\":1,\"number_of_replicas\":0},\"mappings\":" + mappings + "}");
    }

    private static void index(TestElasticsearch es, String index, RelevanceSet set) throws IOException {
        StringBuilder bulk = new StringBuilder();
        var json = es.connection().json();
        for (RelevanceSet.Message m : set.messages()) {
            Map<String, Object> doc = new HashMap<>();
            doc.put("text", m.text());
            doc.put("language", m.language());
            if (m.intent() != null) {
                doc.put("intent", Map.of("name", m.intent()));
            }
            bulk.append("{\"index\":{\"_id\":").append(json.writeValueAsString(m.id())).append("}}\n");
            bulk.append(json.writeValueAsString(doc)).append('\n');
        }
        String response = es.request("POST", "/" + index + "/_bulk?refresh=true", bulk.toString());
        if (json.readTree(response).path("errors").asBoolean()) {
            throw new AssertionError("bulk indexing into " + index + " failed: " + response);
        }
    }

    private static RelevanceScore score(TestElasticsearch es, String index, RelevanceSet set,
                                        Function<String, Query> design) throws IOException {
        RelevanceScore score = new RelevanceScore();
        for (RelevanceSet.JudgedQuery q : set.queries()) {
            SearchResponse<Void> r = es.connection().client().search(s -> s
                    .index(index)
                    .query(design.apply(q.query()))
                    .size(RelevanceScore.DEPTH)
                    .source(src -> src.fetch(false)), Void.class);
            score.add(q, r.hits().hits().stream().map(Hit::id).toList());
        }
        return score;
    }

    /** Every query through the search API over HTTP, as a user sends it: {@code /api/search?q=...&size=100}. */
    private static RelevanceScore scoreThroughApi(SearchServer api, RelevanceSet set, String options)
            throws IOException, InterruptedException {
        RelevanceScore score = new RelevanceScore();
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (RelevanceSet.JudgedQuery q : set.queries()) {
            String url = api.url() + "/api/search?size=" + RelevanceScore.DEPTH + options + "&q="
                    + java.net.URLEncoder.encode(q.query(), StandardCharsets.UTF_8);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                throw new AssertionError(url + " answered " + r.statusCode() + ": " + r.body());
            }
            List<String> ids = new ArrayList<>();
            mapper.readTree(r.body()).path("hits").forEach(h -> ids.add(h.path("id").asText()));
            score.add(q, ids);
        }
        return score;
    }

    private static String table(String by, Map<String, RelevanceScore> designs,
                                Function<RelevanceScore, Map<String, RelevanceScore.Figures>> group) {
        StringBuilder out = new StringBuilder("| " + by + " | queries |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (String d : designs.keySet()) {
            out.append(' ').append(d).append(": recall / R-prec / P@10 / empty |");
            rule.append("---|");
        }
        out.append('\n').append(rule).append('\n');
        Map<String, Map<String, RelevanceScore.Figures>> figures = new LinkedHashMap<>();
        designs.forEach((d, s) -> figures.put(d, group.apply(s)));
        for (String key : figures.values().iterator().next().keySet()) {
            out.append("| ").append(key).append(" | ").append(figures.get("new").get(key).queries()).append(" |");
            for (var f : figures.values()) {
                RelevanceScore.Figures x = f.get(key);
                out.append(' ').append(fmt(x.recall())).append(" / ").append(fmt(x.rPrecision())).append(" / ")
                        .append(fmt(x.precision())).append(" / ").append(fmt(x.empty())).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String perQuery(Map<String, RelevanceScore> designs) {
        RelevanceScore current = designs.get("current");
        RelevanceScore fresh = designs.get("new");
        StringBuilder out = new StringBuilder("| query | kind | text | judged | current recall/R-prec | new recall/R-prec/P@10 "
                + "| new top 10 (~ not relevant) | relevant not in the first 100 |\n|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < fresh.results().size(); i++) {
            RelevanceScore.QueryResult c = current.results().get(i);
            RelevanceScore.QueryResult n = fresh.results().get(i);
            var q = n.query();
            out.append("| ").append(q.id()).append(" | ").append(q.kind()).append(" | ").append(q.query())
                    .append(" | ").append(q.relevant().size())
                    .append(" | ").append(fmt(c.recall())).append('/').append(fmt(c.rPrecision()))
                    .append(" | ").append(fmt(n.recall())).append('/').append(fmt(n.rPrecision())).append('/')
                    .append(fmt(n.precision()))
                    .append(" | ").append(String.join(" ", n.top().stream().limit(10)
                            .map(id -> q.relevant().contains(id) ? id : "~" + id).toList()))
                    .append(" | ").append(String.join(" ", q.relevant().stream().filter(id -> !n.top().contains(id))
                            .sorted().toList()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
