package org.transcriptsearch.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * {@code harvest.run_id} / {@code harvest.at}: which run last wrote the document, and when;
 * {@code harvest.digest} (messages): a digest of the document without this stamp, so a re-read that
 * changes nothing is recognised without comparing whole documents.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HarvestStamp(@JsonProperty("run_id") String runId, Instant at, String digest) {
    public HarvestStamp(String runId, Instant at) {
        this(runId, at, null);
    }
}
