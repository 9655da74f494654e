package org.transcriptsearch.indexer.chaos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * CI's short share of the chaos command ({@link ChaosRun}; the long soak is {@code bench/chaos.sh}):
 * a few runs of all three vendors with random incidents, a fixed seed, then nothing lost, nothing doubled,
 * no conversation wrong.
 */
@ExtendWith(ElasticsearchExtension.class)
class ChaosIT {
    @Test
    void aFewChaoticRunsLoseNothing(TestElasticsearch es, @TempDir Path dir) throws Exception {
        ChaosRun.Outcome o = new ChaosRun(es, 4, 20261201L, 20, dir).run();
        System.out.println(o);
        assertTrue(o.clean(), o.toString());
        assertTrue(o.incidents() >= 4, "the chaos injected too little: " + o);
    }
}
