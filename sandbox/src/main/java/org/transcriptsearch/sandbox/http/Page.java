package org.transcriptsearch.sandbox.http;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.transcriptsearch.sandbox.corpus.Corpus;

/**
 * One answer page as computed, before faults bend it.
 *
 * @param records        the page's record array inside {@code body} (for the record faults)
 * @param recordFaults   how the malformed-record and future-record faults bend one of its records
 * @param generatedRefs  the generated conversations the page shows (for the grow-between-calls fault)
 */
public record Page(ObjectNode body, ArrayNode records, RecordFaults recordFaults,
                   ObjectWriter writer, Corpus corpus, List<Integer> generatedRefs) {
}
