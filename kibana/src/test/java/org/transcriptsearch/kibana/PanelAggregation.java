package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The search a Lens panel stands for, as Kibana's esaggs builds it: the panel's KQL and the
 * dashboard's time range as filters, one aggregation level per bucket column in column order, the
 * metric columns (each with its own KQL filter, if any) in the innermost bucket. Its response is
 * read back as rows, one per innermost bucket, keyed by column id.
 */
final class PanelAggregation {
    /** Kibana's auto date_histogram interval aims at about 50 bars and rounds to one of these. */
    private static final List<Duration> NICE_INTERVALS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));

    /** The key of the bucket Kibana labels "Other". */
    static final String OTHER = "__other__";

    private final LensPanel panel;
    private final String interval;

    PanelAggregation(LensPanel panel, Duration timeRange) {
        this.panel = panel;
        this.interval = autoInterval(timeRange);
    }

    static String autoInterval(Duration range) {
        double target = range.toMillis() / 50.0;
        Duration best = NICE_INTERVALS.get(0);
        for (Duration d : NICE_INTERVALS) {
            if (Math.abs(Math.log(d.toMillis() / target)) < Math.abs(Math.log(best.toMillis() / target))) {
                best = d;
            }
        }
        return best.toMinutes() % 60 != 0 ? best.toMinutes() + "m" : best.toHours() % 24 != 0 ? best.toHours() + "h" : best.toDays() + "d";
    }

    String interval() {
        return interval;
    }

    ObjectNode request(String timeFrom) {
        ObjectNode body = object();
        body.put("size", 0);
        var filters = body.putObject("query").putObject("bool").putArray("filter");
        filters.add(Kql.parse(panel.query()).query());
        filters.addObject().putObject("range").putObject("@timestamp").put("gte", timeFrom).put("lte", "now");
        ObjectNode aggs = body;
        List<LensPanel.Column> buckets = panel.buckets();
        for (int i = 0; i < buckets.size(); i++) {
            ObjectNode level = child(aggs, "aggs").putObject(buckets.get(i).id());
            bucket(buckets.get(i), level, i == buckets.size() - 1);
            aggs = level;
        }
        if (!panel.metrics().isEmpty()) {
            ObjectNode metricAggs = child(aggs, "aggs");
            for (LensPanel.Column m : panel.metrics()) {
                metric(m, metricAggs);
            }
        }
        return body;
    }

    private static ObjectNode child(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode existing ? existing : parent.putObject(name);
    }

    private void bucket(LensPanel.Column c, ObjectNode level, boolean innermost) {
        switch (c.operationType()) {
            case "terms" -> {
                ObjectNode terms = level.putObject("terms").put("field", c.sourceField()).put("size", c.params().path("size").asInt());
                JsonNode orderBy = c.params().path("orderBy");
                String direction = c.params().path("orderDirection").asText("desc");
                if (orderBy.path("type").asText().equals("alphabetical")) {
                    terms.putObject("order").put("_key", direction);
                } else {
                    LensPanel.Column by = panel.columns().stream().filter(m -> m.id().equals(orderBy.path("columnId").asText()))
                            .findFirst().orElseThrow(() -> new AssertionError(panel.where() + ": orders by a missing column"));
                    if (by.filter().isPresent()) {
                        throw new AssertionError(panel.where() + ": ordering by a filtered metric is not checked here");
                    }
                    terms.putObject("order").put(by.operationType().equals("count") ? "_count" : by.id(), direction);
                    if (!innermost && !by.operationType().equals("count")) {
                        metric(by, child(level, "aggs")); // Kibana's orderAgg: the metric over the whole bucket
                    }
                }
            }
            case "date_histogram" -> level.putObject("date_histogram").put("field", c.sourceField())
                    .put("fixed_interval", interval).put("min_doc_count", 1);
            case "filters" -> {
                ObjectNode named = level.putObject("filters").putObject("filters");
                for (JsonNode f : c.params().path("filters")) {
                    named.set(f.path("label").asText(), Kql.parse(f.path("input").path("query").asText()).query());
                }
            }
            default -> throw new AssertionError(panel.where() + ": bucket operation " + c.operationType() + " is not checked here");
        }
    }

    private static void metric(LensPanel.Column m, ObjectNode aggs) {
        ObjectNode target = aggs;
        String name = m.id();
        if (m.filter().isPresent()) {
            ObjectNode filter = aggs.putObject(m.id());
            filter.set("filter", Kql.parse(m.filter().get()).query());
            target = filter.putObject("aggs");
            name = "value";
        }
        switch (m.operationType()) {
            case "count" -> {
                if (m.filter().isPresent()) {
                    ((ObjectNode) aggs.get(m.id())).remove("aggs");
                }
            }
            case "average" -> target.putObject(name).putObject("avg").put("field", m.sourceField());
            case "sum", "max", "min" -> target.putObject(name).putObject(m.operationType()).put("field", m.sourceField());
            case "unique_count" -> target.putObject(name).putObject("cardinality").put("field", m.sourceField());
            case "median" -> target.putObject(name).putObject("percentiles").put("field", m.sourceField()).putArray("percents").add(50);
            default -> throw new AssertionError("metric operation " + m.operationType() + " is not checked here");
        }
    }

    /** One row per innermost bucket: bucket column id → key, metric column id → value (null when empty). */
    List<Map<String, Object>> rows(JsonNode response) {
        List<Map<String, Object>> rows = new ArrayList<>();
        collect(response.path("aggregations"), response.path("hits").path("total").path("value").asLong(), 0, new LinkedHashMap<>(), rows);
        return rows;
    }

    private void collect(JsonNode level, long docCount, int depth, Map<String, Object> keys, List<Map<String, Object>> rows) {
        List<LensPanel.Column> buckets = panel.buckets();
        if (depth == buckets.size()) {
            Map<String, Object> row = new LinkedHashMap<>(keys);
            for (LensPanel.Column m : panel.metrics()) {
                row.put(m.id(), value(m, level, docCount));
            }
            rows.add(row);
            return;
        }
        LensPanel.Column c = buckets.get(depth);
        JsonNode agg = level.path(c.id());
        long other = agg.path("sum_other_doc_count").asLong();
        if (c.params().path("otherBucket").asBoolean() && other > 0 && depth == buckets.size() - 1) {
            // Kibana asks again for the documents outside the top N and shows them as one "Other" bucket;
            // for counts that is the terms aggregation's sum_other_doc_count.
            if (panel.metrics().stream().anyMatch(m -> !m.operationType().equals("count") || m.filter().isPresent())) {
                throw new AssertionError(panel.where() + ": an Other bucket of " + c.id() + " that is not a count is not checked here");
            }
            Map<String, Object> row = new LinkedHashMap<>(keys);
            row.put(c.id(), OTHER);
            panel.metrics().forEach(m -> row.put(m.id(), (double) other));
            rows.add(row);
        }
        if (agg.path("buckets").isObject()) {
            agg.path("buckets").fields().forEachRemaining(b -> descend(c, b.getKey(), b.getValue(), depth, keys, rows));
        } else {
            for (JsonNode b : agg.path("buckets")) {
                descend(c, b.has("key_as_string") && !c.operationType().equals("date_histogram") ? b.path("key_as_string").asText()
                        : b.path("key").asText(), b, depth, keys, rows);
            }
        }
    }

    private void descend(LensPanel.Column c, String key, JsonNode bucket, int depth, Map<String, Object> keys, List<Map<String, Object>> rows) {
        Map<String, Object> next = new LinkedHashMap<>(keys);
        next.put(c.id(), key);
        collect(bucket, bucket.path("doc_count").asLong(), depth + 1, next, rows);
    }

    private static Double value(LensPanel.Column m, JsonNode level, long docCount) {
        JsonNode node = level.path(m.id());
        if (m.filter().isPresent()) {
            if (m.operationType().equals("count")) {
                return node.path("doc_count").asDouble();
            }
            node = node.path("value");
        }
        if (m.operationType().equals("count")) {
            return (double) docCount;
        }
        JsonNode v = m.operationType().equals("median") ? node.path("values").path("50.0") : node.path("value");
        return v.isNumber() ? v.asDouble() : null;
    }

    private static ObjectNode object() {
        return SavedObjects.JSON.createObjectNode();
    }
}
