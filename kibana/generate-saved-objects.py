#!/usr/bin/env python3
"""Writes kibana/saved-objects/*.ndjson from the readable panel definitions below.

The NDJSON files are what Kibana imports and what the checks read; this script is how they are
edited: change a panel here, run `python3 kibana/generate-saved-objects.py`, commit both
(`GeneratedBundleTest` fails when they differ). Ids are
fixed and readable (data views are named after their alias, panels and layers after what they
show), so a re-import overwrites instead of duplicating and a diff says what changed.
"""
import json
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "saved-objects")

# Kibana 8.19 accepts these migration versions (older ones are migrated forward on import; a
# newer one is refused). coreMigrationVersion 8.8.0 is what 8.8 and later write.
CORE = "8.8.0"
TYPE_VERSION = {"index-pattern": "8.0.0", "search": "10.1.0", "dashboard": "10.2.0"}

DATA_VIEWS = {
    "transcripts-messages": "Transcripts: messages",
    "transcripts-conversations": "Transcripts: conversations",
    "transcripts-runs": "Transcripts: harvest runs",
}


def dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def saved_object(type_, id_, attributes, references):
    return {"type": type_, "id": id_, "attributes": attributes, "references": references,
            "managed": False, "coreMigrationVersion": CORE, "typeMigrationVersion": TYPE_VERSION[type_]}


def data_view(id_, name):
    return saved_object("index-pattern", id_, {
        "title": id_,  # the alias: every versioned index behind it is searched
        "name": name,
        "timeFieldName": "@timestamp",
        "allowNoIndex": True,
        "fields": "[]",  # Kibana reads the field list from the mappings
        "fieldFormatMap": dumps(FIELD_FORMATS.get(id_, {})),
        "runtimeFieldMap": "{}",
        "sourceFilters": dumps([{"value": "raw"}]),
        "typeMeta": "{}",
    }, [])


FIELD_FORMATS = {
    "transcripts-messages": {
        "intent.confidence": {"id": "percent", "params": {"pattern": "0.[0]%"}},
        "intent.runner_up.confidence": {"id": "percent", "params": {"pattern": "0.[0]%"}},
    },
    "transcripts-runs": {
        "duration_ms": {"id": "duration", "params": {"inputFormat": "milliseconds", "outputFormat": "humanizePrecise", "outputPrecision": 1}},
        "lag_ms": {"id": "duration", "params": {"inputFormat": "milliseconds", "outputFormat": "humanizePrecise", "outputPrecision": 1}},
    },
}

# ---- Lens columns -------------------------------------------------------------------------------

def count(label="Count of records", kql=None):
    c = {"label": label, "dataType": "number", "operationType": "count", "isBucketed": False,
         "scale": "ratio", "sourceField": "___records___", "params": {"emptyAsNull": True}, "customLabel": True}
    if kql:
        c["filter"] = {"query": kql, "language": "kuery"}
    return c


def metric(op, field, label, data_type="number", kql=None):
    c = {"label": label, "dataType": data_type, "operationType": op, "isBucketed": False,
         "scale": "ratio", "sourceField": field, "params": {"emptyAsNull": True}, "customLabel": True}
    if kql:
        c["filter"] = {"query": kql, "language": "kuery"}
    return c


def terms(field, label, size, order_by, data_type="string", other=True, alphabetical=False):
    order = {"type": "alphabetical", "fallback": False} if alphabetical else {"type": "column", "columnId": order_by}
    return {"label": label, "dataType": data_type, "operationType": "terms", "isBucketed": True,
            "scale": "ordinal", "sourceField": field, "customLabel": True,
            "params": {"size": size, "orderBy": order, "orderDirection": "asc" if alphabetical else "desc",
                       "otherBucket": other, "missingBucket": False, "parentFormat": {"id": "terms"},
                       "include": [], "exclude": [], "includeIsRegex": False, "excludeIsRegex": False}}


def over_time(label="@timestamp"):
    return {"label": label, "dataType": "date", "operationType": "date_histogram", "isBucketed": True,
            "scale": "interval", "sourceField": "@timestamp",
            "params": {"interval": "auto", "includeEmptyRows": True, "dropPartials": False}}


def filters(label, *named):
    return {"label": label, "dataType": "string", "operationType": "filters", "isBucketed": True,
            "scale": "ordinal", "customLabel": True,
            "params": {"filters": [{"label": l, "input": {"query": q, "language": "kuery"}} for l, q in named]}}

# ---- Lens panels (by value) ---------------------------------------------------------------------

def lens_panel(panel_id, title, grid, data_view_id, vis_type, visualization, columns, query="", description=""):
    """columns: ordered dict of column id -> column; bucket columns first, as Lens orders them. Lens nests the
    bucket columns in this order, so a breakdown ("by-...") goes before the date histogram: its top N is then
    ranked over the whole time range, not chosen again in every interval."""
    layer_id = panel_id + "-layer"
    visualization = visualization(layer_id, list(columns))
    layer = {"columns": columns, "columnOrder": list(columns), "incompleteColumns": {}, "sampling": 1}
    reference = {"type": "index-pattern", "id": data_view_id, "name": "indexpattern-datasource-layer-" + layer_id}
    attributes = {
        "title": title, "description": description, "visualizationType": vis_type, "type": "lens",
        "references": [reference],
        "state": {"visualization": visualization, "query": {"query": query, "language": "kuery"}, "filters": [],
                  "datasourceStates": {"formBased": {"layers": {layer_id: layer}}, "textBased": {"layers": {}}},
                  "internalReferences": [], "adHocDataViews": {}},
    }
    x, y, w, h = grid
    panel = {"type": "lens", "gridData": {"x": x, "y": y, "w": w, "h": h, "i": panel_id}, "panelIndex": panel_id,
             "embeddableConfig": {"attributes": attributes, "enhancements": {}}}
    return panel, [dict(reference, name=panel_id + ":" + reference["name"])]


def metric_vis(layer_id, cols):
    return {"layerId": layer_id, "layerType": "data", "metricAccessor": cols[0]}


def xy(series_type, legend=True):
    def build(layer_id, cols):
        split = [c for c in cols if c.startswith("by-")]
        x, *accessors = [c for c in cols if not c.startswith("by-")]
        layer = {"layerId": layer_id, "layerType": "data", "seriesType": series_type, "xAccessor": x,
                 "accessors": accessors, "palette": {"type": "palette", "name": "default"}}
        if split:
            layer["splitAccessor"] = split[0]
        return {"legend": {"isVisible": legend, "position": "right"}, "valueLabels": "hide",
                "fittingFunction": "None", "preferredSeriesType": series_type,
                "axisTitlesVisibilitySettings": {"x": True, "yLeft": True, "yRight": True},
                "layers": [layer]}
    return build


def pie(layer_id, cols):
    return {"shape": "donut", "layers": [{"layerId": layer_id, "layerType": "data", "primaryGroups": cols[:-1],
                                          "metrics": cols[-1:], "numberDisplay": "percent",
                                          "categoryDisplay": "default", "legendDisplay": "default",
                                          "nestedLegend": False}]}


def table(layer_id, cols):
    return {"layerId": layer_id, "layerType": "data", "columns": [{"columnId": c} for c in cols]}


def search_panel(panel_id, grid, search_id):
    x, y, w, h = grid
    panel = {"type": "search", "gridData": {"x": x, "y": y, "w": w, "h": h, "i": panel_id}, "panelIndex": panel_id,
             "embeddableConfig": {"enhancements": {}}, "panelRefName": "panel_" + panel_id}
    return panel, [{"type": "search", "id": search_id, "name": panel_id + ":panel_" + panel_id}]


def controls(data_view_id):
    """Vendor and source pickers; both fields exist in every data view, so they filter every panel."""
    panels, refs = {}, []
    for order, (field, title) in enumerate([("vendor", "Vendor"), ("source", "Source")]):
        control_id = "control-" + field
        panels[control_id] = {"order": order, "width": "medium", "grow": True, "type": "optionsListControl",
                              "explicitInput": {"id": control_id, "fieldName": field, "title": title,
                                                "searchTechnique": "prefix", "selectedOptions": [],
                                                "enhancements": {}}}
        refs.append({"type": "index-pattern", "id": data_view_id,
                     "name": "controlGroup_" + control_id + ":optionsListDataView"})
    return {"controlStyle": "oneLine", "chainingSystem": "HIERARCHICAL", "showApplySelections": False,
            "panelsJSON": dumps(panels),
            "ignoreParentSettingsJSON": dumps({"ignoreFilters": False, "ignoreQuery": False,
                                               "ignoreTimerange": False, "ignoreValidations": False})}, refs


def dashboard(id_, title, description, time_from, control_view, panels):
    panel_list, references = [], []
    for panel, refs in panels:
        panel_list.append(panel)
        references.extend(refs)
    control_group, control_refs = controls(control_view)
    return saved_object("dashboard", id_, {
        "title": title, "description": description,
        "panelsJSON": dumps(panel_list),
        "optionsJSON": dumps({"useMargins": True, "syncColors": True, "syncCursor": True,
                              "syncTooltips": False, "hidePanelTitles": False}),
        "timeRestore": True, "timeFrom": time_from, "timeTo": "now",
        "refreshInterval": {"pause": True, "value": 60000},
        "controlGroupInput": control_group,
        "kibanaSavedObjectMeta": {"searchSourceJSON": dumps({"query": {"query": "", "language": "kuery"}, "filter": []})},
        "version": 1,
    }, references + control_refs)

# ---- The dashboards -----------------------------------------------------------------------------

M, C, R = "transcripts-messages", "transcripts-conversations", "transcripts-runs"
USER = 'role: "user"'
LOW = "intent.confidence < 0.5"
# forget writes its audit entries into the runs index too; the harvest panels are about harvests.
HARVESTS = "not run.command: forget"
REVIEW_QUERY = 'role: "user" and (intent.fallback: true or intent.confidence < 0.5)'

overview = dashboard("transcripts-conversations-overview", "Transcripts: conversations overview",
    "Message and conversation volumes by vendor and source, who speaks, on which channel, in which language, "
    "and how much personal data redaction removed.",
    "now-30d", M, [
    lens_panel("messages-total", "Messages", (0, 0, 12, 6), M, "lnsMetric", metric_vis,
               {"messages": count("Messages")}),
    lens_panel("conversations-total", "Conversations", (12, 0, 12, 6), C, "lnsMetric", metric_vis,
               {"conversations": count("Conversations")}),
    lens_panel("messages-per-conversation", "Messages per conversation (average)", (24, 0, 12, 6), C, "lnsMetric",
               metric_vis, {"avg-messages": metric("average", "messages.total", "Messages per conversation")}),
    lens_panel("customers-total", "Distinct customers", (36, 0, 12, 6), M, "lnsMetric", metric_vis,
               {"customers": metric("unique_count", "customer.id", "Distinct customers")}),
    lens_panel("messages-over-time", "Messages over time by source", (0, 6, 24, 12), M, "lnsXY", xy("bar_stacked"),
               {"by-source": terms("source", "Source", 10, "messages"), "time": over_time(),
                "messages": count("Messages")}),
    lens_panel("conversations-over-time", "Conversations over time by vendor", (24, 6, 24, 12), C, "lnsXY",
               xy("line"), {"by-vendor": terms("vendor", "Vendor", 5, "conversations"), "time": over_time(),
                            "conversations": count("Conversations")}),
    lens_panel("messages-by-role", "Messages over time by role", (0, 18, 24, 12), M, "lnsXY", xy("bar_stacked"),
               {"by-role": terms("role", "Role", 4, "messages"), "time": over_time(), "messages": count("Messages")}),
    lens_panel("messages-by-channel", "Messages by channel", (24, 18, 12, 12), M, "lnsPie", pie,
               {"channel": terms("channel.name", "Channel", 10, "messages"), "messages": count("Messages")}),
    lens_panel("language-mix", "Language mix", (36, 18, 12, 12), M, "lnsPie", pie,
               {"language": terms("language", "Language", 10, "messages"), "messages": count("Messages")}),
    lens_panel("top-bots", "Top bots by messages", (0, 30, 24, 12), M, "lnsXY", xy("bar_horizontal", legend=False),
               {"bot": terms("bot.name", "Bot", 10, "messages"), "messages": count("Messages")}),
    lens_panel("conversation-length", "Conversations by length (messages)", (24, 30, 24, 12), C, "lnsXY",
               xy("bar", legend=False),
               {"length": terms("messages.total", "Messages in the conversation", 20, None, data_type="number",
                                alphabetical=True),
                "conversations": count("Conversations")},
               description="Conversations per number of messages, shortest first; the longest are counted "
                           "together as Other."),
    lens_panel("pii-over-time", "Personal data redacted, by kind", (0, 42, 48, 12), M, "lnsXY", xy("bar_stacked"),
               {"by-kind": terms("pii", "Kind", 10, "messages"), "time": over_time(),
                "messages": count("Messages with it redacted")},
               description="Messages in which redaction (privacy: in the indexer's configuration) replaced personal "
                           "data, per kind (email, phone, card, iban, national_id, ip or a pattern of your own); "
                           "a message holding two kinds counts once for each."),
])

review_queue = saved_object("search", "transcripts-review-queue", {
    "title": "Transcripts: review queue",
    "description": "User messages the bot did not understand (fallback) or understood with confidence below 0.5, newest first.",
    "columns": ["source", "conversation.id", "text", "intent.name", "intent.confidence", "intent.fallback",
                "intent.runner_up.name"],
    "sort": [["@timestamp", "desc"]],
    "grid": {}, "hideChart": False, "isTextBasedQuery": False,
    "kibanaSavedObjectMeta": {"searchSourceJSON": dumps({
        "query": {"query": REVIEW_QUERY, "language": "kuery"}, "filter": [],
        "indexRefName": "kibanaSavedObjectMeta.searchSourceJSON.index"})},
}, [{"type": "index-pattern", "id": M, "name": "kibanaSavedObjectMeta.searchSourceJSON.index"}])

intents = dashboard("transcripts-intents-and-understanding", "Transcripts: intents and understanding",
    "What users ask for, how sure the bots are, and where they fail: the review queue lists the messages to look at.",
    "now-30d", M, [
    lens_panel("fallbacks-total", "Fallbacks", (0, 0, 12, 6), M, "lnsMetric", metric_vis,
               {"fallbacks": count("Fallback messages", kql="intent.fallback: true")}, query=USER),
    lens_panel("confidence-average", "Average confidence", (12, 0, 12, 6), M, "lnsMetric", metric_vis,
               {"confidence": metric("average", "intent.confidence", "Average confidence")}, query=USER),
    lens_panel("low-confidence-total", "Low-confidence messages (< 0.5)", (24, 0, 12, 6), M, "lnsMetric", metric_vis,
               {"low": count("Low-confidence messages", kql=LOW)}, query=USER),
    lens_panel("intents-distinct", "Distinct intents", (36, 0, 12, 6), M, "lnsMetric", metric_vis,
               {"intents": metric("unique_count", "intent.name", "Distinct intents")}, query=USER),
    lens_panel("intent-distribution", "Intent distribution", (0, 6, 24, 14), M, "lnsXY",
               xy("bar_horizontal", legend=False),
               {"intent": terms("intent.name", "Intent", 20, "messages"), "messages": count("User messages")},
               query=USER),
    lens_panel("confidence-per-intent", "Average confidence per intent", (24, 6, 24, 14), M, "lnsXY",
               xy("bar_horizontal", legend=False),
               {"intent": terms("intent.name", "Intent", 20, "confidence"),
                "confidence": metric("average", "intent.confidence", "Average confidence")}, query=USER),
    lens_panel("low-confidence-share", "Low-confidence share over time", (0, 20, 24, 12), M, "lnsXY",
               xy("bar_percentage_stacked"),
               {"by-confidence": filters("Confidence", ("below 0.5", LOW), ("0.5 or above", "intent.confidence >= 0.5")),
                "time": over_time(), "messages": count("User messages")}, query=USER),
    lens_panel("fallback-rate", "Fallback rate over time", (24, 20, 24, 12), M, "lnsXY",
               xy("bar_percentage_stacked"),
               {"by-fallback": terms("intent.fallback", "Fallback", 2, "messages", data_type="boolean", other=False),
                "time": over_time(), "messages": count("User messages")}, query=USER),
    lens_panel("runner-up-intents", "Runner-up intents of fallbacks", (0, 32, 24, 12), M, "lnsXY",
               xy("bar_horizontal", legend=False),
               {"runner-up": terms("intent.runner_up.name", "Runner-up intent", 15, "messages"),
                "messages": count("Fallback messages")}, query=USER + " and intent.fallback: true"),
    lens_panel("fallbacks-by-bot", "Fallbacks by bot", (24, 32, 24, 12), M, "lnsPie", pie,
               {"bot": terms("bot.name", "Bot", 10, "messages"), "messages": count("Fallback messages")},
               query=USER + " and intent.fallback: true"),
    search_panel("review-queue", (0, 44, 48, 16), "transcripts-review-queue"),
])

harvest = dashboard("transcripts-harvest-health", "Transcripts: harvest health",
    "Is every source being harvested, how much each run writes and sets aside, how long runs take, how far behind the index is.",
    "now-7d", R, [
    lens_panel("runs-total", "Runs", (0, 0, 12, 6), R, "lnsMetric", metric_vis, {"runs": count("Runs")}, query=HARVESTS),
    lens_panel("runs-not-successful", "Runs not successful", (12, 0, 12, 6), R, "lnsMetric", metric_vis,
               {"unsuccessful": count("Partial or failed runs", kql='outcome: "partial" or outcome: "failed"')}, query=HARVESTS),
    lens_panel("messages-written-total", "Messages written", (24, 0, 12, 6), R, "lnsMetric", metric_vis,
               {"written": metric("sum", "messages.written", "Messages written")}, query=HARVESTS),
    lens_panel("set-aside-total", "Records set aside", (36, 0, 12, 6), R, "lnsMetric", metric_vis,
               {"set-aside": metric("sum", "set_aside", "Records set aside")}, query=HARVESTS),
    lens_panel("runs-by-outcome", "Runs over time by outcome", (0, 6, 24, 12), R, "lnsXY", xy("bar_stacked"),
               {"by-outcome": terms("outcome", "Outcome", 4, "runs"), "time": over_time(), "runs": count("Runs")}, query=HARVESTS),
    lens_panel("messages-per-run", "Messages written per run by source", (24, 6, 24, 12), R, "lnsXY", xy("line"),
               {"by-source": terms("source", "Source", 10, "written"), "time": over_time(),
                "written": metric("average", "messages.written", "Messages written per run")}, query=HARVESTS),
    lens_panel("set-aside-over-time", "Records set aside over time by source", (0, 18, 24, 12), R, "lnsXY",
               xy("bar_stacked"),
               {"by-source": terms("source", "Source", 10, "set-aside"), "time": over_time(),
                "set-aside": metric("sum", "set_aside", "Records set aside")}, query=HARVESTS),
    lens_panel("run-duration", "Run duration by source", (24, 18, 24, 12), R, "lnsXY", xy("line"),
               {"by-source": terms("source", "Source", 10, "duration"), "time": over_time(),
                "duration": metric("average", "duration_ms", "Average run duration")}, query=HARVESTS),
    lens_panel("lag", "Lag: newest message to run end, by source", (0, 30, 24, 12), R, "lnsXY", xy("line"),
               {"by-source": terms("source", "Source", 10, "lag"), "time": over_time(),
                "lag": metric("max", "lag_ms", "Lag (max)")}, query=HARVESTS),
    lens_panel("sources", "Per source", (24, 30, 24, 12), R, "lnsDatatable", table,
               {"source": terms("source", "Source", 50, "runs", other=False),
                "last-run": metric("max", "@timestamp", "Last run started", data_type="date"),
                "newest-message": metric("max", "newest_message_at", "Newest message", data_type="date"),
                "runs": count("Runs"),
                "written": metric("sum", "messages.written", "Messages written"),
                "set-aside": metric("sum", "set_aside", "Set aside"),
                "lag": metric("max", "lag_ms", "Lag (max)")}, query=HARVESTS),
])

FILES = {
    "data-views.ndjson": [data_view(i, n) for i, n in DATA_VIEWS.items()],
    "conversations-overview.ndjson": [overview],
    "intents-and-understanding.ndjson": [review_queue, intents],
    "harvest-health.ndjson": [harvest],
}

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else OUT  # another folder: what the script writes, to compare
    os.makedirs(out, exist_ok=True)
    for name, objects in FILES.items():
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            for o in objects:
                f.write(dumps(o) + "\n")
        print(name, len(objects), "objects")
