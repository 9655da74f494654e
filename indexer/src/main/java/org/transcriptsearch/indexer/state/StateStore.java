package org.transcriptsearch.indexer.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.indexer.source.Checkpoint;
import org.transcriptsearch.indexer.state.StateDocuments.Condition;
import org.transcriptsearch.indexer.state.StateDocuments.Versioned;

/**
 * Checkpoints ({@code checkpoint:<source>:<stream>}) and leases ({@code lease:<source>}) in the state
 * alias: every write is conditional on the version it read ({@link StateDocuments}), and lease times are
 * in the cluster's time ({@link ClusterClock}), never a harvester's own.
 *
 * <p><b>The fence.</b> Taking a lease raises its {@code epoch} and writes that epoch into every
 * checkpoint of the source, each conditional on the version read. A checkpoint is written only by a
 * holder whose epoch it still carries, again conditional on the version read, so once a new holder has
 * taken the source, a write by the old one either sees the newer epoch or finds the version changed
 * under it: it is refused ({@link LeaseLostException}), however long the old one was suspended. A
 * checkpoint never moves backwards: a write keeps the later of the stored and the new {@code through}.
 * Blocking calls: run them off the event loop.
 */
public final class StateStore {
    private static final int CONFLICT_RETRIES = 5;

    private final StateDocuments docs;
    private final ClusterClock clock;
    private final ObjectMapper json = new ObjectMapper();

    public StateStore(StateDocuments docs, ClusterClock clock) {
        this.docs = docs;
        this.clock = clock;
    }

    /** The state alias of {@code names}, timed by that cluster's clock. */
    public static StateStore of(ElasticsearchConnection es, IndexNames names) {
        return new StateStore(new ElasticsearchStateDocuments(es, names.state()), ClusterClock.of(es));
    }

    public static String checkpointId(String source, String stream) {
        return "checkpoint:" + source + ":" + stream;
    }

    public static String leaseId(String source) {
        return "lease:" + source;
    }

    /** The cluster's time. */
    public Instant now() {
        return clock.now();
    }

    public Checkpoint checkpoint(String source, String stream) {
        return docs.get(checkpointId(source, stream)).map(v -> checkpointOf(v.source())).orElse(Checkpoint.empty());
    }

    public Map<String, Checkpoint> checkpoints(String source, List<String> streams) {
        Map<String, Checkpoint> out = new LinkedHashMap<>();
        streams.forEach(s -> out.put(s, checkpoint(source, s)));
        return out;
    }

    /** The lease as stored, whether or not it has expired. */
    public Optional<Lease> lease(String source) {
        return docs.get(leaseId(source)).map(v -> toLease(source, v));
    }

    /**
     * Takes the source's lease for {@code ttl} with the next epoch, then fences every one of its
     * {@code streams}' checkpoints with that epoch. Throws {@link LeaseHeldException} naming the holder
     * while another's lease lives.
     */
    public Lease acquire(String source, String holder, Duration ttl, List<String> streams) {
        Optional<Versioned> current = docs.get(leaseId(source));
        Instant now = clock.now();
        long epoch = 1;
        if (current.isPresent()) {
            Lease l = toLease(source, current.get());
            if (l.expiresAt().isAfter(now) && !l.holder().equals(holder)) {
                throw new LeaseHeldException(source, l.holder(), l.acquiredAt(), l.expiresAt());
            }
            epoch = l.epoch() + 1;
        }
        Lease lease;
        try {
            lease = write(source, holder, now, now.plus(ttl), epoch, Condition.of(current));
        } catch (StateDocuments.Conflict c) {
            Lease other = lease(source).orElseThrow(() -> new LeaseHeldException(source, "another harvester", now, now));
            throw new LeaseHeldException(source, other.holder(), other.acquiredAt(), other.expiresAt());
        }
        for (String stream : streams) {
            fence(lease, stream);
        }
        return lease;
    }

    /** Extends a held lease; throws {@link LeaseLostException} if anyone else wrote it meanwhile. */
    public Lease renew(Lease lease, Duration ttl) {
        Instant now = clock.now();
        try {
            return write(lease.source(), lease.holder(), lease.acquiredAt(), now.plus(ttl), lease.epoch(),
                    new Condition.At(lease.seqNo(), lease.primaryTerm()));
        } catch (StateDocuments.Conflict c) {
            throw lost(lease, "taken by " + lease(lease.source()).map(l -> l.holder() + " at " + l.acquiredAt()).orElse("someone else"));
        }
    }

    /**
     * Stores {@code checkpoint} for {@code stream} under {@code lease}: refused with {@link LeaseLostException}
     * once the source has a newer holder; {@code through} never moves backwards.
     */
    public void saveCheckpoint(Lease lease, String stream, Checkpoint checkpoint) {
        String id = checkpointId(lease.source(), stream);
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Optional<Versioned> stored = docs.get(id);
            long epoch = stored.map(v -> v.source().path("epoch").asLong(0)).orElse(0L);
            if (epoch != lease.epoch()) {
                throw lost(lease, epoch > lease.epoch() ? "a newer holder (epoch " + epoch + ") has the source"
                        : "its checkpoint " + stream + " was never fenced by this lease");
            }
            Checkpoint before = stored.map(v -> checkpointOf(v.source())).orElse(Checkpoint.empty());
            Checkpoint after = before.advancedTo(checkpoint);
            if (stored.isPresent() && after.equals(before)) {
                return;
            }
            try {
                docs.put(id, checkpointDoc(lease.source(), stream, after, lease.epoch()), Condition.of(stored));
                return;
            } catch (StateDocuments.Conflict c) {
                // written under us: read again; a newer epoch there means we lost the source
            }
        }
        throw lost(lease, "its checkpoint " + stream + " kept changing under it");
    }

    /**
     * Gives the lease back if it is still ours (same holder and epoch), whatever version we last saw (a
     * renewal that finished meanwhile must not leave the lease behind to block the next run). The document
     * stays, expired, so the next holder's epoch follows this one's: the fence depends on epochs only ever
     * growing.
     */
    public void release(Lease lease) {
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Optional<Versioned> current = docs.get(leaseId(lease.source()));
            if (current.isEmpty()) {
                return;
            }
            Lease stored = toLease(lease.source(), current.get());
            if (!stored.holder().equals(lease.holder()) || stored.epoch() != lease.epoch()) {
                return; // taken by another harvester: nothing of ours to give back
            }
            try {
                Instant now = clock.now();
                write(lease.source(), lease.holder(), stored.acquiredAt(), now, lease.epoch(),
                        new Condition.At(current.get().seqNo(), current.get().primaryTerm()));
                return;
            } catch (StateDocuments.Conflict c) {
                // renewed between our read and this write: read again
            }
        }
    }

    /** Writes the lease's epoch into the stream's checkpoint, keeping its values; refuses a newer epoch. */
    private void fence(Lease lease, String stream) {
        String id = checkpointId(lease.source(), stream);
        for (int attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
            Optional<Versioned> stored = docs.get(id);
            long epoch = stored.map(v -> v.source().path("epoch").asLong(0)).orElse(0L);
            if (epoch > lease.epoch()) {
                throw lost(lease, "a newer holder (epoch " + epoch + ") took the source while it was being taken");
            }
            Checkpoint values = stored.map(v -> checkpointOf(v.source())).orElse(Checkpoint.empty());
            try {
                docs.put(id, checkpointDoc(lease.source(), stream, values, lease.epoch()), Condition.of(stored));
                return;
            } catch (StateDocuments.Conflict c) {
                // the old holder wrote meanwhile: read again and fence that
            }
        }
        throw lost(lease, "its checkpoint " + stream + " kept changing while the lease was taken");
    }

    private LeaseLostException lost(Lease lease, String what) {
        return new LeaseLostException("the lease of source " + lease.source() + " (epoch " + lease.epoch() + ") is lost: "
                + what + "; this harvester stopped writing it");
    }

    private ObjectNode checkpointDoc(String source, String stream, Checkpoint checkpoint, long epoch) {
        ObjectNode doc = json.createObjectNode();
        doc.put("kind", "checkpoint").put("source", source).put("stream", stream).put("epoch", epoch)
                .put("updated_at", Instant.now().toString()); // for people reading it: the local time will do
        ObjectNode values = doc.putObject("checkpoint");
        checkpoint.values().forEach(values::put);
        return doc;
    }

    @SuppressWarnings("unchecked")
    private Checkpoint checkpointOf(JsonNode doc) {
        return Checkpoint.load(json.convertValue(doc.path("checkpoint"), Map.class));
    }

    private Lease write(String source, String holder, Instant acquired, Instant expires, long epoch, Condition condition) {
        ObjectNode doc = json.createObjectNode();
        doc.put("kind", "lease").put("source", source).put("updated_at", Instant.now().toString());
        doc.putObject("lease").put("holder", holder).put("acquired_at", acquired.toString())
                .put("expires_at", expires.toString()).put("epoch", epoch);
        Versioned v = docs.put(leaseId(source), doc, condition);
        return new Lease(source, holder, acquired, expires, v.seqNo(), v.primaryTerm(), epoch);
    }

    private static Lease toLease(String source, Versioned v) {
        JsonNode l = v.source().path("lease");
        return new Lease(source, l.path("holder").asText("unknown"), parse(l.path("acquired_at").asText(null)),
                parse(l.path("expires_at").asText(null)), v.seqNo(), v.primaryTerm(), l.path("epoch").asLong(0));
    }

    private static Instant parse(String s) {
        try {
            return s == null ? Instant.EPOCH : Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH; // an unreadable time counts as long expired
        }
    }
}
