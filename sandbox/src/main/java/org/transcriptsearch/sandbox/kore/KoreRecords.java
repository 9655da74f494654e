package org.transcriptsearch.sandbox.kore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.transcriptsearch.sandbox.corpus.Dialogue;
import org.transcriptsearch.sandbox.corpus.StableIds;
import org.transcriptsearch.sandbox.corpus.Turn;
import org.transcriptsearch.sandbox.http.JsonWire;

/**
 * Renders generated messages as Kore conversation-history messages, shaped like the vendor's two
 * samples: outgoing (bot) ones with {@code chnl}, {@code isBB: 1} and {@code resourceid}, incoming (user)
 * ones with {@code channel}, {@code lmodifiedBy} and {@code isBB: 0}; {@code lmodifiedOn} 3 ms before
 * {@code createdOn}. Kore gives no intent per message, so none is rendered.
 */
final class KoreRecords {
    private static final long CHANNEL = StableIds.tag("kore-channel");
    private static final long FLAGS = StableIds.tag("kore-flags");
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final long seed;
    private final KoreIds ids;
    private final String botId;
    private final String orgId;
    private final String accountId;

    KoreRecords(long seed, KoreIds ids, String botId) {
        this.seed = seed;
        this.ids = ids;
        this.botId = botId;
        this.orgId = "o-" + StableIds.uuid(StableIds.mix(seed, StableIds.tag("kore-org")));
        this.accountId = StableIds.hex(StableIds.mix(seed, StableIds.tag("kore-account")), 24);
    }

    /** Most sessions come through the web SDK (rtm); some through Teams and Slack. */
    String channel(int ordinal) {
        int pick = (int) Math.floorMod(StableIds.mix(seed, CHANNEL, ordinal), 100L);
        return pick < 80 ? "rtm" : pick < 92 ? "msteams" : "slack";
    }

    String userId(int ordinal) {
        return ids.userId(ids.userIndex(ordinal));
    }

    ObjectNode message(Dialogue dialogue, Turn turn) {
        int ordinal = dialogue.ordinal();
        String channel = channel(ordinal);
        String user = userId(ordinal);
        long flags = StableIds.mix(seed, FLAGS, ordinal, turn.index());
        ObjectNode m = JsonWire.MAPPER.createObjectNode();
        m.put("_id", ids.messageId(ordinal, turn.index(), turn.move()).orElseThrow());
        boolean incoming = turn.fromUser();
        m.put("type", incoming ? "incoming" : "outgoing");
        m.put("status", incoming ? (Math.floorMod(flags, 4L) == 0 ? "sent to cs" : "received")
                : (Math.floorMod(flags, 5L) == 0 ? "pending" : "sent"));
        m.put("createdBy", user);
        if (incoming) {
            m.put("lmodifiedBy", user);
        }
        m.put("lmodifiedOn", iso(turn.atMs() - 3));
        m.putArray("channels").addObject().put("type", channel);
        ArrayNode components = m.putArray("components");
        ObjectNode component = components.addObject();
        component.put("_id", ids.componentId(ordinal, turn.index()));
        component.put("cT", "text");
        component.putObject("data").put("text", turn.text());
        component.putArray("thumbnails");
        m.put("botId", botId);
        m.put("orgId", orgId);
        m.put("accountId", accountId);
        m.put("isBB", incoming ? 0 : 1);
        m.put("ms", 1);
        m.put(incoming ? "channel" : "chnl", channel);
        m.put("createdOn", iso(turn.atMs()));
        m.put("timestampValue", turn.atMs());
        m.put("__v", 0);
        if (!incoming) {
            m.put("resourceid", "messagestore");
        }
        m.put("sessionId", ids.conversationId(ordinal));
        m.put("lang", dialogue.language().code());
        ObjectNode tags = m.putObject("tags");
        tags.putArray("messageTags");
        ArrayNode userTags = tags.putArray("userTags");
        if (Math.floorMod(StableIds.mix(seed, FLAGS, ordinal), 3L) == 0) {
            userTags.addObject().put("value", List.of("gold", "silver", "bronze")
                    .get((int) Math.floorMod(ordinal, 3L))).put("name", "customerTier");
        }
        tags.putArray("sessionTags").addObject().put("value", dialogue.language().code()).put("name", "language");
        return m;
    }

    static String iso(long ms) {
        return ISO_MILLIS.format(Instant.ofEpochMilli(ms));
    }
}
