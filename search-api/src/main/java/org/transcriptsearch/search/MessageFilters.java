package org.transcriptsearch.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.transcriptsearch.privacy.PiiKind;

/**
 * The filters {@code /api/search} and {@code /api/intents} share. Facet fields (vendor, source, bot,
 * intent, role, channel, language, pii) take several values each (any of them matches); the range and flag
 * filters (dates, confidence, fallback) take one.
 */
record MessageFilters(Map<Facet, List<String>> facets, Instant from, Instant to, Double minConfidence,
                      Double maxConfidence, Boolean fallback) {

    /** A filterable, countable field: the parameter name and the document field(s) behind it. */
    enum Facet {
        VENDOR("vendor", "vendor"),
        SOURCE("source", "source"),
        BOT("bot", "bot.name", "bot.id"),
        INTENT("intent", "intent.name"),
        ROLE("role", "role"),
        CHANNEL("channel", "channel.name"),
        LANGUAGE("language", "language"),
        /** The kinds of personal data redaction replaced; also {@code any} and {@code none} (see {@link #piiClause}). */
        PII("pii", "pii");

        final String parameter;
        /** The first field is the one counted; a filter value may match any of them. */
        final List<String> fields;

        Facet(String parameter, String... fields) {
            this.parameter = parameter;
            this.fields = List.of(fields);
        }
    }

    static final Set<String> VENDORS = Set.of("cxone", "kore", "agentx");
    static final Set<String> ROLES = Set.of("user", "bot", "agent", "system");
    static final Set<String> MULTI = Set.of("vendor", "source", "bot", "intent", "role", "channel", "language", "pii");
    /** {@code pii=any}: some personal data was redacted; {@code pii=none}: none was (or redaction was off). */
    static final String PII_ANY = "any";
    static final String PII_NONE = "none";
    /** A kind: a built-in one or the name of a {@code privacy.patterns} entry (letters, digits, '_'). */
    private static final Pattern PII_KIND = Pattern.compile("[A-Za-z0-9_]+");
    static final Set<String> SINGLE = Set.of("from", "to", "minConfidence", "maxConfidence", "fallback");

    static MessageFilters from(QueryParameters p) {
        Map<Facet, List<String>> facets = new LinkedHashMap<>();
        for (Facet f : Facet.values()) {
            List<String> values = switch (f) {
                case VENDOR -> p.oneOf("vendor", VENDORS);
                case ROLE -> p.oneOf("role", ROLES);
                case PII -> piiValues(p);
                default -> p.all(f.parameter);
            };
            if (!values.isEmpty()) {
                facets.put(f, List.copyOf(values));
            }
        }
        Instant from = p.instant("from", false).orElse(null);
        Instant to = p.instant("to", true).orElse(null);
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiError.badParameter("from", "from (" + from + ") is after to (" + to + "); swap them");
        }
        Double min = p.decimal("minConfidence", 0, 1).orElse(null);
        Double max = p.decimal("maxConfidence", 0, 1).orElse(null);
        if (min != null && max != null && min > max) {
            throw ApiError.badParameter("minConfidence", "minConfidence (" + min + ") is above maxConfidence ("
                    + max + ")");
        }
        return new MessageFilters(Map.copyOf(facets), from, to, min, max, p.bool("fallback").orElse(null));
    }

    private static List<String> piiValues(QueryParameters p) {
        List<String> values = new ArrayList<>();
        for (String v : p.all("pii")) {
            if (!PII_KIND.matcher(v).matches()) {
                throw ApiError.badParameter("pii", "'" + v + "' is not a kind of personal data; use any, none, "
                        + Arrays.stream(PiiKind.values()).map(PiiKind::configName).collect(Collectors.joining(", "))
                        + " or the name of one of your privacy.patterns (letters, digits, '_')");
            }
            values.add(v.toLowerCase(Locale.ROOT));
        }
        return values;
    }

    /**
     * Messages whose {@code pii} holds any of {@code values}: a kind (a pattern's name in any case), {@code any}
     * (some kind) or {@code none} (no kind at all).
     */
    static JsonObject piiClause(List<String> values) {
        JsonArray should = new JsonArray();
        JsonObject exists = new JsonObject().put("exists", new JsonObject().put("field", "pii"));
        for (String v : values) {
            if (v.equals(PII_ANY)) {
                should.add(exists);
            } else if (v.equals(PII_NONE)) {
                should.add(new JsonObject().put("bool", new JsonObject().put("must_not", new JsonArray().add(exists))));
            } else {
                should.add(new JsonObject().put("term", new JsonObject().put("pii", new JsonObject()
                        .put("value", v).put("case_insensitive", true))));
            }
        }
        return should.size() == 1 ? should.getJsonObject(0)
                : new JsonObject().put("bool", new JsonObject().put("should", should).put("minimum_should_match", 1));
    }

    /** The filter of one facet field, or null when that facet is not filtered. */
    JsonObject facetClause(Facet f) {
        List<String> values = facets.get(f);
        if (values == null) {
            return null;
        }
        if (f == Facet.PII) {
            return piiClause(values);
        }
        if (f.fields.size() == 1) {
            return terms(f.fields.get(0), values);
        }
        JsonArray should = new JsonArray();
        f.fields.forEach(field -> should.add(terms(field, values)));
        return new JsonObject().put("bool", new JsonObject().put("should", should).put("minimum_should_match", 1));
    }

    /** Every facet filter except {@code except} (null = all of them). */
    JsonArray facetClauses(Facet except) {
        JsonArray clauses = new JsonArray();
        for (Facet f : Facet.values()) {
            if (f != except && facets.containsKey(f)) {
                clauses.add(facetClause(f));
            }
        }
        return clauses;
    }

    /** Date, confidence and fallback filters: these narrow every count, facets included. */
    JsonArray rangeClauses() {
        JsonArray clauses = new JsonArray();
        if (from != null || to != null) {
            JsonObject range = new JsonObject();
            if (from != null) {
                range.put("gte", from.toString());
            }
            if (to != null) {
                range.put("lte", to.toString());
            }
            clauses.add(new JsonObject().put("range", new JsonObject().put("@timestamp", range)));
        }
        if (minConfidence != null || maxConfidence != null) {
            JsonObject range = new JsonObject();
            if (minConfidence != null) {
                range.put("gte", minConfidence);
            }
            if (maxConfidence != null) {
                range.put("lte", maxConfidence);
            }
            clauses.add(new JsonObject().put("range", new JsonObject().put("intent.confidence", range)));
        }
        if (fallback != null) {
            if (fallback) {
                clauses.add(term("intent.fallback", true));
            } else {
                // Messages that never had an intent are "not fallback" too: negate rather than match false.
                clauses.add(new JsonObject().put("bool", new JsonObject().put("must_not",
                        new JsonArray().add(term("intent.fallback", true)))));
            }
        }
        return clauses;
    }

    /** All filters as one list (for endpoints without facets). */
    JsonArray allClauses() {
        JsonArray all = rangeClauses();
        facetClauses(null).forEach(all::add);
        return all;
    }

    /** A canonical text of the filters, part of a cursor's fingerprint. */
    String canonical() {
        List<String> parts = new ArrayList<>();
        for (Facet f : Facet.values()) {
            if (facets.containsKey(f)) {
                parts.add(f.parameter + "=" + facets.get(f).stream().sorted().toList());
            }
        }
        parts.add("from=" + from);
        parts.add("to=" + to);
        parts.add("min=" + minConfidence);
        parts.add("max=" + maxConfidence);
        parts.add("fallback=" + fallback);
        return String.join("&", parts);
    }

    static JsonObject terms(String field, List<String> values) {
        return new JsonObject().put("terms", new JsonObject().put(field, new JsonArray(new ArrayList<>(values))));
    }

    static JsonObject term(String field, Object value) {
        return new JsonObject().put("term", new JsonObject().put(field, value));
    }
}
