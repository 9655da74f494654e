package org.transcriptsearch.sandbox.http;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.transcriptsearch.sandbox.corpus.Corpus;

/**
 * One answer page as computed, before faults bend it.
 *
 * @param records        the page's record array inside {@code body} (for the malformed-record fault)
 * @param breakRecord    damages one record in place (its id removed, a field of the wrong type) and
 *                       returns the id it had
 * @param generatedRefs  the generated conversations the page shows (for the grow-between-calls fault)
 */
public record Page(ObjectNode body, ArrayNode records, Function<ObjectNode, String> breakRecord,
                   ObjectWriter writer, Corpus corpus, List<Integer> generatedRefs) {
}
