package org.transcriptsearch.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --prerender} changes the sandbox's CPU, never its answers: byte for byte, before and after growth. */
class PrerenderTest {
    private static final SandboxClient CLIENT = new SandboxClient();

    @Test
    void prerenderedPagesAreTheLivePagesByteForByte() throws Exception {
        SandboxOptions options = SandboxOptions.builder().seed(23).conversationsPerVendor(150)
                .anchor(Instant.parse("2026-11-01T00:00:00Z")).vendors(Vendor.CXONE).build();
        try (VendorSandbox live = VendorSandbox.start(options);
             VendorSandbox prerendered = VendorSandbox.start(options.toBuilder().prerender(true).build())) {
            assertSameExport(live, prerendered);

            // Grow a generated conversation (the vendor's samples do not grow) in both: it is rendered afresh.
            JsonNode first = CxoneApiTest.exportAll(live, "perPage=50").get(0).path("data");
            String grown = null;
            for (int i = first.size() - 1; i >= 0 && grown == null; i--) {
                String id = first.get(i).path("conversationId").asText();
                try {
                    live.growConversation(Vendor.CXONE, id, 3);
                    grown = id;
                } catch (IllegalArgumentException sample) {
                    // a vendor sample: try the one before
                }
            }
            assertTrue(grown != null, "a generated conversation on the first page");
            prerendered.growConversation(Vendor.CXONE, grown, 3);
            // Growth ends at each sandbox's own "now", so the grown record's new timestamps differ by the
            // milliseconds between the two calls: compare its size there, everything else exactly.
            JsonNode a = records(live);
            JsonNode b = records(prerendered);
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                String id = a.get(i).path("conversationId").asText();
                if (id.equals(grown)) {
                    assertEquals(a.get(i).path("msgCount"), b.get(i).path("msgCount"), "the grown conversation's messages");
                    assertEquals(a.get(i).path("tracker").path("events").size(), b.get(i).path("tracker").path("events").size());
                } else {
                    assertEquals(a.get(i), b.get(i), "conversation " + id);
                }
            }
        }
    }

    private static JsonNode records(VendorSandbox sandbox) throws Exception {
        com.fasterxml.jackson.databind.node.ArrayNode all = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        CxoneApiTest.exportAll(sandbox, "perPage=50").forEach(page -> all.addAll((com.fasterxml.jackson.databind.node.ArrayNode) page.path("data")));
        return all;
    }

    private static void assertSameExport(VendorSandbox live, VendorSandbox prerendered) throws Exception {
        List<String> a = bodies(live);
        List<String> b = bodies(prerendered);
        assertEquals(a.size(), b.size(), "pages");
        assertTrue(a.size() >= 3, "a multi-page export");
        for (int i = 0; i < a.size(); i++) {
            String x = a.get(i);
            String y = b.get(i);
            int at = 0;
            while (at < Math.min(x.length(), y.length()) && x.charAt(at) == y.charAt(at)) {
                at++;
            }
            if (at < Math.max(x.length(), y.length())) {
                fail("page " + i + " differs at character " + at + ": live ..." + around(x, at) + "... prerendered ..."
                        + around(y, at) + "...");
            }
        }
    }

    private static String around(String s, int at) {
        return s.substring(Math.max(0, at - 120), Math.min(s.length(), at + 120));
    }

    /** Each page's body as sent, minus what must differ between two servers: origin and scroll ids. */
    private static List<String> bodies(VendorSandbox sandbox) throws Exception {
        String first = CxoneApiTest.url(sandbox, "perPage=50");
        List<String> out = new java.util.ArrayList<>();
        String next = first;
        while (next != null) {
            SandboxClient.Response r = CLIENT.get(next);
            assertEquals(200, r.status(), r.body());
            JsonNode page = r.json();
            out.add(r.body().replace(sandbox.baseUrl().replace("/", "\\/"), "ORIGIN").replace(sandbox.baseUrl(), "ORIGIN")
                    .replaceAll("scrollId=[^\"&]+", "scrollId=S").replaceAll("\"scroll_id\":\"[^\"]*\"", "\"scroll_id\":\"S\""));
            next = page.path("data").isEmpty() || page.path("next_page_url").isNull() ? null
                    : page.get("next_page_url").asText() + "&token=" + sandbox.credentials().cxoneToken();
        }
        return out;
    }
}
