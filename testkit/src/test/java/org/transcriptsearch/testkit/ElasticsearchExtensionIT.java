package org.transcriptsearch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.elastic.IndexNames;

/** The harness gives a real, wiped cluster with the analysis plugin, and setup works on it. */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchExtensionIT {

    @Test
    void givesARealClusterWithThePluginAndTheTemplates(TestElasticsearch es) {
        IndexNames names = es.setup("it-harness");
        assertTrue(es.request("GET", "/_cat/plugins").contains("transcripts-analysis"));
        es.request("PUT", "/" + names.messages() + "/_doc/x?refresh=true",
                "{\"vendor\":\"kore\",\"text\":\"비밀번호를 재설정하고 싶어요\"}");
        assertEquals(1, es.count(names.messages()));
        String hits = es.request("GET", "/" + names.messages() + "/_search?q=text.ko:비밀번호");
        assertTrue(hits.contains("\"_id\":\"x\""), hits);
        es.wipe();
        assertTrue(!es.request("GET", "/_cat/indices?h=index").contains("it-harness"));
    }

    @Test
    void aThrowAwayNodesFilesAreClosedToOthers(TestElasticsearch es) throws Exception {
        assumeTrue(es.embeddedNode().isPresent(), "only a throw-away node has files here");
        NodeFileModes.assertClosedToOthers(es.embeddedNode().get().folder());
    }
}
