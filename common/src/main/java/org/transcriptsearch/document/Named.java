package org.transcriptsearch.document;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An {@code {id, name}} pair such as {@code bot} or {@code channel}; {@link #of} gives null when both are absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Named(String id, String name) {
    public Named {
        id = Absent.text(id);
        name = Absent.text(name);
    }

    public static Named of(String id, String name) {
        Named n = new Named(id, name);
        return n.id() == null && n.name() == null ? null : n;
    }
}
