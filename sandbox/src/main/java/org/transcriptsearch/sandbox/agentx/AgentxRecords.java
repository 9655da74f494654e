package org.transcriptsearch.sandbox.agentx;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.transcriptsearch.sandbox.corpus.Dialogue;
import org.transcriptsearch.sandbox.corpus.Move;
import org.transcriptsearch.sandbox.corpus.StableIds;
import org.transcriptsearch.sandbox.corpus.Turn;
import org.transcriptsearch.sandbox.http.JsonWire;

/**
 * Renders generated conversations and messages as AgentX Support export records, shaped like the
 * vendor's sample: {@code startTime} in whole seconds, {@code lastActionAt} ISO with microseconds and no
 * zone (UTC), bot messages with fractional {@code time} and {@code outMsg.steps}, user messages with whole
 * seconds and {@code userInput}.
 */
final class AgentxRecords {
    static final DateTimeFormatter ZONELESS_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final long FLAGS = StableIds.tag("agentx-flags");
    private static final List<String> SCREENS = List.of("1728x1117", "1920x1080", "390x844", "1440x900", "412x915");

    private final long seed;
    private final AgentxIds ids;

    AgentxRecords(long seed, AgentxIds ids) {
        this.seed = seed;
        this.ids = ids;
    }

    ObjectNode conversation(Dialogue dialogue) {
        int ordinal = dialogue.ordinal();
        long flags = StableIds.mix(seed, FLAGS, ordinal);
        List<Turn> turns = dialogue.turns();
        ObjectNode c = JsonWire.MAPPER.createObjectNode();
        c.put("_id", ids.conversationId(ordinal));
        c.put("startTime", Math.floorDiv(dialogue.startMs(), 1000L));
        c.put("locale", dialogue.language().locale());
        ObjectNode metadata = c.putObject("metadata");
        metadata.put("locale", dialogue.language().locale());
        metadata.put("browser_visitorType", Math.floorMod(flags, 3L) == 0 ? "repeat" : "new");
        metadata.put("browser_screenResolution", SCREENS.get((int) Math.floorMod(flags >>> 8, (long) SCREENS.size())));
        metadata.put("browser_localTime", dialogue.startMs() + 30_000 + Math.floorMod(flags >>> 16, 5_000L));
        metadata.put("draft", false);
        turns.stream().filter(Turn::fromUser).findFirst().ifPresent(t -> metadata.put("question", t.text()));
        metadata.put("transcript", turns.stream()
                .map(t -> (t.fromUser() ? "User:\t" : "Bot:\t") + String.join(" ", t.parts()))
                .collect(Collectors.joining("\n")));
        metadata.put("guideNodeCount", (int) turns.stream().filter(t -> !t.fromUser()).count());
        ArrayNode tags = c.putArray("tags");
        if (turns.get(0).move() == Move.BOT_MENU) {
            tags.add("guideInteraction");
        }
        if (turns.stream().anyMatch(t -> t.move() == Move.BOT_ANSWER)) {
            tags.add("informed");
        }
        if (dialogue.handedOver()) {
            tags.add("liveChat");
        } else if (dialogue.last().move() == Move.BOT_GOODBYE) {
            tags.add("resolved");
        }
        c.put("userMessageCount", (int) turns.stream().filter(Turn::fromUser).count());
        c.put("lastActionAt", lastActionAt(dialogue.lastMs(), flags));
        return c;
    }

    ObjectNode message(Dialogue dialogue, Turn turn) {
        int ordinal = dialogue.ordinal();
        ObjectNode m = JsonWire.MAPPER.createObjectNode();
        m.put("_id", ids.messageId(ordinal, turn.index(), turn.move()).orElseThrow());
        if (turn.fromUser()) {
            m.put("time", Math.floorDiv(turn.atMs(), 1000L));
            m.put("type", "UserInput");
            m.put("userInput", turn.text());
            boolean clicked = turn.index() > 0 && !dialogue.turns().get(turn.index() - 1).options().isEmpty()
                    && (turn.move() == Move.USER_YES || turn.move() == Move.USER_NO);
            m.put("userActionType", clicked ? "option" : "text");
        } else {
            m.put("time", JsonWire.seconds(turn.atMs() * 1000, 3));
            m.put("type", turn.options().isEmpty() ? "BotMessage" : "Question");
            ObjectNode out = m.putObject("outMsg");
            ArrayNode steps = out.putArray("steps");
            turn.parts().forEach(part -> steps.addObject().put("text", part));
            if (!turn.options().isEmpty()) {
                ArrayNode options = out.putArray("options");
                turn.options().forEach(o -> options.addObject().put("txt", o.title()));
            }
        }
        m.put("conversationId", ids.conversationId(ordinal));
        return m;
    }

    /** Microsecond precision as the vendor prints it; the sub-millisecond digits are stable noise. */
    private static String lastActionAt(long ms, long flags) {
        LocalDateTime at = LocalDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC)
                .plusNanos(Math.floorMod(flags >>> 24, 1000L) * 1000L);
        return ZONELESS_MICROS.format(at);
    }
}
