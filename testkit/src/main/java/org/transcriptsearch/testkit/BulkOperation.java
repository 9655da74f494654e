package org.transcriptsearch.testkit;

/**
 * One operation of a {@code _bulk} request as it crossed the {@link FaultProxy}: what a test's predicate
 * looks at to choose which operations fail.
 *
 * @param position where it stands in its request, from 0
 * @param type     {@code index}, {@code create}, {@code update} or {@code delete}
 * @param index    its {@code _index}, or the index named in the request path when the action line has none
 * @param id       its {@code _id}; empty when Elasticsearch is to generate one
 * @param action   the action line, as sent
 * @param source   the source line, as sent; empty for {@code delete}, which has none
 */
public record BulkOperation(int position, String type, String index, String id, String action, String source) {

    /** Whether a source line follows the action line ({@code delete} alone has none). */
    public boolean hasSource() {
        return !type.equals("delete");
    }
}
