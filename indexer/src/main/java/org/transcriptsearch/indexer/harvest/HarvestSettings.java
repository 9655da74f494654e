package org.transcriptsearch.indexer.harvest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.indexer.sink.BulkLimits;
import org.transcriptsearch.indexer.source.DurationSetting;
import org.transcriptsearch.indexer.source.RetryPolicy;
import org.transcriptsearch.privacy.PrivacyConfig;

/**
 * The {@code harvest:} section of the config file (see the README's configuration table), validated.
 * {@code overlap}, {@code settle} and {@code initialLookback} may also be set per source. {@code privacy} is the
 * config file's {@code privacy:} section (redaction at harvest), laid on with {@link #withPrivacy}.
 */
public record HarvestSettings(Duration overlap, Duration settle, Duration initialLookback, Duration leaseTtl,
                              BulkLimits bulk, RetryPolicy retry, int conversationBatch, Duration futureTolerance,
                              PrivacyConfig privacy) {
    private static final Set<String> KEYS = Set.of("overlap", "settle", "initialLookback", "leaseTtl", "bulkDocs",
            "bulkBytes", "bulkInFlight", "outage", "retries", "timeout", "conversationBatch", "futureTolerance");

    public static HarvestSettings defaults() {
        return new HarvestSettings(Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofDays(30), Duration.ofMinutes(2),
                BulkLimits.defaults(), RetryPolicy.defaults(), 1_000, Duration.ofHours(1), PrivacyConfig.none());
    }

    public static HarvestSettings read(Map<String, Object> section) {
        List<String> problems = new ArrayList<>();
        HarvestSettings d = defaults();
        section.keySet().stream().filter(k -> !KEYS.contains(k)).sorted()
                .forEach(k -> problems.add("unknown key harvest." + k + " (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")"));
        Duration overlap = duration(section, "overlap", d.overlap, problems);
        Duration settle = duration(section, "settle", d.settle, problems);
        Duration lookback = duration(section, "initialLookback", d.initialLookback, problems);
        Duration lease = duration(section, "leaseTtl", d.leaseTtl, problems);
        Duration outage = duration(section, "outage", d.bulk.outage(), problems);
        Duration timeout = duration(section, "timeout", d.retry.timeout(), problems);
        Duration future = duration(section, "futureTolerance", d.futureTolerance, problems);
        int docs = integer(section, "bulkDocs", 1, 100_000, d.bulk.maxDocs(), problems);
        int bytes = integer(section, "bulkBytes", 10_000, 100_000_000, d.bulk.maxBytes(), problems);
        int inFlight = integer(section, "bulkInFlight", 1, 64, d.bulk.maxInFlight(), problems);
        int retries = integer(section, "retries", 0, 100, d.retry.maxAttempts() - 1, problems);
        int batch = integer(section, "conversationBatch", 1, 10_000, d.conversationBatch, problems);
        if (lease.toSeconds() < 5) {
            problems.add("harvest.leaseTtl must be at least 5s");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        RetryPolicy r = d.retry;
        return new HarvestSettings(overlap, settle, lookback, lease, new BulkLimits(docs, bytes, inFlight, outage),
                new RetryPolicy(retries + 1, r.baseDelay(), r.maxDelay(), r.maxRetryAfter(), timeout), batch, future,
                d.privacy);
    }

    /** These settings with a source's own {@code overlap}, {@code settle}, {@code initialLookback} laid over them. */
    public HarvestSettings forSource(SourceConfig source) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> s = source.settings();
        Duration o = durationKey(s, "overlap", overlap, source.key("overlap"), problems);
        Duration st = durationKey(s, "settle", settle, source.key("settle"), problems);
        Duration l = durationKey(s, "initialLookback", initialLookback, source.key("initialLookback"), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new HarvestSettings(o, st, l, leaseTtl, bulk, retry, conversationBatch, futureTolerance, privacy);
    }

    /** These settings redacting personal data as {@code rules} say (the config file's {@code privacy:} section). */
    public HarvestSettings withPrivacy(PrivacyConfig rules) {
        return new HarvestSettings(overlap, settle, initialLookback, leaseTtl, bulk, retry, conversationBatch,
                futureTolerance, rules);
    }

    private static Duration duration(Map<String, Object> m, String key, Duration def, List<String> problems) {
        return durationKey(m, key, def, "harvest." + key, problems);
    }

    private static Duration durationKey(Map<String, Object> m, String key, Duration def, String name, List<String> problems) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            return def;
        }
        try {
            Duration d = DurationSetting.parse(String.valueOf(v));
            if (d.isNegative()) {
                problems.add(name + " must not be negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(name + " " + e.getMessage());
            return def;
        }
    }

    private static int integer(Map<String, Object> m, String key, int min, int max, int def, List<String> problems) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            return def;
        }
        try {
            int n = Integer.parseInt(String.valueOf(v).trim());
            if (n < min || n > max) {
                problems.add("harvest." + key + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add("harvest." + key + " must be a whole number, not '" + v + "'");
            return def;
        }
    }
}
