package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every field a panel, control or saved search uses exists in mappings/ with a type its operation
 * can aggregate: no analysed {@code text} in a terms breakdown, no average of a keyword.
 */
final class FieldCheck {
    static final String RECORDS = "___records___";
    private static final Set<String> KEYWORDISH = Set.of("keyword", "boolean", "ip", "date");

    private FieldCheck() {
    }

    static List<String> problems(SavedObjects bundle) {
        List<String> problems = new ArrayList<>();
        for (LensPanel panel : LensPanel.of(bundle)) {
            Map<String, String> fields = Mappings.fields(panel.dataView());
            kql(panel.where() + " query", panel.query(), fields, problems);
            for (LensPanel.Column c : panel.columns()) {
                String where = panel.where() + " column " + c.id() + " (" + c.operationType() + ")";
                c.filter().ifPresent(f -> kql(where + " filter", f, fields, problems));
                if (c.operationType().equals("filters")) {
                    for (JsonNode f : c.params().path("filters")) {
                        kql(where, f.path("input").path("query").asText(), fields, problems);
                    }
                    continue;
                }
                if (c.operationType().equals("count")) {
                    if (!RECORDS.equals(c.sourceField())) {
                        problems.add(where + ": a count counts " + RECORDS + ", not " + c.sourceField());
                    }
                    continue;
                }
                String type = fields.get(c.sourceField());
                if (type == null) {
                    problems.add(where + ": field " + c.sourceField() + " is not in " + panel.dataView() + "'s mappings");
                    continue;
                }
                if (!aggregates(c.operationType(), type)) {
                    problems.add(where + ": cannot aggregate " + c.sourceField() + " of type " + type);
                }
                String expected = Mappings.numeric(type) ? "number" : type.equals("keyword") ? "string" : type;
                if (!c.dataType().equals(expected) && !c.operationType().equals("unique_count")) {
                    problems.add(where + ": dataType " + c.dataType() + " does not match " + c.sourceField() + " (" + type + ")");
                }
            }
        }
        for (SavedObjects.SavedObject search : bundle.ofType("search")) {
            String dataView = search.reference("kibanaSavedObjectMeta.searchSourceJSON.index")
                    .map(SavedObjects.Reference::id).orElse("");
            Map<String, String> fields = Mappings.fields(dataView);
            String where = search.where();
            search.attributes().path("columns").forEach(col -> {
                if (!fields.containsKey(col.asText())) {
                    problems.add(where + ": column " + col.asText() + " is not in " + dataView + "'s mappings");
                }
            });
            search.attributes().path("sort").forEach(s -> {
                String type = fields.get(s.path(0).asText());
                if (type == null || type.equals("text")) {
                    problems.add(where + ": cannot sort by " + s.path(0).asText());
                }
            });
            kql(where + " query", search.embedded("/kibanaSavedObjectMeta/searchSourceJSON").path("query").path("query").asText(),
                    fields, problems);
        }
        return problems;
    }

    static boolean aggregates(String operation, String type) {
        boolean numeric = Mappings.numeric(type);
        return switch (operation) {
            case "terms", "unique_count", "last_value" -> numeric || KEYWORDISH.contains(type);
            case "date_histogram" -> type.equals("date");
            case "average", "sum", "median", "standard_deviation", "percentile", "range" -> numeric;
            case "max", "min" -> numeric || type.equals("date");
            default -> false;
        };
    }

    private static void kql(String where, String kql, Map<String, String> fields, List<String> problems) {
        Kql.Parsed parsed;
        try {
            parsed = Kql.parse(kql);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return;
        }
        for (String f : parsed.fields()) {
            if (!fields.containsKey(f)) {
                problems.add(where + ": KQL names " + f + ", which the mappings lack");
            }
        }
        for (String f : parsed.rangeFields()) {
            String type = fields.getOrDefault(f, "");
            if (!Mappings.numeric(type) && !type.equals("date")) {
                problems.add(where + ": KQL compares " + f + " (" + type + ") as a number or date");
            }
        }
    }
}
