package org.transcriptsearch.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.localnode.EphemeralNode;
import org.transcriptsearch.testkit.ElasticsearchExtension;
import org.transcriptsearch.testkit.TestElasticsearch;

/** Elasticsearch stops while the API runs: clear 503s, quickly, and service resumes when it is back. */
@ExtendWith(ElasticsearchExtension.class)
class ElasticsearchOutageIT {

    @Test
    void elasticsearchDownIsA503NotA500NorAHang(TestElasticsearch es) {
        EphemeralNode node = es.embeddedNode().orElse(null);
        Assumptions.assumeTrue(node != null, "needs the embedded test node to stop it");
        IndexNames names = es.setup("it-outage");
        new TranscriptFixture().index(es, names);
        try (SearchServer server = SearchServer.start(SearchServerOptions.defaults().withConnection(es.connection())
                .withIndices(names).withPort(0).withElasticsearchTimeout(Duration.ofSeconds(3)))) {
            assertEquals(200, Http.get(server.url() + "/api/search?q=password").status());
            node.stop();
            try {
                for (String path : new String[] {"/api/search?q=password", "/api/intents",
                        "/api/conversations/kore-banking/k-en-1", "/health"}) {
                    long start = System.nanoTime();
                    Http.Answer a = Http.get(server.url() + path);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertEquals(503, a.status(), path + " -> " + a);
                    String error = a.json().getString("error");
                    assertTrue(error.contains("Elasticsearch"), error);
                    assertTrue(ms < 5_000, path + " answered in " + ms + " ms");
                }
                assertEquals("unavailable", Http.get(server.url() + "/health").json().getString("status"));
            } finally {
                node.restart();
            }
            es.connection().awaitReady(Duration.ofSeconds(120));
            Http.Answer back = null;
            for (int i = 0; i < 40; i++) {
                back = Http.get(server.url() + "/api/search?q=password");
                if (back.status() == 200) {
                    break;
                }
                sleep();
            }
            assertEquals(200, back.status(), "service resumes: " + back);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
