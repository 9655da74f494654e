package org.transcriptsearch.indexer.harvest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WrittenConversationsTest {

    @Test
    void everyAddedIdIsFoundAndFewOthersAreAtAMillion() {
        WrittenConversations written = new WrittenConversations();
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            written.add("conv-" + i);
        }
        for (int i = 0; i < n; i++) {
            assertTrue(written.mayContain("conv-" + i), "conv-" + i + " was added");
        }
        int wrong = 0;
        int probes = 200_000;
        for (int i = 0; i < probes; i++) {
            if (written.mayContain("other-" + i)) {
                wrong++;
            }
        }
        // The design figure is about 1 in 1,700 (6e-4); allow twice that before calling it broken.
        double rate = (double) wrong / probes;
        assertTrue(rate < 1.2e-3, "false positive rate " + rate);
    }

    @Test
    void anEmptyFilterContainsNothing() {
        WrittenConversations written = new WrittenConversations();
        assertFalse(written.mayContain("a"));
        assertFalse(written.mayContain(""));
        written.add("한국어-대화-1");
        assertTrue(written.mayContain("한국어-대화-1"));
        assertFalse(written.mayContain("한국어-대화-2"));
    }
}
