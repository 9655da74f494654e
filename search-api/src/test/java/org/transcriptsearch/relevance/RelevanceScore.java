package org.transcriptsearch.relevance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * recall@10 and precision@10 of one index over the judged queries, macro-averaged per language and
 * overall. recall@10 = relevant ids in the top 10 / min(10, judged relevant); precision@10 = relevant
 * ids among the hits returned in the top 10 (0 when nothing comes back), so that junk matches count
 * against an analyzer even when a query has fewer than 10 relevant messages.
 */
final class RelevanceScore {
    record QueryResult(RelevanceSet.JudgedQuery query, List<String> top) {
        long found() {
            return top.stream().filter(query.relevant()::contains).count();
        }

        double recall() {
            return (double) found() / Math.min(10, query.relevant().size());
        }

        double precision() {
            return top.isEmpty() ? 0 : (double) found() / top.size();
        }
    }

    record Figures(double recall, double precision, int queries) {
    }

    private final List<QueryResult> results = new ArrayList<>();

    void add(RelevanceSet.JudgedQuery query, List<String> top) {
        results.add(new QueryResult(query, List.copyOf(top)));
    }

    List<QueryResult> results() {
        return results;
    }

    /** Per language in {@link RelevanceSet#LANGUAGES} order, then "all". */
    Map<String, Figures> figures() {
        Map<String, Figures> out = new LinkedHashMap<>();
        for (String language : RelevanceSet.LANGUAGES) {
            out.put(language, average(results.stream().filter(r -> r.query().language().equals(language)).toList()));
        }
        out.put("all", average(results));
        return out;
    }

    private static Figures average(List<QueryResult> rs) {
        double recall = rs.stream().mapToDouble(QueryResult::recall).average().orElse(0);
        double precision = rs.stream().mapToDouble(QueryResult::precision).average().orElse(0);
        return new Figures(recall, precision, rs.size());
    }
}
