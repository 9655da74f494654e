package org.transcriptsearch.indexer.harvest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.transcriptsearch.document.MessageDocument;
import org.transcriptsearch.indexer.source.ConversationFacts;
import org.transcriptsearch.indexer.source.SetAside;
import org.transcriptsearch.indexer.source.SourcePage;
import org.transcriptsearch.privacy.PiiRedaction;
import org.transcriptsearch.privacy.PrivacyConfig;
import org.transcriptsearch.text.LanguageDetector;

/**
 * Replaces the personal data the {@code privacy:} rules detect in a page, before anything of it is written:
 * in each message's {@code text}, {@code options}, {@code entities} and vendor record ({@code raw}); in each
 * conversation's {@code metadata} and vendor record; in each set-aside vendor record. A message's
 * {@code pii} lists the kinds found in what it shows (text, options, entities). Its language is told from the
 * text as written: a placeholder is not a word of any language. Everything stored later is built from the
 * redacted page (conversation documents and their {@code text} from redacted messages), so no matched value
 * reaches Elasticsearch.
 */
final class PageRedaction {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PiiRedaction rules;

    private PageRedaction(PiiRedaction rules) {
        this.rules = rules;
    }

    /** The page redaction {@code config} asks for, or null when it asks for none. */
    static PageRedaction of(PrivacyConfig config) {
        return config.enabled() ? new PageRedaction(new PiiRedaction(config)) : null;
    }

    SourcePage apply(SourcePage page) {
        // A vendor record shared by several documents of the page is redacted once.
        Map<JsonNode, JsonNode> trees = new IdentityHashMap<>();
        List<MessageDocument> messages = new ArrayList<>(page.messages().size());
        for (MessageDocument m : page.messages()) {
            messages.add(message(m, trees));
        }
        List<ConversationFacts> conversations = new ArrayList<>(page.conversations().size());
        for (ConversationFacts f : page.conversations()) {
            conversations.add(conversation(f, trees));
        }
        List<SetAside> setAside = new ArrayList<>(page.setAside().size());
        for (SetAside s : page.setAside()) {
            setAside.add(new SetAside(s.location(), s.reason(), s.conversationId(), record(s.record())));
        }
        return new SourcePage(page.stream(), page.location(), messages, conversations, setAside, page.checkpoint(),
                page.expectedTotal(), page.totalUnit());
    }

    MessageDocument message(MessageDocument m, Map<JsonNode, JsonNode> trees) {
        Set<String> kinds = new TreeSet<>();
        String text = text(m.text(), kinds);
        List<String> options = m.options() == null ? null : texts(m.options(), kinds);
        Map<String, List<String>> entities = null;
        if (m.entities() != null) {
            entities = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : m.entities().entrySet()) {
                entities.put(e.getKey(), e.getValue() == null ? null : texts(e.getValue(), kinds));
            }
        }
        String language = m.language() != null || m.text() == null ? m.language() : LanguageDetector.detect(m.text());
        return m.withLanguage(language)
                .withRedacted(text, entities, options, tree(m.raw(), trees), kinds.isEmpty() ? null : List.copyOf(kinds));
    }

    private ConversationFacts conversation(ConversationFacts f, Map<JsonNode, JsonNode> trees) {
        Map<String, Object> metadata = null;
        if (f.metadata() != null) {
            JsonNode redacted = rules.redact(JSON.valueToTree(f.metadata())).tree();
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.convertValue(redacted, Map.class);
            metadata = m;
        }
        return new ConversationFacts(f.conversationId(), f.bot(), f.number(), f.start(), f.lastActivity(), f.locale(),
                f.channel(), f.customer(), f.tags(), f.journey(), f.handover(), f.reviewed(), metadata,
                tree(f.raw(), trees));
    }

    private String text(String text, Set<String> kinds) {
        if (text == null) {
            return null;
        }
        PiiRedaction.Result r = rules.redact(text);
        kinds.addAll(r.kinds());
        return r.text();
    }

    private List<String> texts(List<String> texts, Set<String> kinds) {
        List<String> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(text(t, kinds));
        }
        return out;
    }

    private JsonNode tree(JsonNode raw, Map<JsonNode, JsonNode> trees) {
        if (raw == null) {
            return null;
        }
        return trees.computeIfAbsent(raw, r -> rules.redact(r).tree());
    }

    /** A set-aside vendor record's JSON text, redacted inside its string values (text that is not JSON as text). */
    private String record(String record) {
        if (record == null) {
            return null;
        }
        try {
            return rules.redact(JSON.readTree(record)).tree().toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return rules.redact(record).text();
        }
    }
}
