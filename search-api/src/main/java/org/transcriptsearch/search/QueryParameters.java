package org.transcriptsearch.search;

import io.vertx.core.MultiMap;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's query string, checked against what the endpoint accepts: unknown names, repeated
 * single-valued names and values of the wrong type are rejected with a 400 naming the parameter.
 * An empty value ({@code vendor=}) counts as absent, so a form can send every field.
 */
final class QueryParameters {
    private final MultiMap params;

    private QueryParameters(MultiMap params) {
        this.params = params;
    }

    /**
     * @param single names that take one value
     * @param multi  names that may repeat ({@code vendor=kore&vendor=cxone} = either)
     */
    static QueryParameters check(MultiMap params, Set<String> single, Set<String> multi) {
        for (String name : params.names()) {
            if (!single.contains(name) && !multi.contains(name)) {
                TreeSet<String> known = new TreeSet<>(single);
                known.addAll(multi);
                throw ApiError.badParameter(name, "unknown parameter '" + name + "'; this endpoint accepts: "
                        + String.join(", ", known));
            }
            if (single.contains(name) && params.getAll(name).stream().filter(v -> !v.isEmpty()).count() > 1) {
                throw ApiError.badParameter(name, "parameter '" + name + "' may be given only once");
            }
        }
        return new QueryParameters(params);
    }

    Optional<String> text(String name) {
        return params.getAll(name).stream().filter(v -> !v.isEmpty()).findFirst();
    }

    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String v : params.getAll(name)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    values.add(part.trim());
                }
            }
        }
        return values;
    }

    List<String> oneOf(String name, Set<String> allowed) {
        List<String> values = all(name);
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw ApiError.badParameter(name, "'" + v + "' is not a valid " + name + "; use one of "
                        + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return values;
    }

    Optional<Integer> integer(String name, int min, int max) {
        return text(name).map(v -> {
            try {
                int n = Integer.parseInt(v.trim());
                if (n < min || n > max) {
                    throw ApiError.badParameter(name, name + " must be between " + min + " and " + max + ", not " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw ApiError.badParameter(name, name + " must be a whole number between " + min + " and " + max
                        + ", not '" + v + "'");
            }
        });
    }

    Optional<Double> decimal(String name, double min, double max) {
        return text(name).map(v -> {
            double d;
            try {
                d = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw ApiError.badParameter(name, name + " must be a number between " + min + " and " + max
                        + ", not '" + v + "'");
            }
            if (Double.isNaN(d) || d < min || d > max) {
                throw ApiError.badParameter(name, name + " must be between " + min + " and " + max + ", not " + v);
            }
            return d;
        });
    }

    Optional<Boolean> bool(String name) {
        return text(name).map(v -> switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiError.badParameter(name, name + " must be true or false, not '" + v + "'");
        });
    }

    /** The dates a transcript can carry; beyond them a bound is a typo, and Elasticsearch could not take it. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    /**
     * An instant from {@code 2024-05-01}, {@code 2024-05-01T10:00:00Z}, {@code 2024-05-01T10:00:00+09:00}
     * or {@code 2024-05-01T10:00} (UTC), between {@link #EARLIEST} and {@link #LATEST}. A bare date as the
     * upper bound means the end of that day.
     */
    Optional<Instant> instant(String name, boolean endOfDay) {
        return text(name).map(v -> {
            Instant t = parseInstant(v.trim(), endOfDay);
            if (t == null) {
                throw ApiError.badParameter(name, name + " must be a date (2024-05-01) or an ISO-8601 time "
                        + "(2024-05-01T10:00:00Z), not '" + v + "'");
            }
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                throw ApiError.badParameter(name, name + " must be between 1900-01-01 and 9999-12-31, not '"
                        + v + "'");
            }
            return t;
        });
    }

    /** Null when {@code s} is none of the accepted forms. */
    private static Instant parseInstant(String s, boolean endOfDay) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeException notOffset) {
            // not a time with an offset; try the other forms
        }
        try {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException notLocal) {
            // not a local time either
        }
        try {
            LocalDate day = LocalDate.parse(s);
            if (!endOfDay) {
                return day.atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            // The day's last millisecond: plusDays(1) would fail on the last date Java can hold.
            return day.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeException notDate) {
            return null;
        }
    }
}
