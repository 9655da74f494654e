package org.transcriptsearch.elastic;

/**
 * The names of everything the product keeps in Elasticsearch, from one configurable prefix.
 * Each kind has an alias ({@code transcripts-messages}) pointing at a versioned index
 * ({@code transcripts-messages-v1}, {@code -v2} ...).
 */
public record IndexNames(String prefix) {
    public enum Kind {
        MESSAGES("messages"), CONVERSATIONS("conversations"), STATE("state"), RUNS("runs"), DEADLETTER("deadletter");

        public final String suffix;

        Kind(String suffix) {
            this.suffix = suffix;
        }
    }

    public static IndexNames defaults() {
        return new IndexNames("transcripts");
    }

    public String alias(Kind kind) {
        return prefix + "-" + kind.suffix;
    }

    public String messages() {
        return alias(Kind.MESSAGES);
    }

    public String conversations() {
        return alias(Kind.CONVERSATIONS);
    }

    public String state() {
        return alias(Kind.STATE);
    }

    public String runs() {
        return alias(Kind.RUNS);
    }

    /** Set-aside records: vendor records that could not be mapped and documents Elasticsearch refused for good. */
    public String deadLetter() {
        return alias(Kind.DEADLETTER);
    }

    public String versioned(Kind kind, int version) {
        return alias(kind) + "-v" + version;
    }

    /** The index template's name; also the name of the mappings/ file it comes from. */
    public String template(Kind kind) {
        return alias(kind);
    }

    public String settingsComponent() {
        return prefix + "-settings";
    }

    /** Version of a versioned index name of this kind, or -1. */
    public int versionOf(Kind kind, String index) {
        String head = alias(kind) + "-v";
        if (index.startsWith(head)) {
            try {
                return Integer.parseInt(index.substring(head.length()));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }
}
