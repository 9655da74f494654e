package org.transcriptsearch.document;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** {@code harvest.run_id} / {@code harvest.at}: which run last wrote the document, and when. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HarvestStamp(@JsonProperty("run_id") String runId, Instant at) {
}
