package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Lens panel embedded by value in a dashboard, reduced to what it asks Elasticsearch: the data
 * view, the panel's query, and its columns in Lens order (bucket columns nest in that order).
 */
record LensPanel(String dashboard, String panelIndex, String title, String visualizationType, String layerId,
                 String dataView, String query, List<Column> columns, JsonNode attributes) {

    record Column(String id, String operationType, String sourceField, String dataType, boolean bucketed,
                  Optional<String> filter, JsonNode params) {
    }

    static List<LensPanel> of(SavedObjects bundle) {
        List<LensPanel> panels = new ArrayList<>();
        for (SavedObjects.SavedObject dashboard : bundle.ofType("dashboard")) {
            for (JsonNode panel : dashboard.embedded("/panelsJSON")) {
                if (panel.path("type").asText().equals("lens")) {
                    panels.addAll(of(dashboard, panel));
                }
            }
        }
        return panels;
    }

    private static List<LensPanel> of(SavedObjects.SavedObject dashboard, JsonNode panel) {
        String panelIndex = panel.path("panelIndex").asText();
        JsonNode attributes = panel.path("embeddableConfig").path("attributes");
        JsonNode layers = attributes.path("state").path("datasourceStates").path("formBased").path("layers");
        List<LensPanel> result = new ArrayList<>();
        layers.fields().forEachRemaining(layer -> {
            String refName = "indexpattern-datasource-layer-" + layer.getKey();
            String dataView = dashboard.reference(panelIndex + ":" + refName).map(SavedObjects.Reference::id)
                    .orElseThrow(() -> new AssertionError(dashboard.where() + " panel " + panelIndex
                            + ": no reference " + panelIndex + ":" + refName));
            List<Column> columns = new ArrayList<>();
            for (JsonNode id : layer.getValue().path("columnOrder")) {
                JsonNode c = layer.getValue().path("columns").path(id.asText());
                JsonNode filter = c.path("filter");
                columns.add(new Column(id.asText(), c.path("operationType").asText(),
                        c.hasNonNull("sourceField") ? c.path("sourceField").asText() : null,
                        c.path("dataType").asText(), c.path("isBucketed").asBoolean(),
                        filter.isMissingNode() ? Optional.empty() : Optional.of(filter.path("query").asText()),
                        c.path("params")));
            }
            result.add(new LensPanel(dashboard.id(), panelIndex, attributes.path("title").asText(),
                    attributes.path("visualizationType").asText(), layer.getKey(), dataView,
                    attributes.path("state").path("query").path("query").asText(""), columns, attributes));
        });
        return result;
    }

    List<Column> buckets() {
        return columns.stream().filter(Column::bucketed).toList();
    }

    List<Column> metrics() {
        return columns.stream().filter(c -> !c.bucketed()).toList();
    }

    String where() {
        return dashboard + " / " + panelIndex + " (" + title + ")";
    }
}
