package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Kibana 8.19's import needs of the bundle, checked without a Kibana: shapes, string-encoded
 * JSON, references, grid layout, migration versions. Each problem is one line naming the object.
 */
final class BundleCheck {
    static final int GRID_COLUMNS = 48;

    /**
     * The newest typeMigrationVersion per type that Kibana 8.19 is known to accept (an older one is
     * migrated forward on import; a newer one is refused as coming from a newer Kibana).
     * Dashboards: model version 2 (10.2.0, showApplySelections) exists since 8.16; searches: 10.5.0
     * is seen in 8.17 exports; data views still carry their last legacy migration, 8.0.0.
     */
    static final Map<String, String> NEWEST_TYPE_VERSION = Map.of(
            "index-pattern", "8.0.0", "search", "10.5.0", "dashboard", "10.2.0");
    static final String NEWEST_CORE_VERSION = "8.19.0";

    /** Dashboard attributes Kibana 8.19's dashboard schema allows (it forbids unknown ones). */
    static final Set<String> DASHBOARD_ATTRIBUTES = Set.of("title", "description", "kibanaSavedObjectMeta",
            "timeRestore", "timeFrom", "timeTo", "refreshInterval", "controlGroupInput", "panelsJSON",
            "optionsJSON", "hits", "version");
    static final Set<String> LENS_TYPES = Set.of("lnsXY", "lnsPie", "lnsMetric", "lnsDatatable");

    private final SavedObjects bundle;
    private final List<String> problems = new ArrayList<>();

    private BundleCheck(SavedObjects bundle) {
        this.bundle = bundle;
    }

    static List<String> problems(SavedObjects bundle) {
        BundleCheck check = new BundleCheck(bundle);
        check.problems.addAll(bundle.parseErrors());
        Set<String> seen = new HashSet<>();
        for (SavedObjects.SavedObject o : bundle.all()) {
            if (!seen.add(o.type() + "/" + o.id())) {
                check.problem(o, "appears twice in the bundle");
            }
            try {
                check.object(o);
            } catch (AssertionError | RuntimeException e) {
                check.problem(o, e.getMessage());
            }
        }
        return check.problems;
    }

    private void object(SavedObjects.SavedObject o) {
        for (String key : List.of("type", "id")) {
            if (!o.raw().path(key).isTextual() || o.raw().path(key).asText().isBlank()) {
                problem(o, "has no " + key);
            }
        }
        if (!o.attributes().isObject()) {
            problem(o, "has no attributes object");
            return;
        }
        if (!o.raw().path("references").isArray()) {
            problem(o, "has no references array");
            return;
        }
        for (JsonNode r : o.raw().path("references")) {
            for (String key : List.of("name", "type", "id")) {
                if (!r.path(key).isTextual()) {
                    problem(o, "a reference has no " + key + ": " + r);
                }
            }
        }
        for (SavedObjects.Reference r : o.references()) {
            if (bundle.find(r.type(), r.id()).isEmpty()) {
                problem(o, "reference " + r.name() + " points at " + r.type() + " " + r.id() + ", which the bundle lacks");
            }
        }
        versions(o);
        switch (o.type()) {
            case "index-pattern" -> dataView(o);
            case "search" -> search(o);
            case "dashboard" -> dashboard(o);
            default -> problem(o, "type " + o.type() + " is not one this bundle should hold");
        }
    }

    private void versions(SavedObjects.SavedObject o) {
        String core = o.raw().path("coreMigrationVersion").asText("");
        if (core.isEmpty() || compare(core, NEWEST_CORE_VERSION) > 0) {
            problem(o, "coreMigrationVersion '" + core + "' is missing or newer than " + NEWEST_CORE_VERSION);
        }
        String newest = NEWEST_TYPE_VERSION.get(o.type());
        String type = o.raw().path("typeMigrationVersion").asText("");
        if (newest != null && (type.isEmpty() || compare(type, newest) > 0)) {
            problem(o, "typeMigrationVersion '" + type + "' is missing or newer than " + newest + ", the newest Kibana 8.19 accepts");
        }
    }

    private void dataView(SavedObjects.SavedObject o) {
        JsonNode a = o.attributes();
        if (!a.path("title").asText().equals(o.id())) {
            problem(o, "title (the index pattern) should equal the fixed id, the alias it reads");
        }
        if (!a.path("timeFieldName").asText().equals("@timestamp")) {
            problem(o, "time field is not @timestamp");
        }
        shape(o, "/fields", true);
        shape(o, "/sourceFilters", true);
        JsonNode formats = shape(o, "/fieldFormatMap", false);
        shape(o, "/runtimeFieldMap", false);
        if (formats != null) {
            Map<String, String> fields = Mappings.fields(o.id());
            formats.fieldNames().forEachRemaining(f -> {
                if (!fields.containsKey(f)) {
                    problem(o, "fieldFormatMap names " + f + ", which mappings/ does not define");
                }
            });
        }
    }

    private void search(SavedObjects.SavedObject o) {
        JsonNode source = shape(o, "/kibanaSavedObjectMeta/searchSourceJSON", false);
        if (source == null) {
            return;
        }
        if (!source.path("query").path("query").isTextual() || !source.path("query").path("language").isTextual()) {
            problem(o, "searchSourceJSON has no query {query, language}");
        }
        if (!source.path("filter").isArray()) {
            problem(o, "searchSourceJSON has no filter array");
        }
        indexRef(o, source.path("indexRefName").asText(null));
        if (!o.attributes().path("columns").isArray() || o.attributes().path("columns").isEmpty()) {
            problem(o, "has no columns");
        }
        for (JsonNode sort : o.attributes().path("sort")) {
            if (!sort.isArray() || sort.size() != 2 || !Set.of("asc", "desc").contains(sort.get(1).asText())) {
                problem(o, "sort entry " + sort + " is not [field, asc|desc]");
            }
        }
    }

    private void dashboard(SavedObjects.SavedObject o) {
        o.attributes().fieldNames().forEachRemaining(f -> {
            if (!DASHBOARD_ATTRIBUTES.contains(f)) {
                problem(o, "attribute " + f + " is not in Kibana's dashboard schema (unknown attributes are refused)");
            }
        });
        JsonNode options = shape(o, "/optionsJSON", false);
        JsonNode source = shape(o, "/kibanaSavedObjectMeta/searchSourceJSON", false);
        if (source != null && !source.path("filter").isArray()) {
            problem(o, "searchSourceJSON has no filter array");
        }
        if (options != null && !options.path("useMargins").isBoolean()) {
            problem(o, "optionsJSON lacks useMargins");
        }
        if (!o.attributes().path("timeRestore").asBoolean() || !o.attributes().path("timeFrom").isTextual()
                || !o.attributes().path("timeTo").isTextual()) {
            problem(o, "has no default time range (timeRestore, timeFrom, timeTo)");
        }
        controls(o);
        JsonNode panels = shape(o, "/panelsJSON", true);
        if (panels == null) {
            return;
        }
        List<int[]> boxes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> indexes = new HashSet<>();
        for (JsonNode panel : panels) {
            String index = panel.path("panelIndex").asText("");
            if (index.isEmpty() || !indexes.add(index)) {
                problem(o, "panel index '" + index + "' is missing or repeated");
            }
            JsonNode g = panel.path("gridData");
            int x = g.path("x").asInt(-1), y = g.path("y").asInt(-1), w = g.path("w").asInt(0), h = g.path("h").asInt(0);
            if (!g.path("i").asText().equals(index)) {
                problem(o, "panel " + index + ": gridData.i differs from panelIndex");
            }
            if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > GRID_COLUMNS) {
                problem(o, "panel " + index + ": grid " + g + " does not fit the " + GRID_COLUMNS + "-column grid");
            }
            for (int i = 0; i < boxes.size(); i++) {
                int[] b = boxes.get(i);
                if (x < b[0] + b[2] && b[0] < x + w && y < b[1] + b[3] && b[1] < y + h) {
                    problem(o, "panel " + index + " overlaps panel " + names.get(i));
                }
            }
            boxes.add(new int[] {x, y, w, h});
            names.add(index);
            switch (panel.path("type").asText()) {
                case "lens" -> lens(o, index, panel.path("embeddableConfig").path("attributes"));
                case "search" -> {
                    String ref = panel.path("panelRefName").asText("");
                    var target = o.reference(index + ":" + ref);
                    if (ref.isEmpty() || target.isEmpty() || !target.get().type().equals("search")) {
                        problem(o, "panel " + index + ": panelRefName '" + ref + "' has no search reference " + index + ":" + ref);
                    }
                }
                default -> problem(o, "panel " + index + ": type " + panel.path("type") + " is neither lens nor search");
            }
        }
    }

    private void lens(SavedObjects.SavedObject o, String index, JsonNode attributes) {
        String where = "panel " + index + ": ";
        if (!attributes.path("type").asText().equals("lens") || !LENS_TYPES.contains(attributes.path("visualizationType").asText())) {
            problem(o, where + "not a Lens panel by value of a known visualization type");
            return;
        }
        JsonNode state = attributes.path("state");
        if (!state.path("query").path("query").isTextual() || !state.path("filters").isArray()) {
            problem(o, where + "state has no query or filters");
        }
        JsonNode layers = state.path("datasourceStates").path("formBased").path("layers");
        if (!layers.isObject() || layers.isEmpty()) {
            problem(o, where + "has no formBased layers");
            return;
        }
        Set<String> columnIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = layers.fields(); it.hasNext(); ) {
            var layer = it.next();
            String refName = "indexpattern-datasource-layer-" + layer.getKey();
            String inner = null;
            for (JsonNode r : attributes.path("references")) {
                if (r.path("name").asText().equals(refName) && r.path("type").asText().equals("index-pattern")) {
                    inner = r.path("id").asText();
                }
            }
            var outer = o.reference(index + ":" + refName);
            if (inner == null || outer.isEmpty() || !outer.get().id().equals(inner) || !outer.get().type().equals("index-pattern")) {
                problem(o, where + "layer " + layer.getKey() + " has no matching data view reference " + refName
                        + " in the panel and " + index + ":" + refName + " in the dashboard");
            }
            JsonNode columns = layer.getValue().path("columns");
            Set<String> ordered = new HashSet<>();
            layer.getValue().path("columnOrder").forEach(c -> ordered.add(c.asText()));
            Set<String> defined = new HashSet<>();
            columns.fieldNames().forEachRemaining(defined::add);
            if (!ordered.equals(defined) || defined.isEmpty()) {
                problem(o, where + "columnOrder " + ordered + " does not list exactly the columns " + defined);
            }
            columnIds.addAll(defined);
            columns.fields().forEachRemaining(c -> {
                JsonNode col = c.getValue();
                if (!col.path("operationType").isTextual() || !col.path("isBucketed").isBoolean() || !col.path("label").isTextual()) {
                    problem(o, where + "column " + c.getKey() + " lacks operationType, isBucketed or label");
                }
                String orderBy = col.path("params").path("orderBy").path("columnId").asText(null);
                if (orderBy != null && !defined.contains(orderBy)) {
                    problem(o, where + "column " + c.getKey() + " is ordered by unknown column " + orderBy);
                }
            });
        }
        List<String> used = new ArrayList<>();
        collectAccessors(state.path("visualization"), used);
        for (String id : used) {
            if (!columnIds.contains(id)) {
                problem(o, where + "the visualization uses column " + id + ", which no layer defines");
            }
        }
        if (used.isEmpty()) {
            problem(o, where + "the visualization shows no column");
        }
    }

    /** Column ids a Lens visualization state points at, whatever its type. */
    private static void collectAccessors(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                String k = e.getKey();
                JsonNode v = e.getValue();
                if (Set.of("xAccessor", "splitAccessor", "metricAccessor", "columnId").contains(k) && v.isTextual()) {
                    out.add(v.asText());
                } else if (Set.of("accessors", "primaryGroups", "metrics").contains(k) && v.isArray()) {
                    v.forEach(a -> out.add(a.asText()));
                } else {
                    collectAccessors(v, out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectAccessors(n, out));
        }
    }

    private void controls(SavedObjects.SavedObject o) {
        JsonNode group = o.attributes().path("controlGroupInput");
        if (group.isMissingNode()) {
            problem(o, "has no controls (vendor and source pickers)");
            return;
        }
        shape(o, "/controlGroupInput/ignoreParentSettingsJSON", false);
        JsonNode controls = shape(o, "/controlGroupInput/panelsJSON", false);
        if (controls == null) {
            return;
        }
        Set<String> fields = new HashSet<>();
        controls.fields().forEachRemaining(c -> {
            JsonNode input = c.getValue().path("explicitInput");
            fields.add(input.path("fieldName").asText());
            if (!input.path("id").asText().equals(c.getKey())) {
                problem(o, "control " + c.getKey() + ": explicitInput.id differs from its key");
            }
            String kind = c.getValue().path("type").asText();
            String refName = "controlGroup_" + c.getKey() + ":" + (kind.equals("rangeSliderControl") ? "rangeSliderDataView" : "optionsListDataView");
            var ref = o.reference(refName);
            if (ref.isEmpty() || !ref.get().type().equals("index-pattern")) {
                problem(o, "control " + c.getKey() + " has no data view reference " + refName);
            } else if (!Mappings.fields(ref.get().id()).containsKey(input.path("fieldName").asText())) {
                problem(o, "control " + c.getKey() + " uses field " + input.path("fieldName") + ", which " + ref.get().id() + " lacks");
            }
        });
        if (!fields.containsAll(Set.of("vendor", "source"))) {
            problem(o, "controls do not offer vendor and source");
        }
    }

    private void indexRef(SavedObjects.SavedObject o, String name) {
        var ref = name == null ? java.util.Optional.<SavedObjects.Reference>empty() : o.reference(name);
        if (ref.isEmpty() || !ref.get().type().equals("index-pattern")) {
            problem(o, "indexRefName '" + name + "' has no index-pattern reference");
        }
    }

    /** Parses a string attribute holding JSON and checks it is an array or an object. */
    private JsonNode shape(SavedObjects.SavedObject o, String pointer, boolean array) {
        try {
            JsonNode node = o.embedded(pointer);
            if (array ? !node.isArray() : !node.isObject()) {
                problem(o, "attributes" + pointer + " should hold a JSON " + (array ? "array" : "object"));
                return null;
            }
            return node;
        } catch (AssertionError e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private void problem(SavedObjects.SavedObject o, String what) {
        problems.add(o.where() + ": " + what);
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0, q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }
}
