package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The part of Kibana's query language the saved objects use, turned into the Elasticsearch query
 * Kibana sends for it: {@code field: value}, {@code field: "phrase"}, {@code field < n} (and
 * {@code <= > >=}), {@code and}, {@code or}, {@code not}, parentheses. Anything else is refused, so
 * a panel cannot use a query these checks do not understand.
 */
final class Kql {
    record Parsed(ObjectNode query, Set<String> fields, Set<String> rangeFields) {
    }

    private final List<String> tokens;
    private final String source;
    private int at;
    private final Set<String> fields = new LinkedHashSet<>();
    private final Set<String> rangeFields = new LinkedHashSet<>();

    private Kql(String source) {
        this.source = source;
        this.tokens = tokenize(source);
    }

    static Parsed parse(String kql) {
        Kql parser = new Kql(kql);
        if (parser.tokens.isEmpty()) {
            return new Parsed(object().set("match_all", object()), Set.of(), Set.of());
        }
        ObjectNode query = parser.or();
        if (parser.at != parser.tokens.size()) {
            throw parser.error("unexpected '" + parser.tokens.get(parser.at) + "'");
        }
        return new Parsed(query, parser.fields, parser.rangeFields);
    }

    private ObjectNode or() {
        List<ObjectNode> parts = new ArrayList<>(List.of(and()));
        while (peekWord("or")) {
            at++;
            parts.add(and());
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        ObjectNode should = bool("should", parts);
        ((ObjectNode) should.get("bool")).put("minimum_should_match", 1);
        return should;
    }

    private ObjectNode and() {
        List<ObjectNode> parts = new ArrayList<>(List.of(not()));
        while (peekWord("and")) {
            at++;
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : bool("filter", parts);
    }

    private ObjectNode not() {
        if (peekWord("not")) {
            at++;
            return bool("must_not", List.of(not()));
        }
        return primary();
    }

    private ObjectNode primary() {
        String token = next();
        if (token.equals("(")) {
            ObjectNode inner = or();
            expect(")");
            return inner;
        }
        if (!token.matches("[A-Za-z0-9_@][A-Za-z0-9_.@]*")) {
            throw error("expected a field name, found '" + token + "'");
        }
        String field = token;
        fields.add(field);
        String op = next();
        String value = next();
        boolean quoted = value.startsWith("\"");
        String literal = quoted ? value.substring(1, value.length() - 1) : value;
        switch (op) {
            case ":" -> {
                if (!quoted && literal.equals("*")) {
                    return object().set("exists", object().put("field", field));
                }
                String kind = quoted ? "match_phrase" : "match";
                ObjectNode match = object();
                match.set(field, object().put("query", literal));
                return object().set(kind, match);
            }
            case "<", "<=", ">", ">=" -> {
                rangeFields.add(field);
                String bound = switch (op) {
                    case "<" -> "lt";
                    case "<=" -> "lte";
                    case ">" -> "gt";
                    default -> "gte";
                };
                ObjectNode range = object();
                try {
                    range.set(field, object().put(bound, new BigDecimal(literal)));
                } catch (NumberFormatException e) {
                    range.set(field, object().put(bound, literal));
                }
                return object().set("range", range);
            }
            default -> throw error("expected ':' or a comparison after " + field + ", found '" + op + "'");
        }
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ':') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '<' || c == '>') {
                boolean eq = i + 1 < s.length() && s.charAt(i + 1) == '=';
                out.add(eq ? c + "=" : String.valueOf(c));
                i += eq ? 2 : 1;
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("KQL '" + s + "': unterminated quote");
                }
                out.add(s.substring(i, end + 1));
                i = end + 1;
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "():<>\"".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(s.substring(start, i));
            }
        }
        return out;
    }

    private boolean peekWord(String word) {
        return at < tokens.size() && tokens.get(at).equalsIgnoreCase(word);
    }

    private String next() {
        if (at >= tokens.size()) {
            throw error("ends too early");
        }
        return tokens.get(at++);
    }

    private void expect(String token) {
        if (!next().equals(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("KQL '" + source + "': " + what);
    }

    private static ObjectNode bool(String clause, List<ObjectNode> parts) {
        ObjectNode bool = object();
        ArrayNode list = bool.putArray(clause);
        parts.forEach(list::add);
        return (ObjectNode) object().set("bool", bool);
    }

    private static ObjectNode object() {
        return SavedObjects.JSON.createObjectNode();
    }
}
