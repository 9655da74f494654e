package org.transcriptsearch.indexer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's data must stay the same between runs, and what it prints must be copy-pasteable as is. */
class DemoDatasetTest {
    @Test
    void theFirstRunChoosesSeedAndAnchorAndLaterRunsKeepThem(@TempDir Path folder) {
        DemoDataset first = DemoDataset.loadOrCreate(folder, 42, 300);
        DemoDataset again = DemoDataset.loadOrCreate(folder, 99, 10);
        assertEquals(first, again, "a second run serves the same conversations, whatever its defaults");
        assertEquals(42, again.seed());
        assertEquals(300, again.conversationsPerVendor());
        assertEquals(0, first.anchor().getEpochSecond() % 60, "the anchor is a whole minute");
    }

    @Test
    void aDamagedFileIsNamedWithWhatToDo(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(DemoDataset.FILE), "seed=forty-two\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DemoDataset.loadOrCreate(folder, 42, 300));
        assertTrue(e.getMessage().contains(DemoDataset.FILE) && e.getMessage().contains("delete it"), e.getMessage());
    }

    @Test
    void conversationUrlsEncodeVendorIds() {
        DemoExamples.Hit hit = new DemoExamples.Hit("cxone-demo", "chat;Ab/12+x", "m 1?");
        assertEquals("http://localhost:8080/api/conversations/cxone-demo/chat%3BAb%2F12%2Bx?highlight=m%201%3F",
                hit.conversationUrl("http://localhost:8080"));
    }

    @Test
    void curlExamplesQuoteEachParameter() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", "비밀번호");
        params.put("role", "user");
        DemoExamples.Example example = new DemoExamples.Example("Korean", params, 3,
                new DemoExamples.Hit("kore-demo", "c1", "m1"));
        assertEquals("curl -sG http://localhost:8080/api/search --data-urlencode 'q=비밀번호' --data-urlencode 'role=user'",
                example.curl("http://localhost:8080"));
        assertEquals("http://localhost:8080/?q=%EB%B9%84%EB%B0%80%EB%B2%88%ED%98%B8&role=user",
                example.explorerLink("http://localhost:8080"));
        DemoExamples.ConversationExample whole = new DemoExamples.ConversationExample("환불 상담원", 2);
        assertEquals("curl -sG http://localhost:8080/api/conversations --data-urlencode 'q=환불 상담원'",
                whole.curl("http://localhost:8080"));
        assertEquals("http://localhost:8080/?mode=conversations&q=%ED%99%98%EB%B6%88%20%EC%83%81%EB%8B%B4%EC%9B%90",
                whole.explorerLink("http://localhost:8080"));
    }
}
