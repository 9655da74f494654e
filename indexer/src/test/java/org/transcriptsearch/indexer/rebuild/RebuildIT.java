package org.transcriptsearch.indexer.rebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.indexer.IndexerRun;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/** {@code indexer rebuild} through the real CLI entry point against a real cluster. */
@ExtendWith(ElasticsearchExtension.class)
class RebuildIT {

    /**
     * Documents a harvest wrote a moment before (acknowledged, not yet refreshed) are copied too: the copy walks a
     * point in time, which sees only what was refreshed when it opened. Here refresh is off on the old versions, so
     * without a refresh before the walk the documents would never be seen, and the count check (which counted
     * the same unrefreshed index) would have moved the aliases over a copy without them.
     */
    @Test
    void copiesDocumentsWrittenButNotYetRefreshed(TestElasticsearch es, @TempDir Path dir) throws Exception {
        Path config = dir.resolve("c.yml");
        Files.writeString(config, "index:\n  prefix: it-rebuild\n");
        Map<String, String> env = Map.of("ES_URL", es.url());
        assertEquals(0, IndexerRun.run(env, "--config", config.toString(), "setup").exit());
        for (String kind : List.of("messages", "conversations")) {
            es.request("PUT", "/it-rebuild-" + kind + "-v1/_settings", "{\"index\":{\"refresh_interval\":\"-1\"}}");
        }
        for (int i = 0; i < 3; i++) {
            es.request("PUT", "/it-rebuild-messages/_doc/m" + i,
                    "{\"source\":\"cx\",\"conversation\":{\"id\":\"c1\"},\"text\":\"hello " + i + "\"}");
        }
        es.request("PUT", "/it-rebuild-conversations/_doc/c1", "{\"source\":\"cx\",\"conversation\":{\"id\":\"c1\"}}");

        IndexerRun r = IndexerRun.run(env, "--config", config.toString(), "rebuild");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(es.request("GET", "/_alias/it-rebuild-messages").contains("it-rebuild-messages-v2"), r.out());
        assertEquals(3, es.count("it-rebuild-messages-v2"), r.out());
        assertEquals(1, es.count("it-rebuild-conversations-v2"), r.out());
    }
}
