package org.transcriptsearch.relevance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * How well one design answers the judged queries, macro-averaged over a group of queries:
 * recall = relevant ids in the first 100 hits / judged relevant; R-precision = relevant ids in the first
 * R hits / R (R = judged relevant); precision@10 = relevant ids among the hits returned in the first 10
 * (0 when nothing comes back, so junk and silence both count against a design); empty = share of the
 * queries that return nothing at all.
 */
final class RelevanceScore {
    static final int DEPTH = 100;

    record QueryResult(RelevanceSet.JudgedQuery query, List<String> top) {
        long foundIn(int n) {
            return top.stream().limit(n).filter(query.relevant()::contains).count();
        }

        double recall() {
            return (double) foundIn(DEPTH) / query.relevant().size();
        }

        double rPrecision() {
            return (double) foundIn(query.relevant().size()) / query.relevant().size();
        }

        double precision() {
            return top.isEmpty() ? 0 : (double) foundIn(10) / Math.min(10, top.size());
        }
    }

    record Figures(double recall, double rPrecision, double precision, double empty, int queries) {
    }

    private final List<QueryResult> results = new ArrayList<>();

    void add(RelevanceSet.JudgedQuery query, List<String> top) {
        results.add(new QueryResult(query, List.copyOf(top)));
    }

    List<QueryResult> results() {
        return results;
    }

    /** Per language in {@link RelevanceSet#LANGUAGES} order, then "all". */
    Map<String, Figures> byLanguage() {
        Map<String, Figures> out = new LinkedHashMap<>();
        for (String language : RelevanceSet.LANGUAGES) {
            out.put(language, average(r -> r.query().language().equals(language)));
        }
        out.put("all", average(r -> true));
        return out;
    }

    /** Per kind of query in {@link RelevanceSet#KINDS} order (kinds without queries left out). */
    Map<String, Figures> byKind() {
        Map<String, Figures> out = new LinkedHashMap<>();
        for (String kind : RelevanceSet.KINDS) {
            Figures f = average(r -> kind.equals(r.query().kind()));
            if (f.queries() > 0) {
                out.put(kind, f);
            }
        }
        return out;
    }

    private Figures average(Predicate<QueryResult> which) {
        List<QueryResult> rs = results.stream().filter(which).toList();
        return new Figures(
                rs.stream().mapToDouble(QueryResult::recall).average().orElse(0),
                rs.stream().mapToDouble(QueryResult::rPrecision).average().orElse(0),
                rs.stream().mapToDouble(QueryResult::precision).average().orElse(0),
                rs.stream().filter(r -> r.top().isEmpty()).count() / (double) Math.max(1, rs.size()),
                rs.size());
    }
}
