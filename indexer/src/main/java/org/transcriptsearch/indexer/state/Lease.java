package org.transcriptsearch.indexer.state;

import java.time.Instant;

/** A held lease on one source, with the document version needed to renew or release it safely. */
public record Lease(String source, String holder, Instant acquiredAt, Instant expiresAt, long seqNo, long primaryTerm) {
}
