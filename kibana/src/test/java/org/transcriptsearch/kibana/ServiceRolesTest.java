package org.transcriptsearch.kibana;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.testkit.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roles of docker/security/roles read without Elasticsearch: one per service, each confined to the
 * index prefix, and the privilege model ServicePrivilegesIT checks them with (what it allows and refuses).
 */
class ServiceRolesTest {
    private final Map<String, ServiceRoles.Role> roles = ServiceRoles.load("acme");

    @Test
    void oneRolePerServiceThatTalksToTheStack() {
        assertEquals(List.of("transcripts_indexer", "transcripts_kibana_setup", "transcripts_search_api"), List.copyOf(roles.keySet()));
    }

    @Test
    void theIndexerWritesAndManagesOnlyItsPrefix() {
        ServiceRoles.Role indexer = roles.get("transcripts_indexer");
        assertNotNull(ServiceRoles.allowedBy(indexer, new RequiredPrivileges.Need("indices:data/write/index", "acme-messages")));
        assertNotNull(ServiceRoles.allowedBy(indexer, new RequiredPrivileges.Need("indices:admin/delete", "acme-messages-v1")));
        assertNull(ServiceRoles.allowedBy(indexer, new RequiredPrivileges.Need("indices:data/write/index", "transcripts-messages")));
        assertNull(ServiceRoles.allowedBy(indexer, new RequiredPrivileges.Need("indices:admin/delete", "other-index")));
        assertNull(ServiceRoles.allowedBy(indexer, new RequiredPrivileges.Need("cluster:monitor/state", null)),
                "no cluster state: it would show every index's mappings");
        assertNull(ServiceRoles.allowedBy(indexer, new RequiredPrivileges.Need("cluster:admin/xpack/security/user/put", null)));
    }

    @Test
    void theSearchApiReadsOnlyTheTwoAliases() {
        ServiceRoles.Role search = roles.get("transcripts_search_api");
        assertNotNull(ServiceRoles.allowedBy(search, new RequiredPrivileges.Need("indices:data/read/search", "acme-messages")));
        assertNotNull(ServiceRoles.allowedBy(search, new RequiredPrivileges.Need("indices:data/read/search", "acme-conversations")));
        for (String other : List.of("acme-state", "acme-runs", "acme-deadletter", "acme-messages-v1", "acme-*")) {
            assertNull(ServiceRoles.allowedBy(search, new RequiredPrivileges.Need("indices:data/read/search", other)), other);
        }
        assertNull(ServiceRoles.allowedBy(search, new RequiredPrivileges.Need("indices:data/write/index", "acme-messages")));
        assertNotNull(ServiceRoles.allowedBy(search, new RequiredPrivileges.Need("cluster:monitor/health", null)));
        assertNull(ServiceRoles.allowedBy(search, new RequiredPrivileges.Need("cluster:monitor/nodes/stats", null)));
    }

    @Test
    void theKibanaImportHasNoElasticsearchDataOnlySavedObjectsOfTheDefaultSpace() {
        ServiceRoles.Role kibana = roles.get("transcripts_kibana_setup");
        assertEquals(List.of(), kibana.grants());
        assertEquals(1, kibana.applications().size());
        JsonNode app = kibana.applications().path(0);
        assertEquals("kibana-.kibana", app.path("application").asText());
        assertEquals("[\"feature_savedObjectsManagement.all\"]", app.path("privileges").toString());
        assertEquals("[\"space:default\"]", app.path("resources").toString());
    }

    @Test
    void requestsMapToTheActionsElasticsearchChecks() {
        RequiredPrivileges needs = new RequiredPrivileges();
        assertEquals(List.of(new RequiredPrivileges.Need("indices:admin/create", "acme-messages-v1"),
                        new RequiredPrivileges.Need("indices:admin/aliases", "acme-messages")),
                needs.of(request("PUT", "/acme-messages-v1", null, "{\"aliases\":{\"acme-messages\":{\"is_write_index\":true}}}")));
        assertEquals(List.of(new RequiredPrivileges.Need("indices:data/write/index", "acme-messages"),
                        new RequiredPrivileges.Need("indices:data/write/delete", "acme-deadletter"),
                        new RequiredPrivileges.Need("indices:data/write/bulk", RequiredPrivileges.ANY_INDEX)),
                needs.of(request("POST", "/_bulk", "filter_path=errors", "{\"index\":{\"_index\":\"acme-messages\",\"_id\":\"1\"}}\n"
                        + "{\"text\":\"hi\"}\n{\"delete\":{\"_index\":\"acme-deadletter\",\"_id\":\"2\"}}\n")));
        needs.of(request("POST", "/acme-messages-v1/_pit", "keep_alive=5m", null));
        assertEquals(List.of(new RequiredPrivileges.Need("indices:data/read/search", "acme-messages-v1")),
                needs.of(request("POST", "/_search", null, "{\"pit\":{\"id\":\"x\"}}")));
        AssertionError unknown = assertThrows(AssertionError.class, () -> needs.of(request("POST", "/_reindex", null, "{}")));
        assertTrue(unknown.getMessage().contains("POST /_reindex: this endpoint is not in RequiredPrivileges' table"),
                unknown.getMessage());
    }

    private static RecordedRequest request(String method, String path, String query, String body) {
        return new RecordedRequest(method, path, query, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }
}
