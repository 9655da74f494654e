package org.transcriptsearch.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.localnode.Distribution;
import org.transcriptsearch.localnode.NodeHome;

/** The distribution is unpacked once per home, even when two processes (test JVMs, commands) need it at once. */
class DistributionIT {

    @Test
    void twoPreparingTheSameDistributionAtOnceBothGetIt() throws Exception {
        Path home = Files.createTempDirectory("transcript-search-dist-");
        try {
            NodeHome nodeHome = new NodeHome(home);
            CompletableFuture<Distribution> first = CompletableFuture.supplyAsync(
                    () -> Distribution.prepare(nodeHome, Map.of(), line -> { }));
            CompletableFuture<Distribution> second = CompletableFuture.supplyAsync(
                    () -> Distribution.prepare(nodeHome, Map.of(), line -> { }));

            Path one = first.get(300, TimeUnit.SECONDS).home();
            assertEquals(one, second.get(300, TimeUnit.SECONDS).home());
            assertTrue(Files.isRegularFile(one.resolve(".ready")));
            assertTrue(Files.isExecutable(one.resolve("bin/elasticsearch")));
        } finally {
            new ProcessBuilder("rm", "-rf", home.toString()).start().waitFor(60, TimeUnit.SECONDS);
        }
    }
}
