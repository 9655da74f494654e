package org.transcriptsearch.indexer.source;

/**
 * What {@link VendorHttp} reports of every try of a vendor call, for the harvester's metrics: the status
 * it got and how long it took, and each retry. {@code endpoint} is the call's rate-limit bucket
 * ({@link VendorCall#endpoint()}), a name the connector chose; never a URL.
 */
public interface VendorCallMeter {
    /** Reports nothing: for commands that serve no metrics. */
    VendorCallMeter NONE = new VendorCallMeter() {
        @Override
        public void tried(String endpoint, int status, long nanos) {
        }

        @Override
        public void retried(String endpoint, int status) {
        }
    };

    /** A try ended: {@code status} is the HTTP status of the answer, 0 when none came (timeout, refused or cut connection). */
    void tried(String endpoint, int status, long nanos);

    /** A failed try is tried again; {@code status} of the failed try as above (0 also for an unreadable answer). */
    void retried(String endpoint, int status);
}
