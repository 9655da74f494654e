package org.transcriptsearch.sandbox.http;

/** Computes one page of an endpoint; runs on a worker thread and throws {@link ApiException} for bad requests. */
@FunctionalInterface
public interface PageSource {
    Page page(ApiRequest request, PageFaults faults);
}
