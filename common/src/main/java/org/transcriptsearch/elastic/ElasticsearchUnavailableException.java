package org.transcriptsearch.elastic;

/** Elasticsearch cannot be reached or refused us; the message names the URL and what to check. */
public final class ElasticsearchUnavailableException extends RuntimeException {
    public ElasticsearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
