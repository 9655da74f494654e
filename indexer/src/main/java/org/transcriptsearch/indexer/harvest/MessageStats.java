package org.transcriptsearch.indexer.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.document.Named;

/**
 * What a conversation's messages add up to on its conversation document: how many, by role, first and
 * last time, intents, languages, tags, the kinds of personal data redacted ({@code pii}, sorted), fallbacks,
 * confidence, and the bot, channel and customer of its
 * last message. Read from the terms aggregation over the stored messages ({@link #fromBucket}), or
 * counted from the messages of a record that holds the whole conversation ({@link #of}); both give the
 * same figures for the same messages, in Elasticsearch's order for terms (most messages first, ties by
 * the key's UTF-8 bytes) and its precision (timestamps in milliseconds, confidences as floats).
 *
 * @param total at least 1: a conversation with no messages has no statistics (null)
 */
record MessageStats(int total, Instant first, Instant last, Map<String, Integer> roles, List<String> intents,
                    List<String> languages, List<String> tags, List<String> pii, int fallback, Float confidenceMin, Float confidenceAvg,
                    Named bot, Named channel, MessageDocument.CustomerRef customer) {
    /** The terms aggregations' sizes, which the counted statistics keep to as well. */
    static final int ROLES = 10;
    static final int INTENTS = 200;
    static final int LANGUAGES = 10;
    static final int TAGS = 200;
    static final int PII_KINDS = 50;

    private static final Comparator<Map.Entry<String, Integer>> TERMS_ORDER =
            Map.Entry.<String, Integer>comparingByValue().reversed()
                    .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())));

    /** One bucket of the aggregation {@link ConversationSummaries} sends; null (no messages stored) gives null. */
    static MessageStats fromBucket(JsonNode bucket) {
        if (bucket == null) {
            return null;
        }
        Map<String, Integer> roles = new HashMap<>();
        bucket.path("roles").path("buckets").forEach(r -> roles.put(r.path("key").asText(), r.path("doc_count").asInt()));
        JsonNode sample = bucket.path("sample").path("hits").path("hits").path(0).path("_source");
        return new MessageStats(bucket.path("doc_count").asInt(), instant(bucket.path("first")), instant(bucket.path("last")),
                roles, keys(bucket.path("intents")), keys(bucket.path("langs")), keys(bucket.path("tags")),
                keys(bucket.path("pii")).stream().sorted().toList(), bucket.path("fallback").path("doc_count").asInt(), number(bucket.path("conf_min")),
                number(bucket.path("conf_avg")), named(sample, "bot"), named(sample, "channel"),
                sample.isObject() ? MessageDocument.CustomerRef.of(sample.path("customer").path("id").asText(null)) : null);
    }

    /** Counted from {@code messages}, each a distinct message (as stored: one per id); none gives null. */
    static MessageStats of(Collection<MessageDocument> messages) {
        if (messages.isEmpty()) {
            return null;
        }
        Instant first = null;
        Instant last = null;
        Map<String, Integer> roles = new HashMap<>();
        Map<String, Integer> intents = new HashMap<>();
        Map<String, Integer> languages = new HashMap<>();
        Map<String, Integer> tags = new HashMap<>();
        TreeSet<String> pii = new TreeSet<>();
        int fallback = 0;
        int confidences = 0;
        float confidenceMin = Float.POSITIVE_INFINITY;
        double confidenceSum = 0;
        MessageDocument latest = null;
        for (MessageDocument m : messages) {
            if (m.timestamp() != null) {
                Instant at = Instant.ofEpochMilli(m.timestamp().toEpochMilli());
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
            }
            count(roles, m.role());
            count(languages, m.language());
            if (m.tags() != null) {
                m.tags().stream().distinct().forEach(t -> count(tags, t));
            }
            if (m.pii() != null) {
                pii.addAll(m.pii());
            }
            MessageDocument.Intent intent = m.intent();
            if (intent != null) {
                count(intents, intent.name());
                fallback += Boolean.TRUE.equals(intent.fallback()) ? 1 : 0;
                if (intent.confidence() != null) {
                    confidences++;
                    confidenceMin = Math.min(confidenceMin, intent.confidence());
                    confidenceSum += intent.confidence();
                }
            }
            // the sample the aggregation takes: highest message.seq, messages without one last
            if (latest == null || seq(m) >= seq(latest)) {
                latest = m;
            }
        }
        return new MessageStats(messages.size(), first, last, top(roles, ROLES), top(intents, INTENTS).keySet().stream().toList(),
                top(languages, LANGUAGES).keySet().stream().toList(), top(tags, TAGS).keySet().stream().toList(),
                pii.stream().limit(PII_KINDS).toList(), fallback,
                confidences == 0 ? null : confidenceMin, confidences == 0 ? null : (float) (confidenceSum / confidences),
                latest.bot(), latest.channel(), latest.customer());
    }

    private static void count(Map<String, Integer> counts, String key) {
        if (key != null) {
            counts.merge(key, 1, Integer::sum);
        }
    }

    private static long seq(MessageDocument m) {
        return m.message() == null || m.message().seq() == null ? Long.MIN_VALUE : m.message().seq();
    }

    /** The {@code size} most frequent keys, in the terms aggregation's order. */
    private static Map<String, Integer> top(Map<String, Integer> counts, int size) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(TERMS_ORDER).limit(size).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(JsonNode terms) {
        List<String> out = new ArrayList<>();
        terms.path("buckets").forEach(b -> out.add(b.path("key").asText()));
        return out;
    }

    private static Named named(JsonNode sample, String field) {
        if (!sample.isObject()) {
            return null;
        }
        JsonNode n = sample.path(field);
        return Named.of(n.path("id").asText(null), n.path("name").asText(null));
    }

    private static Instant instant(JsonNode agg) {
        JsonNode v = agg.path("value");
        return v.isNumber() ? Instant.ofEpochMilli(v.asLong()) : null;
    }

    private static Float number(JsonNode agg) {
        JsonNode v = agg.path("value");
        return v.isNumber() ? Float.valueOf(v.floatValue()) : null;
    }
}
