package org.transcriptsearch.indexer.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.source.Checkpoint;

/**
 * Checkpoints ({@code checkpoint:<source>:<stream>}) and leases ({@code lease:<source>}) in the state
 * alias. Reads are real-time gets (no refresh needed); leases use optimistic concurrency
 * ({@code if_seq_no}/{@code if_primary_term}) so two processes can never both believe they hold one.
 * Blocking calls: run them off the event loop.
 */
public final class StateStore {
    private final ElasticsearchConnection es;
    private final String index;
    private final Clock clock;
    private final ObjectMapper json;

    public StateStore(ElasticsearchConnection es, IndexNames names, Clock clock) {
        this.es = es;
        this.index = names.state();
        this.clock = clock;
        this.json = es.json();
    }

    public static String checkpointId(String source, String stream) {
        return "checkpoint:" + source + ":" + stream;
    }

    public static String leaseId(String source) {
        return "lease:" + source;
    }

    public Checkpoint checkpoint(String source, String stream) {
        return get(checkpointId(source, stream))
                .map(doc -> Checkpoint.load(json.convertValue(doc.path("_source").path("checkpoint"), Map.class)))
                .orElse(Checkpoint.empty());
    }

    public Map<String, Checkpoint> checkpoints(String source, List<String> streams) {
        Map<String, Checkpoint> out = new LinkedHashMap<>();
        streams.forEach(s -> out.put(s, checkpoint(source, s)));
        return out;
    }

    public void saveCheckpoint(String source, String stream, Checkpoint checkpoint) {
        ObjectNode doc = json.createObjectNode();
        doc.put("kind", "checkpoint").put("source", source).put("stream", stream)
                .put("updated_at", clock.instant().toString());
        ObjectNode values = doc.putObject("checkpoint");
        checkpoint.values().forEach(values::put);
        put(checkpointId(source, stream), doc, "");
    }

    /** The lease as stored, whether or not it has expired. */
    public Optional<Lease> lease(String source) {
        return get(leaseId(source)).map(d -> toLease(source, d));
    }

    /** Takes the source's lease for {@code ttl}, or throws {@link LeaseHeldException} naming the holder. */
    public Lease acquire(String source, String holder, Duration ttl) {
        Optional<JsonNode> current = get(leaseId(source));
        Instant now = clock.instant();
        if (current.isPresent()) {
            Lease l = toLease(source, current.get());
            if (l.expiresAt().isAfter(now) && !l.holder().equals(holder)) {
                throw new LeaseHeldException(source, l.holder(), l.acquiredAt(), l.expiresAt());
            }
            return write(source, holder, now, now.plus(ttl), "?if_seq_no=" + l.seqNo() + "&if_primary_term=" + l.primaryTerm());
        }
        return write(source, holder, now, now.plus(ttl), "?op_type=create");
    }

    /** Extends a held lease; throws {@link LeaseHeldException} if someone else took it meanwhile. */
    public Lease renew(Lease lease, Duration ttl) {
        Instant now = clock.instant();
        return write(lease.source(), lease.holder(), lease.acquiredAt(), now.plus(ttl),
                "?if_seq_no=" + lease.seqNo() + "&if_primary_term=" + lease.primaryTerm());
    }

    /**
     * Gives the lease back if it is still ours: by holder, not by the version we last saw (a renewal that
     * finished meanwhile must not leave the lease behind to block the next run until it expires).
     */
    public void release(Lease lease) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<JsonNode> current = get(leaseId(lease.source()));
            if (current.isEmpty() || !toLease(lease.source(), current.get()).holder().equals(lease.holder())) {
                return; // gone already, or expired and taken by another harvester: nothing of ours to release
            }
            Request req = new Request("DELETE", "/" + index + "/_doc/" + enc(leaseId(lease.source()))
                    + "?if_seq_no=" + current.get().path("_seq_no").asLong()
                    + "&if_primary_term=" + current.get().path("_primary_term").asLong());
            try {
                es.lowLevel().performRequest(req);
                return;
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (status != 404 && status != 409) {
                    throw new StateException("could not release the lease of " + lease.source() + ": HTTP " + status, e);
                }
                // 409: renewed between our read and the delete; read again.
            } catch (IOException e) {
                throw new StateException("could not release the lease of " + lease.source() + ": " + e.getMessage(), e);
            }
        }
    }

    private Lease write(String source, String holder, Instant acquired, Instant expires, String condition) {
        ObjectNode doc = json.createObjectNode();
        doc.put("kind", "lease").put("source", source).put("updated_at", clock.instant().toString());
        doc.putObject("lease").put("holder", holder).put("acquired_at", acquired.toString())
                .put("expires_at", expires.toString());
        try {
            JsonNode r = put(leaseId(source), doc, condition);
            return new Lease(source, holder, acquired, expires, r.path("_seq_no").asLong(), r.path("_primary_term").asLong());
        } catch (StateException e) {
            if (e.getCause() instanceof ResponseException re && re.getResponse().getStatusLine().getStatusCode() == 409) {
                Lease now = lease(source).orElse(new Lease(source, "another harvester", acquired, expires, 0, 0));
                throw new LeaseHeldException(source, now.holder(), now.acquiredAt(), now.expiresAt());
            }
            throw e;
        }
    }

    private Lease toLease(String source, JsonNode doc) {
        JsonNode l = doc.path("_source").path("lease");
        return new Lease(source, l.path("holder").asText("unknown"), parse(l.path("acquired_at").asText(null)),
                parse(l.path("expires_at").asText(null)), doc.path("_seq_no").asLong(), doc.path("_primary_term").asLong());
    }

    private static Instant parse(String s) {
        try {
            return s == null ? Instant.EPOCH : Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH; // an unreadable time counts as long expired
        }
    }

    private Optional<JsonNode> get(String id) {
        Request req = new Request("GET", "/" + index + "/_doc/" + enc(id));
        try {
            Response r = es.lowLevel().performRequest(req);
            return Optional.of(json.readTree(r.getEntity().getContent()));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            throw new StateException("could not read " + id + " from " + index + ": HTTP "
                    + e.getResponse().getStatusLine().getStatusCode() + " (has setup been run?)", e);
        } catch (IOException e) {
            throw new StateException("could not read " + id + " from " + index + " at " + es.url() + ": " + e.getMessage(), e);
        }
    }

    private JsonNode put(String id, JsonNode doc, String query) {
        Request req = new Request("PUT", "/" + index + "/_doc/" + enc(id) + query);
        req.setEntity(new NStringEntity(doc.toString(), ContentType.APPLICATION_JSON));
        try {
            Response r = es.lowLevel().performRequest(req);
            return json.readTree(r.getEntity().getContent());
        } catch (IOException e) {
            throw new StateException("could not write " + id + " to " + index + " at " + es.url() + ": " + e.getMessage(), e);
        }
    }

    private static String enc(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
