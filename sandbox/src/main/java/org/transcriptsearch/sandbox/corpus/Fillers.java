package org.transcriptsearch.sandbox.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The concrete things one conversation talks about (its order number, product, city ...), so every
 * message of it names the same ones. Filling a line also reports where the entities landed.
 */
record Fillers(Map<String, String> values) {
    /** Placeholders the NLU would extract as entities, with the entity name and extractor Rasa would report. */
    private static final Map<String, String[]> ENTITIES = Map.of(
            "order", new String[] {"order_id", "RegexEntityExtractor"},
            "email", new String[] {"email", "RegexEntityExtractor"},
            "otp", new String[] {"otp", "RegexEntityExtractor"},
            "product", new String[] {"product", "DIETClassifier"},
            "city", new String[] {"city", "DIETClassifier"});

    record Filled(String text, List<Understanding.Entity> entities) {
    }

    Filled fill(String template) {
        StringBuilder out = new StringBuilder();
        List<Understanding.Entity> entities = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            String name = template.substring(open + 1, close);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("phrasebook line uses unknown placeholder {" + name + "}: " + template);
            }
            int start = out.codePointCount(0, out.length());
            out.append(value);
            String[] entity = ENTITIES.get(name);
            if (entity != null) {
                entities.add(new Understanding.Entity(entity[0], start, start + value.codePointCount(0, value.length()),
                        value, entity[1]));
            }
            i = close + 1;
        }
        return new Filled(out.toString(), List.copyOf(entities));
    }
}
