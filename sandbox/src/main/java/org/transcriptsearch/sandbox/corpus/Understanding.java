package org.transcriptsearch.sandbox.corpus;

import java.util.List;

/** What the bot's NLU made of a customer message (only CXone exposes it). */
public record Understanding(String intent, double confidence, List<RankedIntent> ranking, List<Entity> entities) {
    public static final String FALLBACK_INTENT = "nlu_fallback";

    public boolean fallback() {
        return FALLBACK_INTENT.equals(intent);
    }

    public record RankedIntent(String name, double confidence) {
    }

    /** An entity found in the text; start and end count code points, as Rasa (Python) does. */
    public record Entity(String entity, int start, int end, String value, String extractor) {
    }
}
