package org.transcriptsearch.search;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one API key may read: every source, or only the named ones. It is applied to every search the
 * API sends to Elasticsearch on the key's behalf, as a filter around the whole query, so hits, totals,
 * facets, the histogram (and the time span that sizes it), intent statistics and conversations all
 * see only those sources. Another source's conversation is then exactly as missing as one that does
 * not exist, and a {@code source=} filter naming another source finds nothing.
 *
 * @param sources the readable sources; null = every source
 */
record SourceScope(Set<String> sources) {
    static final SourceScope ALL = new SourceScope(null);
    /** For a request let through without a key (a CORS preflight), should it ever reach Elasticsearch. */
    static final SourceScope NOTHING = new SourceScope(Set.of());

    SourceScope {
        sources = sources == null ? null : Set.copyOf(sources);
    }

    boolean everything() {
        return sources == null;
    }

    /**
     * The same search or count with the whole query (and so every aggregation) limited to this scope.
     * Only {@code _search} and {@code _count} carry a query; anything else would escape the scope.
     */
    ElasticsearchCall restrict(ElasticsearchCall call) {
        if (everything()) {
            return call;
        }
        if (!call.path().endsWith("/_search") && !call.path().endsWith("/_count")) {
            throw new IllegalArgumentException("a scoped key reads through _search and _count only, not "
                    + call.method() + " " + call.path());
        }
        JsonObject body = call.body() == null ? new JsonObject() : call.body().copy();
        JsonObject bool = new JsonObject().put("filter", new JsonArray()
                .add(MessageFilters.terms("source", List.copyOf(new TreeSet<>(sources)))));
        JsonObject query = body.getJsonObject("query");
        if (query != null) {
            // A filter beside the original query in "must" leaves every score as it was.
            bool.put("must", new JsonArray().add(query));
        }
        body.put("query", new JsonObject().put("bool", bool));
        return new ElasticsearchCall(call.method(), call.path(), body);
    }

    @Override
    public String toString() {
        return everything() ? "every source" : String.join("+", new TreeSet<>(sources));
    }
}
