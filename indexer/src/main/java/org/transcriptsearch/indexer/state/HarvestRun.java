package org.transcriptsearch.indexer.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.transcriptsearch.secrets.Redactor;

/**
 * One run of one source: the {@code transcripts-runs} document (see {@code mappings/runs.json}) that
 * {@code status} and the harvest-health dashboard read. Written when the run starts ({@code outcome:
 * running}) and again when it ends.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HarvestRun(
        @JsonProperty("@timestamp") Instant startedAt,
        Run run,
        String source,
        String vendor,
        Window window,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("duration_ms") Long durationMs,
        String outcome,
        String reason,
        Integer pages,
        @JsonProperty("vendor_calls") Integer vendorCalls,
        Written messages,
        Written conversations,
        @JsonProperty("set_aside") Integer setAside,
        @JsonProperty("set_aside_suppressed") Integer setAsideSuppressed,
        List<Error> errors,
        @JsonProperty("newest_message_at") Instant newestMessageAt,
        @JsonProperty("lag_ms") Long lagMs,
        @JsonProperty("rate_per_s") Float ratePerSecond) {

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    /** Finished, but some records were set aside. */
    public static final String PARTIAL = "partial";
    public static final String FAILED = "failed";
    /** Ended cleanly by SIGTERM/SIGINT: what was read is stored, checkpoints stay there. */
    public static final String STOPPED = "stopped";
    /** Left running by a process that died or lost its lease; marked so by the source's next holder. */
    public static final String ABANDONED = "abandoned";

    /** The same run with its reason and errors masked. */
    public HarvestRun redacted(Redactor redactor) {
        List<Error> masked = errors == null ? null : errors.stream()
                .map(e -> new Error(e.at(), redactor.redact(e.location()), redactor.redact(e.reason()))).toList();
        return new HarvestRun(startedAt, run, source, vendor, window, finishedAt, durationMs, outcome, redactor.redact(reason),
                pages, vendorCalls, messages, conversations, setAside, setAsideSuppressed, masked, newestMessageAt, lagMs, ratePerSecond);
    }

    public String documentId() {
        return run.id() + ":" + source;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String id, String command, String host) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(Instant from, Instant to) {
    }

    /** @param suppressed read but not stored: a {@code forget} suppression covers it */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Written(Long written, @JsonProperty("new") Long created, Long updated, Long suppressed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(Instant at, String location, String reason) {
    }
}
