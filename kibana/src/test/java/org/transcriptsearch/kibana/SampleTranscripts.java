package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Messages, conversations and runs shaped exactly as mappings/ declares them (the indices are
 * strict, so a wrong field fails the bulk), spread over the last six days for three sources of the
 * three vendors, with the ground truth every panel's aggregation is compared against. A stand-in for
 * the harvester's output until harvest can run against the sandbox in a test.
 */
final class SampleTranscripts {
    record Source(String name, String vendor, String bot, List<String> languages, List<String> channels) {
    }

    static final List<Source> SOURCES = List.of(
            new Source("cxone-support", "cxone", "Support Bot", List.of("ko", "en"), List.of("web", "whatsapp")),
            new Source("kore-banking", "kore", "Banking Bot", List.of("ja", "en"), List.of("web", "ivr")),
            new Source("agentx-store", "agentx", "Store Assistant", List.of("zh", "en"), List.of("web")));
    static final List<String> INTENTS = List.of("reset_password", "order_status", "refund", "opening_hours",
            "talk_to_agent", "card_lost", "shipping_cost");
    static final List<String> OUTCOMES = List.of("succeeded", "succeeded", "succeeded", "succeeded", "partial", "failed", "running");

    final List<ObjectNode> messages = new ArrayList<>();
    final List<ObjectNode> conversations = new ArrayList<>();
    final List<ObjectNode> runs = new ArrayList<>();
    /** Audit entries of {@code forget}, which share the runs index but are no harvest run. */
    final List<ObjectNode> forgets = new ArrayList<>();

    // Ground truth.
    final TreeMap<String, Long> userMessagesPerIntent = new TreeMap<>();
    final TreeMap<String, Long> messagesPerRole = new TreeMap<>();
    final TreeMap<String, Long> messagesPerBot = new TreeMap<>();
    final TreeMap<String, Long> runsPerOutcome = new TreeMap<>();
    final TreeMap<String, Long> maxLagPerSource = new TreeMap<>();
    /** Messages per kind of personal data redacted (a message with two kinds counts for each). */
    final TreeMap<String, Long> messagesPerPiiKind = new TreeMap<>();
    final Set<String> languages = new HashSet<>();
    final Set<String> customers = new HashSet<>();
    final Set<String> runnerUps = new HashSet<>();
    long userMessages, userFallbacks, userLowConfidence, reviewQueue, fallbacksWithRunnerUp;
    double userConfidenceSum;
    long userConfidenceCount;
    long messagesWritten, setAside;

    SampleTranscripts(Instant now) {
        Random random = new Random(20261123);
        Instant start = now.minus(Duration.ofDays(6)).truncatedTo(ChronoUnit.HOURS);
        for (Source source : SOURCES) {
            for (int c = 0; c < 20; c++) {
                conversation(source, c, start.plus(Duration.ofMinutes(random.nextInt(6 * 24 * 60 - 120))), random);
            }
            for (int r = 0; r < 24; r++) {
                run(source, r, start.plus(Duration.ofHours(6L * r)).plusSeconds(random.nextInt(600)), random);
            }
            forget(source, forgets.size(), start.plus(Duration.ofHours(30)), forgets.size() % 2 == 0 ? "succeeded" : "failed");
        }
    }

    /** As ForgetAudit writes it: who, when, what was erased, the outcome; a source, as a harvest run has. */
    private void forget(Source source, int number, Instant at, String outcome) {
        ObjectNode f = SavedObjects.JSON.createObjectNode();
        f.put("@timestamp", at.toString());
        f.putObject("run").put("id", "forget-" + number).put("command", "forget").put("host", "ops-1").put("user", "ops");
        f.put("source", source.name()).put("finished_at", at.plusSeconds(3).toString()).put("duration_ms", 3_000);
        f.put("outcome", outcome);
        f.putObject("forget").put("scope", "customer").put("digest", "9f2c" + number);
        f.putObject("erased").put("messages", 12).put("conversations", 2).put("set_aside", 0);
        forgets.add(f);
    }

    private void conversation(Source source, int number, Instant begin, Random random) {
        String conversationId = source.vendor() + "-conv-" + number;
        String language = source.languages().get(random.nextInt(source.languages().size()));
        String channel = source.channels().get(random.nextInt(source.channels().size()));
        String customer = source.name() + "-customer-" + random.nextInt(12);
        customers.add(customer);
        languages.add(language);
        // One conversation in three is long (21-80 messages): more lengths than the length chart shows one by one.
        int length = random.nextInt(3) == 0 ? 21 + random.nextInt(60) : 4 + random.nextInt(7);
        int user = 0, bot = 0, agent = 0, fallbacks = 0;
        double minConfidence = 1, sumConfidence = 0;
        Set<String> intents = new HashSet<>();
        Instant at = begin;
        for (int seq = 0; seq < length; seq++) {
            at = at.plusSeconds(5 + random.nextInt(40));
            String role = seq % 2 == 0 ? "user" : (seq == length - 1 && random.nextInt(5) == 0 ? "agent" : "bot");
            ObjectNode m = base(source, at);
            m.putObject("conversation").put("id", conversationId);
            m.putObject("message").put("id", conversationId + "-" + seq).put("seq", seq).put("type", "text");
            List<String> pii = redacted(role, number, seq);
            m.put("role", role).put("text", role + " message " + seq + " of " + conversationId
                    + pii.stream().map(k -> " [" + k.toUpperCase() + "]").reduce("", String::concat)).put("language", language);
            if (!pii.isEmpty()) {
                pii.forEach(m.putArray("pii")::add);
                pii.forEach(k -> messagesPerPiiKind.merge(k, 1L, Long::sum));
            }
            m.putObject("channel").put("name", channel);
            m.putObject("customer").put("id", customer);
            m.putObject("harvest").put("run_id", source.name() + "-run-0").put("at", at.plusSeconds(600).toString());
            if (role.equals("user")) {
                user++;
                userMessages++;
                double confidence = Math.round((0.2 + random.nextDouble() * 0.79) * 100) / 100.0;
                boolean fallback = confidence < 0.35;
                String intent = fallback ? "fallback" : INTENTS.get(random.nextInt(INTENTS.size()));
                ObjectNode i = m.putObject("intent").put("name", intent).put("confidence", confidence).put("fallback", fallback);
                if (fallback) {
                    String runnerUp = INTENTS.get(random.nextInt(INTENTS.size()));
                    i.putObject("runner_up").put("name", runnerUp).put("confidence", Math.round(confidence * 50) / 100.0);
                    runnerUps.add(runnerUp);
                    fallbacksWithRunnerUp++;
                    userFallbacks++;
                    fallbacks++;
                }
                userMessagesPerIntent.merge(intent, 1L, Long::sum);
                intents.add(intent);
                userConfidenceSum += (float) confidence;
                userConfidenceCount++;
                minConfidence = Math.min(minConfidence, confidence);
                sumConfidence += confidence;
                if (confidence < 0.5) {
                    userLowConfidence++;
                }
                if (fallback || confidence < 0.5) {
                    reviewQueue++;
                }
            } else if (role.equals("bot")) {
                bot++;
            } else {
                agent++;
            }
            messagesPerRole.merge(role, 1L, Long::sum);
            messagesPerBot.merge(source.bot(), 1L, Long::sum);
            messages.add(m);
        }
        ObjectNode c = base(source, begin);
        c.putObject("conversation").put("id", conversationId).put("number", number).put("start", begin.toString())
                .put("end", at.toString()).put("duration_ms", Duration.between(begin, at).toMillis())
                .put("last_activity", at.toString());
        c.putObject("messages").put("total", length).put("user", user).put("bot", bot).put("agent", agent).put("system", 0);
        intents.forEach(c.putArray("intents")::add);
        c.putObject("fallback").put("count", fallbacks);
        c.putObject("confidence").put("min", minConfidence).put("avg", sumConfidence / user);
        c.put("language", language).put("handover", agent > 0);
        c.putArray("languages").add(language);
        c.putObject("channel").put("name", channel);
        c.putObject("customer").put("id", customer);
        conversations.add(c);
    }

    /**
     * The kinds redaction replaced in a message, as a harvest with privacy on records them: customers give a
     * card number or their e-mail and phone now and then, and a member id matched by a pattern of the user's.
     */
    private static List<String> redacted(String role, int conversation, int seq) {
        if (!role.equals("user")) {
            return List.of();
        }
        return switch ((conversation * 3 + seq) % 7) {
            case 0 -> List.of("card");
            case 2 -> List.of("email", "phone");
            case 4 -> List.of("member_id");
            default -> List.of();
        };
    }

    private void run(Source source, int number, Instant started, Random random) {
        // The harvester's vocabulary (HarvestRun): a run is written as running when it starts.
        String outcome = number == 23 ? "running" : OUTCOMES.get(random.nextInt(OUTCOMES.size() - 1));
        long duration = 2_000 + random.nextInt(60_000);
        long written = outcome.equals("failed") ? 0 : random.nextInt(400);
        int aside = random.nextInt(10) < 8 ? 0 : 1 + random.nextInt(4);
        long lag = 60_000L + random.nextInt(3_600_000);
        Instant finished = started.plusMillis(duration);
        ObjectNode r = SavedObjects.JSON.createObjectNode();
        r.put("@timestamp", started.toString());
        r.putObject("run").put("id", source.name() + "-run-" + number).put("command", "harvest").put("host", "indexer-1");
        r.put("source", source.name()).put("vendor", source.vendor());
        r.putObject("window").put("from", started.minus(Duration.ofHours(7)).toString()).put("to", started.minusSeconds(120).toString());
        r.put("outcome", outcome);
        runs.add(r);
        runsPerOutcome.merge(outcome, 1L, Long::sum);
        if (outcome.equals("running")) {
            return; // the harvester fills in the rest when the run ends
        }
        r.put("finished_at", finished.toString()).put("duration_ms", duration);
        if (outcome.equals("partial") || outcome.equals("failed")) {
            r.put("reason", outcome.equals("failed") ? "vendor answered 503 after 5 attempts" : "2 records set aside");
        }
        r.put("pages", 1 + random.nextInt(5)).put("vendor_calls", 1 + random.nextInt(8));
        r.putObject("messages").put("written", written).put("new", written / 2).put("updated", written - written / 2);
        r.putObject("conversations").put("written", written / 6).put("new", written / 12).put("updated", written / 6 - written / 12);
        r.put("set_aside", aside);
        r.put("newest_message_at", finished.minusMillis(lag).toString()).put("lag_ms", lag);
        r.put("rate_per_s", written * 1000.0 / duration);
        maxLagPerSource.merge(source.name(), lag, Math::max);
        messagesWritten += written;
        setAside += aside;
    }

    private static ObjectNode base(Source source, Instant at) {
        ObjectNode d = SavedObjects.JSON.createObjectNode();
        d.put("@timestamp", at.toString()).put("vendor", source.vendor()).put("source", source.name());
        d.putObject("bot").put("id", source.vendor() + "-bot").put("name", source.bot());
        return d;
    }

    /** The _bulk body writing these documents into the given alias. */
    static String bulk(String alias, List<ObjectNode> documents) {
        StringBuilder body = new StringBuilder();
        for (ObjectNode d : documents) {
            body.append("{\"index\":{\"_index\":\"").append(alias).append("\"}}\n").append(d).append('\n');
        }
        return body.toString();
    }
}
