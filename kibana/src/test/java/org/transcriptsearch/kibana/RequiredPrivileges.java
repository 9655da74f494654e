package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import org.transcriptsearch.testkit.RecordedRequest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Elasticsearch's security checks for each request a service sent: the action (its transport action
 * name, as the Elasticsearch 8.19 REST handler for that endpoint calls it) and, for an index action, each
 * index or alias it names, in the path or in the body (bulk lines, mget docs, alias actions, the index a
 * point in time was opened on). An endpoint not in this table fails the test, so a new call in the code
 * cannot slip past the role check unseen.
 */
final class RequiredPrivileges {
    /** An index action that names no index (clear scroll, close a point in time): any index grant allowing it will do. */
    static final String ANY_INDEX = "<any index>";

    /** @param index null for a cluster action */
    record Need(String action, String index) {
        @Override
        public String toString() {
            return index == null ? action : action + " on " + index;
        }
    }

    private static final Pattern INDEX_PATH = Pattern.compile("/([^/_][^/]*)(/.*)?");
    private final Set<String> pointInTimeIndices = new LinkedHashSet<>();

    /** The needs of each request in order (a search on a point in time needs what its opening named). */
    List<Need> of(RecordedRequest r) {
        String m = r.method();
        String path = r.path();
        String q = r.query() == null ? "" : r.query();
        if (path.equals("/_cluster/health")) {
            return cluster("cluster:monitor/health");
        }
        if (path.equals("/_nodes/plugins") || path.matches("/_nodes(/_local)?")) {
            return cluster("cluster:monitor/nodes/info");
        }
        if (path.matches("/_nodes(/[^/]+)?/stats(/.*)?")) {
            return cluster("cluster:monitor/nodes/stats");
        }
        if (path.startsWith("/_component_template/")) {
            return cluster(m.equals("PUT") ? "cluster:admin/component_template/put" : "cluster:admin/component_template/get");
        }
        if (path.startsWith("/_index_template/")) {
            return cluster(m.equals("PUT") ? "indices:admin/index_template/put" : "indices:admin/index_template/get");
        }
        if (path.startsWith("/_alias/") && m.equals("GET")) {
            return index("indices:admin/aliases/get", names(path.substring("/_alias/".length())));
        }
        if (path.equals("/_aliases") && m.equals("POST")) {
            List<String> named = new ArrayList<>();
            for (JsonNode action : json(r).path("actions")) {
                action.fields().forEachRemaining(e -> {
                    named.add(e.getValue().path("index").asText());
                    if (e.getValue().has("alias")) {
                        named.add(e.getValue().path("alias").asText());
                    }
                });
            }
            return index("indices:admin/aliases", named);
        }
        if (path.equals("/_bulk")) {
            return bulk(r);
        }
        if (path.equals("/_pit") && m.equals("DELETE")) {
            return index("indices:data/read/close_point_in_time", List.of(ANY_INDEX));
        }
        if (path.equals("/_search/scroll")) {
            return index(m.equals("DELETE") ? "indices:data/read/scroll/clear" : "indices:data/read/scroll", List.of(ANY_INDEX));
        }
        if (path.equals("/_search") && json(r).has("pit")) {
            return index("indices:data/read/search", List.copyOf(pointInTimeIndices));
        }
        Matcher im = INDEX_PATH.matcher(path);
        if (!im.matches()) {
            throw unknown(r);
        }
        List<String> target = names(im.group(1));
        String rest = im.group(2) == null ? "" : im.group(2);
        switch (m + " " + rest.replaceAll("^/(_doc|_update)/.*", "/$1/ID")) {
            case "GET ", "HEAD " -> {
                return index("indices:admin/get", target);
            }
            case "PUT " -> {
                List<Need> needs = new ArrayList<>(index("indices:admin/create", target));
                json(r).path("aliases").fieldNames().forEachRemaining(alias -> needs.add(new Need("indices:admin/aliases", alias)));
                return needs;
            }
            case "DELETE " -> {
                return index("indices:admin/delete", target);
            }
            case "GET /_mapping" -> {
                return index("indices:admin/mappings/get", target);
            }
            case "PUT /_mapping" -> {
                return index("indices:admin/mapping/put", target);
            }
            case "POST /_refresh" -> {
                return index("indices:admin/refresh", target);
            }
            case "POST /_search", "GET /_search", "POST /_count", "GET /_count" -> {
                return index("indices:data/read/search", target);
            }
            case "POST /_mget", "GET /_mget" -> {
                List<String> named = new ArrayList<>(target);
                json(r).path("docs").forEach(d -> {
                    if (d.has("_index")) {
                        named.add(d.path("_index").asText());
                    }
                });
                return index("indices:data/read/mget", named);
            }
            case "POST /_pit" -> {
                pointInTimeIndices.addAll(target);
                return index("indices:data/read/open_point_in_time", target);
            }
            case "GET /_doc/ID" -> {
                return index("indices:data/read/get", target);
            }
            case "PUT /_doc/ID", "POST /_doc/ID" -> {
                return index("indices:data/write/index", target);
            }
            case "POST /_update/ID" -> {
                return index("indices:data/write/update", target);
            }
            default -> throw unknown(r);
        }
    }

    private static List<Need> bulk(RecordedRequest r) {
        List<Need> needs = new ArrayList<>();
        String[] lines = r.bodyText().split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            JsonNode action = parse(lines[i], r);
            String kind = action.fieldNames().next();
            String index = action.path(kind).path("_index").asText();
            switch (kind) {
                case "index", "create" -> needs.add(new Need("indices:data/write/index", index));
                case "update" -> needs.add(new Need("indices:data/write/update", index));
                case "delete" -> needs.add(new Need("indices:data/write/delete", index));
                default -> throw new AssertionError("bulk action " + kind + " is not in this test's table");
            }
            if (!kind.equals("delete")) {
                i++; // its document
            }
        }
        needs.add(new Need("indices:data/write/bulk", ANY_INDEX));
        return needs;
    }

    private static List<Need> cluster(String action) {
        return List.of(new Need(action, null));
    }

    private static List<Need> index(String action, List<String> indices) {
        return indices.stream().map(i -> new Need(action, i)).toList();
    }

    private static List<String> names(String commaSeparated) {
        List<String> out = new ArrayList<>();
        for (String n : commaSeparated.split(",")) {
            out.add(URLDecoder.decode(n, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static JsonNode json(RecordedRequest r) {
        return r.body().length == 0 ? SavedObjects.JSON.createObjectNode() : parse(r.bodyText(), r);
    }

    private static JsonNode parse(String text, RecordedRequest r) {
        try {
            return SavedObjects.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(r + ": body is not JSON: " + e.getMessage());
        }
    }

    private static AssertionError unknown(RecordedRequest r) {
        return new AssertionError(r + ": this endpoint is not in RequiredPrivileges' table; add the action Elasticsearch "
                + "checks for it, then the privilege in docker/security/roles if the service needs it");
    }
}
