package org.transcriptsearch.indexer.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The state index as Elasticsearch keeps it, in memory: a sequence number per write, conditional writes. */
final class InMemoryStateDocuments implements StateDocuments {
    private final Map<String, Versioned> docs = new HashMap<>();
    private long seqNo;

    @Override
    public synchronized Optional<Versioned> get(String id) {
        return Optional.ofNullable(docs.get(id)).map(v -> new Versioned(v.source().deepCopy(), v.seqNo(), v.primaryTerm()));
    }

    @Override
    public synchronized Versioned put(String id, ObjectNode doc, Condition condition) {
        Versioned current = docs.get(id);
        boolean holds = condition instanceof Condition.At at
                ? current != null && current.seqNo() == at.seqNo() && current.primaryTerm() == at.primaryTerm()
                : current == null;
        if (!holds) {
            throw new Conflict(id);
        }
        Versioned v = new Versioned(doc.deepCopy(), seqNo++, 1);
        docs.put(id, v);
        return v;
    }
}
