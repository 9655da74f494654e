package org.transcriptsearch.sandbox.cxone;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.transcriptsearch.sandbox.http.ApiException;

/**
 * Bot Builder's "query search": {@code parameter operator value} clauses joined by {@code AND}, e.g.
 * {@code action = handover AND datetime > -14 days}. The sandbox filters on {@code datetime} (compared with
 * the conversation's {@code lastMessageAt}: our inference, since that is what makes a trailing window
 * catch conversations that grew), the message counts, {@code conversation}, {@code customer},
 * {@code channel} and {@code action}; anything else is refused with 400 rather than silently ignored.
 */
final class CxoneQuery {
    static final List<String> SUPPORTED = List.of(
            "datetime", "customer_message_count", "bot_message_count", "conversation", "customer", "channel", "action");
    private static final Set<String> VENDOR_ONLY = Set.of("category");
    private static final Pattern AND = Pattern.compile("\\s+AND\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLAUSE = Pattern.compile("^\\s*([A-Za-z_]+)\\s*(>=|<=|!=|=|>|<)\\s*(.+?)\\s*$");
    private static final Pattern RELATIVE = Pattern.compile(
            "^([+-]?\\d+)\\s*(minute|minutes|hour|hours|day|days|week|weeks)$", Pattern.CASE_INSENSITIVE);

    /** What a clause is checked against, computed only when a clause asks for it. */
    interface Facts {
        long lastMessageAt();

        int customerMessages();

        int botMessages();

        String conversationId();

        String customer();

        String channel();

        /** Action types in the tracker: session_start, listen, ask_affirmation, handover. */
        Set<String> actionTypes();
    }

    private record Clause(String parameter, String operator, String text, long number) {
    }

    private final List<Clause> clauses;

    private CxoneQuery(List<Clause> clauses) {
        this.clauses = List.copyOf(clauses);
    }

    static CxoneQuery parse(Optional<String> query, long nowMs) {
        List<Clause> clauses = new ArrayList<>();
        if (query.isEmpty()) {
            return new CxoneQuery(clauses);
        }
        for (String part : AND.split(query.get().trim())) {
            Matcher m = CLAUSE.matcher(part);
            if (!m.matches()) {
                throw ApiException.badRequest("Cannot parse query clause '" + part
                        + "': expected 'parameter operator value' (operators = != > < >= <=), clauses joined by AND");
            }
            String parameter = m.group(1).toLowerCase(Locale.ROOT);
            String operator = m.group(2);
            String value = unquote(m.group(3));
            if (VENDOR_ONLY.contains(parameter)) {
                throw ApiException.badRequest("Query parameter '" + parameter + "' is not supported by this sandbox;"
                        + " supported: " + String.join(", ", SUPPORTED));
            }
            clauses.add(switch (parameter) {
                case "datetime" -> new Clause(parameter, operator, value, datetime(value, nowMs));
                case "customer_message_count", "bot_message_count" -> new Clause(parameter, operator, value, integer(parameter, value));
                case "conversation", "customer", "channel", "action" -> {
                    if (!operator.equals("=") && !operator.equals("!=")) {
                        throw ApiException.badRequest("Query parameter '" + parameter + "' takes = or !=, not " + operator);
                    }
                    yield new Clause(parameter, operator, value, 0);
                }
                default -> throw ApiException.badRequest("Unknown query parameter '" + parameter + "'; supported: "
                        + String.join(", ", SUPPORTED));
            });
        }
        return new CxoneQuery(clauses);
    }

    boolean isEmpty() {
        return clauses.isEmpty();
    }

    boolean matches(Facts facts) {
        for (Clause clause : clauses) {
            boolean ok = switch (clause.parameter()) {
                case "datetime" -> compare(facts.lastMessageAt(), clause);
                case "customer_message_count" -> compare(facts.customerMessages(), clause);
                case "bot_message_count" -> compare(facts.botMessages(), clause);
                case "conversation" -> equality(facts.conversationId().equals(clause.text()), clause);
                case "customer" -> equality(facts.customer().equalsIgnoreCase(clause.text()), clause);
                case "channel" -> equality(facts.channel().equalsIgnoreCase(clause.text()), clause);
                case "action" -> equality(facts.actionTypes().contains(clause.text().toLowerCase(Locale.ROOT)), clause);
                default -> throw new IllegalStateException("unparsed clause " + clause);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean compare(long actual, Clause clause) {
        return switch (clause.operator()) {
            case "=" -> actual == clause.number();
            case "!=" -> actual != clause.number();
            case ">" -> actual > clause.number();
            case "<" -> actual < clause.number();
            case ">=" -> actual >= clause.number();
            case "<=" -> actual <= clause.number();
            default -> throw new IllegalStateException("operator " + clause.operator());
        };
    }

    private static boolean equality(boolean equal, Clause clause) {
        return clause.operator().equals("=") == equal;
    }

    /** {@code -14 days} (relative to now), {@code 2024-07-01} (UTC midnight) or an ISO instant, as epoch ms. */
    private static long datetime(String value, long nowMs) {
        Matcher relative = RELATIVE.matcher(value);
        if (relative.matches()) {
            long amount = Long.parseLong(relative.group(1));
            String unit = relative.group(2).toLowerCase(Locale.ROOT);
            Duration one = unit.startsWith("minute") ? Duration.ofMinutes(1)
                    : unit.startsWith("hour") ? Duration.ofHours(1)
                    : unit.startsWith("day") ? Duration.ofDays(1) : Duration.ofDays(7);
            return nowMs + amount * one.toMillis();
        }
        try {
            return value.length() == 10
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                    : Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Cannot read datetime value '" + value
                    + "': use a relative time like '-14 days' (minutes, hours, days, weeks), a date like 2024-07-01"
                    + " or an ISO instant");
        }
    }

    private static long integer(String parameter, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Query parameter '" + parameter + "' needs a whole number, not '" + value + "'");
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
