package org.transcriptsearch.sandbox.kore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.ApiRequest;
import org.transcriptsearch.sandbox.http.JsonWire;

/**
 * A getMessages call's parameters, from the query string (GET) or the JSON body (POST). The window is
 * {@code [dateFrom, dateTo)} (end exclusive: our inference, the safe reading for consecutive windows); a
 * date without time means 00:00 UTC that day. Given both, they must span less than 7 days. Given one,
 * the other is 7 days away; given neither, the window is the 7 days up to now (the vendor's defaults).
 */
record KoreQuery(int skip, int limit, long fromMs, long toMs, boolean forward, Set<String> sessionIds,
                 Optional<String> userId, Optional<String> channelType) {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    static final long WINDOW_MS = Duration.ofDays(7).toMillis();

    static KoreQuery parse(ApiRequest request, long nowMs) {
        Source source = request.method().equals("POST") ? Source.body(request) : Source.query(request);
        if (!request.method().equals("POST") && source.text("userId").isEmpty()) {
            throw ApiException.badRequest("userId is required for GET getMessages (use POST to read every user)");
        }
        if (source.present("tags")) {
            throw ApiException.badRequest("tags filters are not supported by this sandbox");
        }
        int skip = source.integer("skip").or(() -> source.integer("offset")).orElse(0);
        int limit = source.integer("limit").orElse(DEFAULT_LIMIT);
        if (skip < 0) {
            throw ApiException.badRequest("skip must be >= 0, was " + skip);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
        Optional<Long> from = source.text("dateFrom").map(v -> date("dateFrom", v));
        Optional<Long> to = source.text("dateTo").map(v -> date("dateTo", v));
        long fromMs;
        long toMs;
        if (from.isPresent() && to.isPresent()) {
            fromMs = from.get();
            toMs = to.get();
            if (toMs < fromMs) {
                throw ApiException.badRequest("dateTo must not be before dateFrom");
            }
            if (toMs - fromMs >= WINDOW_MS) {
                throw ApiException.badRequest("The duration between dateFrom and dateTo should be less than 7 days");
            }
        } else if (from.isPresent()) {
            fromMs = from.get();
            toMs = fromMs + WINDOW_MS;
        } else if (to.isPresent()) {
            toMs = to.get();
            fromMs = toMs - WINDOW_MS;
        } else {
            toMs = nowMs;
            fromMs = nowMs - WINDOW_MS;
        }
        return new KoreQuery(skip, limit, fromMs, toMs, source.bool("forward").orElse(false),
                Set.copyOf(source.list("sessionId")), source.text("userId"),
                source.text("channelType").map(c -> c.toLowerCase(Locale.ROOT)));
    }

    boolean filtered() {
        return !sessionIds.isEmpty() || userId.isPresent() || channelType.isPresent();
    }

    /** yyyy-mm-dd (00:00 UTC), an ISO instant, an ISO time with offset, or one without zone (UTC). */
    static long date(String name, String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            if (value.endsWith("Z") || value.endsWith("z")) {
                return Instant.parse(value.toUpperCase(Locale.ROOT)).toEpochMilli();
            }
            if (value.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(value).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be yyyy-mm-dd or yyyy-mm-ddThh:mm:ss.sssZ, was '" + value + "'");
        }
    }

    /** Where parameters come from: the query string or a JSON object body. */
    private interface Source {
        boolean present(String name);

        Optional<String> text(String name);

        List<String> list(String name);

        Optional<Integer> integer(String name);

        Optional<Boolean> bool(String name);

        static Source query(ApiRequest request) {
            return new Source() {
                @Override
                public boolean present(String name) {
                    return request.query().containsKey(name);
                }

                @Override
                public Optional<String> text(String name) {
                    return request.param(name);
                }

                @Override
                public List<String> list(String name) {
                    List<String> out = new ArrayList<>();
                    for (String value : request.params(name)) {
                        for (String part : value.split(",")) {
                            if (!part.isBlank()) {
                                out.add(part.trim());
                            }
                        }
                    }
                    return out;
                }

                @Override
                public Optional<Integer> integer(String name) {
                    return text(name).map(v -> wholeNumber(name, v));
                }

                @Override
                public Optional<Boolean> bool(String name) {
                    return text(name).map(v -> truth(name, v));
                }
            };
        }

        static Source body(ApiRequest request) {
            JsonNode body;
            try {
                String text = request.body().orElse("").trim();
                body = text.isEmpty() ? JsonWire.MAPPER.createObjectNode() : JsonWire.MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
            }
            if (!body.isObject()) {
                throw ApiException.badRequest("The request body must be a JSON object");
            }
            JsonNode root = body;
            return new Source() {
                @Override
                public boolean present(String name) {
                    return root.has(name) && !root.get(name).isNull();
                }

                @Override
                public Optional<String> text(String name) {
                    JsonNode node = root.get(name);
                    if (node == null || node.isNull()) {
                        return Optional.empty();
                    }
                    if (!node.isValueNode()) {
                        throw ApiException.badRequest(name + " must be a string");
                    }
                    return node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText().trim());
                }

                @Override
                public List<String> list(String name) {
                    JsonNode node = root.get(name);
                    if (node == null || node.isNull()) {
                        return List.of();
                    }
                    if (node.isTextual()) {
                        return List.of(node.asText());
                    }
                    if (!node.isArray()) {
                        throw ApiException.badRequest(name + " must be a list of strings");
                    }
                    List<String> out = new ArrayList<>();
                    node.forEach(n -> {
                        if (!n.isTextual()) {
                            throw ApiException.badRequest(name + " must be a list of strings");
                        }
                        out.add(n.asText());
                    });
                    return List.copyOf(new LinkedHashSet<>(out));
                }

                @Override
                public Optional<Integer> integer(String name) {
                    JsonNode node = root.get(name);
                    if (node == null || node.isNull()) {
                        return Optional.empty();
                    }
                    if (node.isIntegralNumber() && node.canConvertToInt()) {
                        return Optional.of(node.asInt());
                    }
                    if (node.isTextual()) {
                        return Optional.of(wholeNumber(name, node.asText()));
                    }
                    throw ApiException.badRequest(name + " must be a whole number");
                }

                @Override
                public Optional<Boolean> bool(String name) {
                    JsonNode node = root.get(name);
                    if (node == null || node.isNull()) {
                        return Optional.empty();
                    }
                    if (node.isBoolean()) {
                        return Optional.of(node.asBoolean());
                    }
                    if (node.isTextual()) {
                        return Optional.of(truth(name, node.asText()));
                    }
                    throw ApiException.badRequest(name + " must be true or false");
                }
            };
        }
    }

    private static int wholeNumber(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static boolean truth(String name, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, was '" + value + "'");
        };
    }
}
