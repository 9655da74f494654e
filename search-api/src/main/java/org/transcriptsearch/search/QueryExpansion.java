package org.transcriptsearch.search;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.json.JsonpUtils;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.transcriptsearch.text.MultilingualQuery;
import org.transcriptsearch.text.MultilingualQuery.Match;
import org.transcriptsearch.text.SearchTerms;
import org.transcriptsearch.text.Thesaurus;

/**
 * Reads the {@code q} of a request into {@link SearchTerms} with the synonyms in use now, and turns them
 * into Elasticsearch's JSON: the query, the "holds every term" filter that counts the first set, and
 * the {@code expansion} a response shows (what each term also searched).
 */
final class QueryExpansion {
    private final SynonymFiles synonyms;
    private final JsonpMapper mapper;

    QueryExpansion(SynonymFiles synonyms, JsonpMapper mapper) {
        this.synonyms = synonyms;
        this.mapper = mapper;
    }

    SearchTerms read(String q, boolean expand) {
        return read(q, expand, null);
    }

    /** {@code hint}: the language of the best hits, which decides for a query in Chinese characters alone. */
    SearchTerms read(String q, boolean expand, String hint) {
        Thesaurus thesaurus = expand ? synonyms.current().forQuery(q, hint) : Thesaurus.EMPTY;
        return SearchTerms.read(q, thesaurus, expand, hint);
    }

    JsonObject query(SearchTerms terms, Match match) {
        return json(MultilingualQuery.forTerms(terms, match));
    }

    /** Messages holding any of the terms in any of their forms (a conversation's best messages). */
    JsonObject anyTerm(SearchTerms terms) {
        return json(MultilingualQuery.anyTerm(terms));
    }

    JsonObject allTerms(SearchTerms terms) {
        return json(MultilingualQuery.allTerms(terms));
    }

    /** Whether some messages may hold fewer than all the terms, so that the two sets differ. */
    static boolean relaxed(SearchTerms terms, Match match) {
        int n = MultilingualQuery.requiredTerms(terms);
        return match == Match.MOST && MultilingualQuery.required(n) < n;
    }

    /**
     * {@code {"terms":[{"text","synonyms","typos","optional"}], "excluded":[...], "required": N}}: each term
     * as typed, what else it searched, whether misspellings of it were searched, whether a message may lack
     * it, and how many of the other terms a message holds at least.
     */
    static JsonObject describe(SearchTerms terms, Match match) {
        JsonArray list = new JsonArray();
        for (SearchTerms.Term t : terms.terms()) {
            list.add(new JsonObject().put("text", t.text()).put("synonyms", new JsonArray(t.synonyms()))
                    .put("typos", t.typos()).put("optional", t.optional()));
        }
        int n = MultilingualQuery.requiredTerms(terms);
        return new JsonObject().put("terms", list).put("excluded", new JsonArray(terms.excluded()))
                .put("required", match == Match.ALL ? n : MultilingualQuery.required(n));
    }

    private JsonObject json(Query query) {
        return new JsonObject(JsonpUtils.toJsonString(query, mapper));
    }
}
