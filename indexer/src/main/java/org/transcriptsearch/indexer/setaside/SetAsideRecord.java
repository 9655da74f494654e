package org.transcriptsearch.indexer.setaside;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import org.transcriptsearch.secrets.Redactor;

/**
 * One set-aside record: the {@code transcripts-deadletter} document (see {@code mappings/deadletter.json}).
 * A {@link #RECORD} is a vendor record that could not be mapped; a {@link #DOCUMENT} is a document
 * Elasticsearch refused for good, kept as it would have been stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SetAsideRecord(
        @JsonProperty("@timestamp") Instant at,
        String source,
        String vendor,
        String kind,
        Target target,
        Ref conversation,
        Ref message,
        String location,
        String reason,
        Error error,
        Run run,
        Window window,
        String document,
        String record) {

    public static final String RECORD = "record";
    public static final String DOCUMENT = "document";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String index, String id) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ref(String id) {
        public static Ref of(String id) {
            return id == null ? null : new Ref(id);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String type, Integer status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(String id, String command) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Window(Instant from, Instant to) {
    }

    /**
     * The same record with what the product wrote about it (where, why) and the vendor's record masked; the
     * refused document stays as it would have been stored, so {@code set-aside retry} stores exactly that.
     */
    public SetAsideRecord redacted(Redactor redactor) {
        return new SetAsideRecord(at, source, vendor, kind, target, conversation, message, redactor.redact(location),
                redactor.redact(reason), error, run, window, document, redactor.redactJson(record));
    }

    /**
     * Its id: a refused document by the document's own id (set aside again, it replaces itself), a vendor
     * record by a hash of the record (or of where it was, if it has no readable record).
     */
    @JsonIgnore
    public String id() {
        if (DOCUMENT.equals(kind)) {
            return DOCUMENT + ":" + target.id();
        }
        return RECORD + ":" + source + "~" + hash(record != null ? record : location + "\0" + reason);
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
