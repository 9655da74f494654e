package org.transcriptsearch.sandbox.http;

import java.util.OptionalInt;

/** A vendor's rate limit on one endpoint. */
public interface RateLimit {
    /** Takes one call; empty when allowed, else the whole seconds to wait (for {@code Retry-After}). */
    OptionalInt acquire();

    RateLimit NONE = OptionalInt::empty;
}
