package org.transcriptsearch.indexer.state;

import java.time.Instant;

/**
 * A held lease on one source, with the document version needed to renew or release it safely, and its
 * epoch: one more than the previous holder's, written into every checkpoint of the source when the lease
 * is taken, so a checkpoint write by an earlier holder is refused (the fence).
 */
public record Lease(String source, String holder, Instant acquiredAt, Instant expiresAt, long seqNo, long primaryTerm,
                    long epoch) {
}
