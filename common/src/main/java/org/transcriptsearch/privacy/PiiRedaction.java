package org.transcriptsearch.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replaces the personal data the configuration asks for with placeholders and says which kinds it found.
 * When matches overlap the longest wins, and at equal length the more specific (a user pattern, then a
 * national id, IBAN, card, e-mail, IP address, phone): an IBAN or a card is never also a phone.
 */
public final class PiiRedaction {
    private final List<PiiDetector> detectors;

    /** Whether there are user patterns, which may match any text (the built-in kinds need a digit, @ or :). */
    private final boolean anyText;

    public PiiRedaction(PrivacyConfig config) {
        List<PiiDetector> list = new ArrayList<>();
        for (UserPattern pattern : config.patterns()) {
            list.add((text, found) -> pattern.find(text.original(), found));
        }
        this.anyText = !config.patterns().isEmpty();
        for (PiiKind kind : PiiKind.values()) {
            if (config.redact().contains(kind)) {
                list.add(detector(kind));
            }
        }
        this.detectors = List.copyOf(list);
    }

    /** The redacted text and the kinds found, by their names in {@code pii}. */
    public record Result(String text, Set<String> kinds) {
        public Result {
            kinds = Set.copyOf(kinds);
        }
    }

    /**
     * A redacted copy of a JSON tree: every string value, wherever it is. Field names and numbers are kept as
     * they are (a phone number stored as a JSON number stays).
     */
    public record TreeResult(JsonNode tree, Set<String> kinds) {
        public TreeResult {
            kinds = Set.copyOf(kinds);
        }
    }

    public Result redact(String text) {
        if (text == null || text.isEmpty() || detectors.isEmpty()) {
            return new Result(text, Set.of());
        }
        List<PiiMatch> chosen = find(text);
        StringBuilder sb = new StringBuilder(text.length());
        Set<String> kinds = new TreeSet<>();
        int at = 0;
        for (PiiMatch match : chosen) {
            sb.append(text, at, match.start()).append(match.placeholder());
            kinds.add(match.kind());
            at = match.end();
        }
        sb.append(text, at, text.length());
        return new Result(sb.toString(), kinds);
    }

    /** The matches that will be replaced, in text order, none overlapping. */
    public List<PiiMatch> find(String text) {
        if (text == null || text.isEmpty() || (!anyText && !mayHoldBuiltInKind(text))) {
            return List.of();
        }
        MatchingText matching = MatchingText.of(text);
        List<PiiMatch> found = new ArrayList<>();
        for (PiiDetector detector : detectors) {
            detector.find(matching, found);
        }
        found.sort(Comparator.comparingInt(PiiMatch::length).reversed()
                .thenComparingInt(PiiMatch::rank)
                .thenComparingInt(PiiMatch::start));
        TreeMap<Integer, PiiMatch> chosen = new TreeMap<>();
        for (PiiMatch match : found) {
            Map.Entry<Integer, PiiMatch> before = chosen.floorEntry(match.start());
            Map.Entry<Integer, PiiMatch> after = chosen.ceilingEntry(match.start());
            boolean free = (before == null || !before.getValue().overlaps(match))
                    && (after == null || !after.getValue().overlaps(match));
            if (free) {
                chosen.put(match.start(), match);
            }
        }
        return List.copyOf(chosen.values());
    }

    /**
     * Every built-in kind holds a digit (in any script: full-width ones too), an {@code @} or, for IPv6, a
     * {@code :}; most texts a vendor record holds (names, ids of letters, words) have none and are not scanned.
     */
    private static boolean mayHoldBuiltInKind(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '@' || c == ':' || (c >= 0x80 && (Character.isDigit(c) || c == '＠' || c == '：'))) {
                return true;
            }
        }
        return false;
    }

    public TreeResult redact(JsonNode tree) {
        if (tree == null) {
            return new TreeResult(JsonNodeFactory.instance.nullNode(), Set.of());
        }
        Set<String> kinds = new TreeSet<>();
        return new TreeResult(copy(tree, kinds), kinds);
    }

    private JsonNode copy(JsonNode node, Set<String> kinds) {
        if (node.isTextual()) {
            Result result = redact(node.textValue());
            kinds.addAll(result.kinds());
            return result.kinds().isEmpty() ? node : TextNode.valueOf(result.text());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                copy.set(field.getKey(), copy(field.getValue(), kinds));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(copy(element, kinds)));
            return copy;
        }
        return node.deepCopy();
    }

    /** The built-in detector of {@code kind}, run only where the text's traits allow a match. */
    private static PiiDetector detector(PiiKind kind) {
        PiiDetector detector = unguarded(kind);
        return (text, found) -> {
            if (text.traits().mayHold(kind)) {
                detector.find(text, found);
            }
        };
    }

    private static PiiDetector unguarded(PiiKind kind) {
        return switch (kind) {
            case EMAIL -> new EmailDetector();
            case PHONE -> new PhoneDetector();
            case CARD -> new CardDetector();
            case IBAN -> new IbanDetector();
            case NATIONAL_ID -> new NationalIdDetector();
            case IP -> new IpAddressDetector();
        };
    }
}
