package org.transcriptsearch.indexer.setaside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.transcriptsearch.config.ElasticsearchSettings;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.state.HarvestRun;
import org.transcriptsearch.secrets.Redactor;

/** What the product writes about a run or a set-aside record is masked by the store that keeps it. */
class StoredTextRedactionTest {
    private static final String SECRET = "Vn3-stored-secret";
    private static final Redactor REDACTOR = new Redactor(List.of(SECRET));

    @Test
    void aRunsReasonAndErrorsAreMasked() {
        HarvestRun run = new HarvestRun(Instant.EPOCH, new HarvestRun.Run("r1", "harvest", "host"), "s", "cxone", null, null,
                null, HarvestRun.FAILED, "POST http://u:pw@es:9200/_bulk failed with token=" + SECRET, null, null, null, null,
                null, null, List.of(new HarvestRun.Error(Instant.EPOCH, "GET https://v/x?token=" + SECRET,
                "{\"access_token\":\"abc-xyz-123\"}")), null, null, null).redacted(REDACTOR);
        String all = run.reason() + run.errors();
        assertFalse(all.contains(SECRET) || all.contains("u:pw") || all.contains("abc-xyz-123"), all);
        assertEquals("r1:s", run.documentId());
    }

    @Test
    void aSetAsideRecordIsMaskedButTheRefusedDocumentIsKeptAsItWouldHaveBeenStored() {
        String document = "{\"text\":\"my code is " + SECRET + "\"}";
        SetAsideRecord r = new SetAsideRecord(Instant.EPOCH, "s", "cxone", SetAsideRecord.RECORD, null, null, null,
                "GET https://v/api?token=" + SECRET, "mapping failed for " + SECRET, null, null, null, document,
                "{\"id\":\"c1\",\"apiKey\":\"" + SECRET + "\"}");
        try (ElasticsearchConnection es = ElasticsearchConnection.connect(new ElasticsearchSettings("http://127.0.0.1:9", null,
                null, null, null), false)) {
            String line = new String(new SetAsideStore(es, new IndexNames("it"), REDACTOR).item(r).ndjson(), StandardCharsets.UTF_8);
            String withoutDocument = line.replace(es.json().valueToTree(document).toString(), "");
            assertFalse(withoutDocument.contains(SECRET), line);
            assertTrue(line.contains("token=***") && line.contains("\\\"apiKey\\\":\\\"***\\\""), line);
            assertTrue(line.contains(es.json().valueToTree(document).toString()), "the document is kept whole: " + line);
        }
    }
}
