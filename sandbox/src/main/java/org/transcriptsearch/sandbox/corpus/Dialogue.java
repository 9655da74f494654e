package org.transcriptsearch.sandbox.corpus;

import java.util.List;

/**
 * A generated conversation with its words: what every vendor renders into its own records. {@code personal}
 * is the personal data its customer typed (see {@link PersonalData}), usually none.
 */
public record Dialogue(int ordinal, Language language, Phrasebook.Topic topic, String customerName, List<Turn> turns,
                       List<PersonalData.Planted> personal) {
    public Turn last() {
        return turns.get(turns.size() - 1);
    }

    public long startMs() {
        return turns.get(0).atMs();
    }

    public long lastMs() {
        return last().atMs();
    }

    public boolean handedOver() {
        return turns.stream().anyMatch(t -> t.move() == Move.BOT_HANDOVER);
    }
}
