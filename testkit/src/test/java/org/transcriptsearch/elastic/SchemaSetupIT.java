package org.transcriptsearch.elastic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.config.IndexSettings;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/** What setup says when the cluster is not as this build needs it. */
@ExtendWith(ElasticsearchExtension.class)
class SchemaSetupIT {

    @Test
    void aMissingPluginIsReportedWithWhatToDo(TestElasticsearch es) {
        IndexTemplates templates = IndexTemplates.forCluster(new IndexSettings("it-noplugin", 1, 0), true);
        SetupException e = assertThrows(SetupException.class,
                () -> new SchemaSetup(es.connection(), templates, "transcripts-analysis-absent").apply());
        assertTrue(e.getMessage().contains("the analysis plugin 'transcripts-analysis-absent' is not installed on node"),
                e.getMessage());
        assertTrue(e.getMessage().contains("bin/elasticsearch-plugin install --batch"), e.getMessage());
        assertTrue(!es.request("GET", "/_cat/indices?h=index").contains("it-noplugin"), "nothing may be created");
    }

    @Test
    void requireInstalledNamesTheMissingAliasesAndTheCommand(TestElasticsearch es) {
        IndexTemplates templates = IndexTemplates.forCluster(new IndexSettings("it-absent", 1, 0), true);
        SetupException e = assertThrows(SetupException.class,
                () -> new SchemaSetup(es.connection(), templates).requireInstalled());
        assertTrue(e.getMessage().contains("it-absent-messages"), e.getMessage());
        assertTrue(e.getMessage().contains("indexer.jar setup"), e.getMessage());
        new SchemaSetup(es.connection(), templates).apply();
        new SchemaSetup(es.connection(), templates).requireInstalled();
        assertEquals("it-absent-messages-v1", new SchemaSetup(es.connection(), templates).currentIndex(IndexNames.Kind.MESSAGES));
    }
}
