package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * docker/security/roles/*.json, the roles the stack's security step creates, read as Elasticsearch reads
 * them once users.sh has put the index prefix in, with what each privilege allows (the named privileges
 * these roles use, as Elasticsearch 8.19 defines them in action patterns; an action name is itself).
 */
final class ServiceRoles {
    static final Path DIRECTORY = Path.of("../docker/security/roles");

    record IndexGrant(List<String> names, List<String> privileges) {
    }

    record Role(String name, List<String> cluster, List<IndexGrant> indices, JsonNode applications) {
        /** Every (privilege, index pattern) pair and cluster privilege this role grants, for "is each one used". */
        List<String> grants() {
            List<String> all = new ArrayList<>(cluster.stream().map(c -> "cluster " + c).toList());
            for (IndexGrant g : indices) {
                for (String n : g.names()) {
                    for (String p : g.privileges()) {
                        all.add("index " + p + " on " + n);
                    }
                }
            }
            return all;
        }
    }

    /** Named privileges to the action patterns they allow (Elasticsearch's ClusterPrivilegeResolver / IndexPrivilege). */
    static final Map<String, List<String>> CLUSTER = Map.of(
            "monitor", List.of("cluster:monitor/*"),
            "manage_index_templates", List.of("indices:admin/template/*", "indices:admin/index_template/*",
                    "cluster:admin/component_template/*"),
            "all", List.of("cluster:*", "indices:admin/template/*", "indices:admin/index_template/*"));
    static final Map<String, List<String>> INDEX = Map.of(
            "read", List.of("indices:data/read/*", "indices:admin/resolve/index"),
            "write", List.of("indices:data/write/*", "indices:admin/mapping/auto_put"),
            "manage", List.of("indices:monitor/*", "indices:admin/*"),
            "view_index_metadata", List.of("indices:admin/aliases/get", "indices:admin/get", "indices:admin/mappings/get",
                    "indices:admin/mappings/fields/get*", "indices:admin/settings/get", "indices:admin/resolve/index"),
            "create_index", List.of("indices:admin/create", "indices:admin/auto_create"),
            "delete_index", List.of("indices:admin/delete"),
            "all", List.of("indices:*"));

    static Map<String, Role> load(String prefix) {
        Map<String, Role> roles = new TreeMap<>();
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".json", "");
                JsonNode role = SavedObjects.JSON.readTree(Files.readString(f).replace("${INDEX_PREFIX}", prefix));
                List<IndexGrant> indices = new ArrayList<>();
                for (JsonNode g : role.path("indices")) {
                    indices.add(new IndexGrant(strings(g.path("names")), strings(g.path("privileges"))));
                }
                roles.put(name, new Role(name, strings(role.path("cluster")), indices, role.path("applications")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the roles in " + DIRECTORY.toAbsolutePath(), e);
        }
        return roles;
    }

    /** Whether the role allows {@code need}; and through which grant (null: it does not). */
    static String allowedBy(Role role, RequiredPrivileges.Need need) {
        if (need.index() == null) {
            for (String c : role.cluster()) {
                if (patterns(CLUSTER, c).stream().anyMatch(p -> matches(p, need.action()))) {
                    return "cluster " + c;
                }
            }
            return null;
        }
        for (IndexGrant g : role.indices()) {
            for (String n : g.names()) {
                if (!need.index().equals(RequiredPrivileges.ANY_INDEX) && !covers(n, need.index())) {
                    continue;
                }
                for (String p : g.privileges()) {
                    if (patterns(INDEX, p).stream().anyMatch(a -> matches(a, need.action()))) {
                        return "index " + p + " on " + n;
                    }
                }
            }
        }
        return null;
    }

    private static List<String> patterns(Map<String, List<String>> named, String privilege) {
        if (named.containsKey(privilege)) {
            return named.get(privilege);
        }
        if (privilege.startsWith("cluster:") || privilege.startsWith("indices:")) {
            return List.of(privilege); // an action name (pattern) is a privilege of its own
        }
        throw new AssertionError("privilege '" + privilege + "' is not in this test's table: add what it allows");
    }

    static boolean matches(String pattern, String action) {
        return pattern.endsWith("*") ? action.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(action);
    }

    /** A role's index pattern covers a name, or every name a wildcard expression can expand to. */
    static boolean covers(String rolePattern, String name) {
        if (rolePattern.endsWith("*")) {
            String head = rolePattern.substring(0, rolePattern.length() - 1);
            return name.startsWith(head); // a wildcard in the name comes after its literal head
        }
        return rolePattern.equals(name);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
