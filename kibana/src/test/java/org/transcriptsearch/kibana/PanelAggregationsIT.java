package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every Lens panel's aggregation (same field, operation, interval, filters, time range) and the
 * review queue's query, run on a real Elasticsearch holding documents shaped by mappings/: each
 * returns non-empty, plausible buckets, and the panels with a known answer give exactly it.
 */
@ExtendWith(ElasticsearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanelAggregationsIT {
    private TestElasticsearch es;
    private SampleTranscripts truth;
    private SavedObjects bundle;

    @BeforeAll
    void index(TestElasticsearch es) {
        this.es = es;
        this.bundle = SavedObjects.load();
        // The data views read the default aliases, so the documents go exactly there.
        IndexNames names = es.setup("transcripts");
        truth = new SampleTranscripts(Instant.now());
        bulk(names.messages(), truth.messages);
        bulk(names.conversations(), truth.conversations);
        bulk(names.runs(), truth.runs);
        bulk(names.runs(), truth.forgets); // no harvest run: the harvest-health panels leave them out
        assertEquals(truth.messages.size(), es.count(names.messages()));
        assertEquals(truth.runs.size() + truth.forgets.size(), es.count(names.runs()));
    }

    private void bulk(String alias, List<ObjectNode> docs) {
        JsonNode response = json(es.request("POST", "/_bulk?refresh=true", SampleTranscripts.bulk(alias, docs)));
        assertFalse(response.path("errors").asBoolean(), () -> "bulk into " + alias + " failed: " + response);
    }

    @TestFactory
    Stream<DynamicTest> everyPanelAggregatesToPlausibleBuckets() {
        Map<String, Consumer<Result>> expectations = expectations();
        List<LensPanel> panels = LensPanel.of(bundle);
        assertEquals(expectations.keySet(), panels.stream().map(LensPanel::panelIndex).collect(Collectors.toSet()),
                "every panel has its expectation here, and every expectation its panel");
        return panels.stream().map(panel -> DynamicTest.dynamicTest(panel.where(), () -> {
            Result result = run(panel);
            plausible(result);
            expectations.get(panel.panelIndex()).accept(result);
        }));
    }

    @Test
    void theReviewQueueListsExactlyTheFallbackAndLowConfidenceUserMessages() {
        SavedObjects.SavedObject search = bundle.find("search", "transcripts-review-queue").orElseThrow();
        String kql = search.embedded("/kibanaSavedObjectMeta/searchSourceJSON").path("query").path("query").asText();
        String dataView = search.reference("kibanaSavedObjectMeta.searchSourceJSON.index").orElseThrow().id();
        var body = SavedObjects.JSON.createObjectNode().put("size", 500).put("track_total_hits", true);
        body.set("query", Kql.parse(kql).query());
        body.putArray("sort").addObject().put("@timestamp", "desc");
        JsonNode hits = json(es.request("POST", "/" + dataView + "/_search", body.toString())).path("hits");
        assertEquals(truth.reviewQueue, hits.path("total").path("value").asLong());
        assertTrue(truth.reviewQueue > 0);
        for (JsonNode hit : hits.path("hits")) {
            JsonNode m = hit.path("_source");
            assertEquals("user", m.path("role").asText());
            assertTrue(m.path("intent").path("fallback").asBoolean() || m.path("intent").path("confidence").asDouble() < 0.5, m::toString);
        }
    }

    record Result(LensPanel panel, List<Map<String, Object>> rows, String interval) {
        double sum(String column) {
            return rows.stream().map(r -> (Double) r.get(column)).filter(v -> v != null).mapToDouble(Double::doubleValue).sum();
        }

        double single(String column) {
            assertEquals(1, rows.size(), panel.where());
            return (Double) rows.get(0).get(column);
        }

        Map<String, Double> byKey(String key, String column) {
            Map<String, Double> out = new TreeMap<>();
            rows.stream().filter(r -> r.get(column) != null) // a bucket of only running runs has no average
                    .forEach(r -> out.merge((String) r.get(key), (Double) r.get(column), Double::sum));
            return out;
        }
    }

    private Result run(LensPanel panel) {
        SavedObjects.SavedObject dashboard = bundle.find("dashboard", panel.dashboard()).orElseThrow();
        String timeFrom = dashboard.attributes().path("timeFrom").asText();
        Duration range = Duration.ofDays(Long.parseLong(timeFrom.replaceAll("now-(\\d+)d", "$1")));
        PanelAggregation aggregation = new PanelAggregation(panel, range);
        JsonNode response = json(es.request("POST", "/" + panel.dataView() + "/_search?track_total_hits=true",
                aggregation.request(timeFrom).toString()));
        return new Result(panel, aggregation.rows(response), aggregation.interval());
    }

    /** What holds for any panel: buckets exist, counts and sums are non-negative, some are positive, time spreads. */
    private static void plausible(Result r) {
        assertFalse(r.rows().isEmpty(), r.panel().where() + ": no buckets");
        for (LensPanel.Column m : r.panel().metrics()) {
            boolean positive = false;
            for (Map<String, Object> row : r.rows()) {
                Double v = (Double) row.get(m.id());
                if (v != null) {
                    assertTrue(Double.isFinite(v) && v >= 0, r.panel().where() + ": " + m.id() + " = " + v);
                    positive |= v > 0;
                    if ("intent.confidence".equals(m.sourceField())) {
                        assertTrue(v <= 1, r.panel().where() + ": a confidence above 1: " + v);
                    }
                }
            }
            assertTrue(positive, r.panel().where() + ": " + m.id() + " is zero or empty everywhere");
        }
        if (r.panel().buckets().stream().anyMatch(c -> c.operationType().equals("date_histogram"))) {
            long times = r.rows().stream().map(row -> row.get("time")).distinct().count();
            assertTrue(times > 5, r.panel().where() + ": only " + times + " time buckets of " + r.interval());
        }
    }

    private Map<String, Consumer<Result>> expectations() {
        SampleTranscripts t = truth;
        Map<String, Consumer<Result>> e = new HashMap<>();
        long messages = t.messages.size();
        double avgLength = (double) messages / t.conversations.size();
        // Conversations overview
        e.put("messages-total", r -> assertEquals(messages, r.single("messages")));
        e.put("conversations-total", r -> assertEquals(t.conversations.size(), r.single("conversations")));
        e.put("messages-per-conversation", r -> assertEquals(avgLength, r.single("avg-messages"), 1e-9));
        e.put("customers-total", r -> assertEquals(t.customers.size(), r.single("customers")));
        e.put("messages-over-time", r -> {
            assertEquals(messages, r.sum("messages"));
            assertEquals(names(SampleTranscripts.SOURCES.stream().map(SampleTranscripts.Source::name)), r.byKey("by-source", "messages").keySet());
        });
        e.put("conversations-over-time", r -> {
            assertEquals(t.conversations.size(), r.sum("conversations"));
            assertEquals(Set.of("agentx", "cxone", "kore"), r.byKey("by-vendor", "conversations").keySet());
        });
        e.put("messages-by-role", r -> assertEquals(doubles(t.messagesPerRole), r.byKey("by-role", "messages")));
        e.put("messages-by-channel", r -> assertEquals(Set.of("web", "whatsapp", "ivr"), r.byKey("channel", "messages").keySet()));
        e.put("language-mix", r -> assertEquals(t.languages, r.byKey("language", "messages").keySet()));
        e.put("top-bots", r -> assertEquals(doubles(t.messagesPerBot), r.byKey("bot", "messages")));
        e.put("conversation-length", r -> {
            assertEquals(t.conversations.size(), r.sum("conversations"), "every conversation, the longest as Other");
            Map<String, Double> byLength = r.byKey("length", "conversations");
            assertTrue(byLength.containsKey(PanelAggregation.OTHER), "long conversations counted as Other: " + byLength);
            byLength.remove(PanelAggregation.OTHER);
            assertTrue(byLength.keySet().stream().mapToInt(Integer::parseInt).allMatch(n -> n >= 4 && n <= 80), byLength::toString);
        });
        e.put("pii-over-time", r -> assertEquals(doubles(t.messagesPerPiiKind), r.byKey("by-kind", "messages")));
        // Intents and understanding (user messages only)
        e.put("fallbacks-total", r -> assertEquals(t.userFallbacks, r.single("fallbacks")));
        e.put("confidence-average", r -> assertEquals(t.userConfidenceSum / t.userConfidenceCount, r.single("confidence"), 1e-6));
        e.put("low-confidence-total", r -> assertEquals(t.userLowConfidence, r.single("low")));
        e.put("intents-distinct", r -> assertEquals(t.userMessagesPerIntent.size(), r.single("intents")));
        e.put("intent-distribution", r -> assertEquals(doubles(t.userMessagesPerIntent), r.byKey("intent", "messages")));
        e.put("confidence-per-intent", r -> {
            assertEquals(t.userMessagesPerIntent.keySet(), r.byKey("intent", "confidence").keySet());
            assertTrue(r.byKey("intent", "confidence").get("fallback") < 0.35, "fallbacks have low confidence");
        });
        e.put("low-confidence-share", r -> {
            assertEquals(t.userLowConfidence, r.byKey("by-confidence", "messages").get("below 0.5"));
            assertEquals(t.userMessages, r.sum("messages"));
        });
        e.put("fallback-rate", r -> {
            Map<Object, Double> fallbacksPerTime = new HashMap<>(), allPerTime = new HashMap<>();
            for (Map<String, Object> row : r.rows()) {
                allPerTime.merge(row.get("time"), (Double) row.get("messages"), Double::sum);
                if ("true".equals(row.get("by-fallback"))) {
                    fallbacksPerTime.merge(row.get("time"), (Double) row.get("messages"), Double::sum);
                }
            }
            allPerTime.forEach((time, all) -> {
                double rate = fallbacksPerTime.getOrDefault(time, 0.0) / all;
                assertTrue(rate >= 0 && rate <= 1, "fallback rate " + rate + " at " + time);
            });
            double overall = fallbacksPerTime.values().stream().mapToDouble(Double::doubleValue).sum() / r.sum("messages");
            assertEquals((double) t.userFallbacks / t.userMessages, overall, 1e-9);
            assertTrue(overall > 0 && overall < 1, "fallback rate " + overall);
        });
        e.put("runner-up-intents", r -> {
            assertEquals(t.fallbacksWithRunnerUp, r.sum("messages"));
            assertEquals(t.runnerUps, r.byKey("runner-up", "messages").keySet());
        });
        e.put("fallbacks-by-bot", r -> assertEquals(t.userFallbacks, r.sum("messages")));
        // Harvest health
        long runs = t.runs.size();
        e.put("runs-total", r -> assertEquals(runs, r.single("runs")));
        e.put("runs-not-successful", r -> assertEquals(t.runsPerOutcome.getOrDefault("partial", 0L)
                + t.runsPerOutcome.getOrDefault("failed", 0L), r.single("unsuccessful")));
        e.put("messages-written-total", r -> assertEquals(t.messagesWritten, r.single("written")));
        e.put("set-aside-total", r -> assertEquals(t.setAside, r.single("set-aside")));
        e.put("runs-by-outcome", r -> assertEquals(doubles(t.runsPerOutcome), r.byKey("by-outcome", "runs")));
        e.put("messages-per-run", r -> assertEquals(3, r.byKey("by-source", "written").size()));
        e.put("set-aside-over-time", r -> assertEquals(t.setAside, r.sum("set-aside")));
        e.put("run-duration", r -> r.rows().stream().map(row -> (Double) row.get("duration")).filter(d -> d != null)
                .forEach(d -> assertTrue(d >= 2_000, "duration " + d)));
        e.put("lag", r -> {
            Map<String, Double> maxPerSource = new TreeMap<>();
            r.rows().stream().filter(row -> row.get("lag") != null)
                    .forEach(row -> maxPerSource.merge((String) row.get("by-source"), (Double) row.get("lag"), Math::max));
            assertEquals(doubles(t.maxLagPerSource), maxPerSource);
        });
        e.put("sources", r -> {
            assertEquals(3, r.rows().size());
            assertEquals(doubles(t.maxLagPerSource), r.byKey("source", "lag"));
            assertEquals(runs, r.sum("runs"));
            for (Map<String, Object> row : r.rows()) {
                double lastRun = (Double) row.get("last-run");
                assertTrue(lastRun > Instant.now().minus(Duration.ofDays(1)).toEpochMilli(), "last run within the last day");
                assertTrue((Double) row.get("newest-message") < lastRun + Duration.ofMinutes(5).toMillis());
            }
        });
        return e;
    }

    private static Set<String> names(Stream<String> s) {
        return s.collect(Collectors.toSet());
    }

    private static Map<String, Double> doubles(Map<String, Long> counts) {
        Map<String, Double> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.doubleValue()));
        return out;
    }

    private JsonNode json(String body) {
        try {
            return SavedObjects.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
