package org.transcriptsearch.sandbox.http;

import org.transcriptsearch.sandbox.Fault;

/** The fault queued for this call, for the page computation to claim when it applies to it. */
public interface PageFaults {
    /** Claims the queued fault if it is of this kind; true when the page must now misbehave that way. */
    boolean claim(Fault.Kind kind);

    /** True when no fault is queued for this call (a page may then come from prerendered records). */
    default boolean quiet() {
        return false;
    }
}
