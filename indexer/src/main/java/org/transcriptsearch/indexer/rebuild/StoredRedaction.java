package org.transcriptsearch.indexer.rebuild;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.privacy.PiiRedaction;
import org.transcriptsearch.privacy.PrivacyConfig;

/**
 * The privacy rules applied to documents already stored ({@code rebuild --redact}), as the harvest applies
 * them to what it reads: a message's {@code text}, {@code options}, {@code entities} and vendor record, a
 * conversation's {@code text}, {@code metadata} and vendor record, the kinds found added to its {@code pii}; in a
 * set-aside or run record, every text (a vendor record or a refused document kept as JSON text stays the same
 * JSON). Ids, times, names and counts are left as they are.
 */
final class StoredRedaction {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MESSAGE_TEXTS = Set.of("text", "options", "entities");
    private static final Set<String> CONVERSATION_TEXTS = Set.of("text", "metadata");
    /** Fields of set-aside and run records that hold a vendor record or a document as JSON text. */
    private static final Set<String> JSON_TEXTS = Set.of("record", "document");

    private final PiiRedaction rules;

    StoredRedaction(PrivacyConfig config) {
        this.rules = new PiiRedaction(config);
    }

    /** Redacts {@code source} (a stored document of {@code kind}) in place; whether anything changed. */
    boolean apply(IndexNames.Kind kind, ObjectNode source) {
        return switch (kind) {
            case MESSAGES -> document(source, MESSAGE_TEXTS);
            case CONVERSATIONS -> document(source, CONVERSATION_TEXTS);
            case DEADLETTER, RUNS -> everyText(source);
            case STATE -> false;
        };
    }

    /** A message or conversation: its texts and vendor record, and the kinds found in its texts added to its pii. */
    private boolean document(ObjectNode source, Set<String> texts) {
        Set<String> kinds = new TreeSet<>();
        boolean changed = fields(source, texts, kinds) | raw(source);
        if (!kinds.isEmpty()) {
            Set<String> all = new TreeSet<>(kinds);
            source.path("pii").forEach(k -> all.add(k.asText()));
            ArrayNode pii = JSON.createArrayNode();
            all.forEach(pii::add);
            if (!pii.equals(source.path("pii"))) {
                source.set("pii", pii);
                changed = true;
            }
        }
        return changed;
    }

    private boolean fields(ObjectNode source, Set<String> names, Set<String> kinds) {
        boolean changed = false;
        for (String name : names) {
            JsonNode value = source.get(name);
            if (value != null && !value.isNull()) {
                PiiRedaction.TreeResult r = rules.redact(value);
                if (!r.kinds().isEmpty()) {
                    source.set(name, r.tree());
                    kinds.addAll(r.kinds());
                    changed = true;
                }
            }
        }
        return changed;
    }

    private boolean raw(ObjectNode source) {
        JsonNode raw = source.get("raw");
        if (raw == null || raw.isNull()) {
            return false;
        }
        PiiRedaction.TreeResult r = rules.redact(raw);
        if (r.kinds().isEmpty()) {
            return false;
        }
        source.set("raw", r.tree());
        return true;
    }

    /** Every string in the tree; JSON text (a kept record or document) redacted inside its own strings. */
    private boolean everyText(ObjectNode node) {
        boolean changed = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isTextual()) {
                String redacted = JSON_TEXTS.contains(field.getKey()) ? json(value.textValue()) : rules.redact(value.textValue()).text();
                if (!redacted.equals(value.textValue())) {
                    field.setValue(TextNode.valueOf(redacted));
                    changed = true;
                }
            } else if (value.isObject()) {
                changed |= everyText((ObjectNode) value);
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode element = value.get(i);
                    if (element.isObject()) {
                        changed |= everyText((ObjectNode) element);
                    } else if (element.isTextual()) {
                        String redacted = rules.redact(element.textValue()).text();
                        if (!redacted.equals(element.textValue())) {
                            ((ArrayNode) value).set(i, TextNode.valueOf(redacted));
                            changed = true;
                        }
                    }
                }
            }
        }
        return changed;
    }

    private String json(String text) {
        try {
            PiiRedaction.TreeResult r = rules.redact(JSON.readTree(text));
            return r.kinds().isEmpty() ? text : r.tree().toString();
        } catch (JsonProcessingException e) {
            return rules.redact(text).text();
        }
    }
}
