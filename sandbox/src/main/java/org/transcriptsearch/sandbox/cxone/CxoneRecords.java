package org.transcriptsearch.sandbox.cxone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.transcriptsearch.sandbox.corpus.Dialogue;
import org.transcriptsearch.sandbox.corpus.Move;
import org.transcriptsearch.sandbox.corpus.Option;
import org.transcriptsearch.sandbox.corpus.StableIds;
import org.transcriptsearch.sandbox.corpus.Turn;
import org.transcriptsearch.sandbox.corpus.Understanding;
import org.transcriptsearch.sandbox.http.JsonWire;

/**
 * Renders a generated conversation as a CXone Bot Builder conversation record, field for field like the
 * vendor's sample: the summary fields, then {@code tracker.events} as Rasa writes them (session start,
 * listen, slot, user with parse_data, user_featurization, the bot's action and bot event).
 */
final class CxoneRecords {
    private static final long CHANNEL = StableIds.tag("cxone-channel");
    private static final long FLAGS = StableIds.tag("cxone-flags");
    private static final long MODEL = StableIds.tag("cxone-model");
    private static final long DAYS_PER_MODEL = 5L * 24 * 3600 * 1000;

    record Channel(String id, String name, String icon, boolean digitalFirst) {
    }

    private final long seed;
    private final CxoneIds ids;
    private final int botNumber;
    private final int treeId;
    private final List<Channel> channels;

    CxoneRecords(long seed, CxoneIds ids) {
        this.seed = seed;
        this.ids = ids;
        this.botNumber = 1000 + (int) Math.floorMod(StableIds.mix(seed, StableIds.tag("cxone-bot")), 9000L);
        this.treeId = 20000 + (int) Math.floorMod(StableIds.mix(seed, StableIds.tag("cxone-tree")), 10000L);
        this.channels = List.of(
                new Channel("", "Talk to your bot", "", false),
                new Channel("chat_" + StableIds.hex(StableIds.mix(seed, CHANNEL, 1), 12), "Website chat", "chat", true),
                new Channel("whatsapp_" + StableIds.hex(StableIds.mix(seed, CHANNEL, 2), 12), "WhatsApp", "whatsapp", true),
                new Channel("messenger_" + StableIds.hex(StableIds.mix(seed, CHANNEL, 3), 12), "Facebook Messenger",
                        "messenger", true));
    }

    Channel channel(int ordinal) {
        int pick = (int) Math.floorMod(StableIds.mix(seed, CHANNEL, ordinal), 10L);
        return channels.get(pick < 3 ? 0 : pick < 7 ? 1 : pick < 9 ? 2 : 3);
    }

    ObjectNode conversation(Dialogue dialogue) {
        int ordinal = dialogue.ordinal();
        String id = ids.conversationId(ordinal);
        Channel channel = channel(ordinal);
        long flags = StableIds.mix(seed, FLAGS, ordinal);
        ObjectNode record = JsonWire.MAPPER.createObjectNode();
        record.put("timestamp", dialogue.startMs() - 110);
        record.put("conversationId", id);
        ObjectNode customer = record.putObject("customer");
        customer.put("id", channel.digitalFirst() ? String.valueOf(100_000 + Math.floorMod(flags, 900_000L))
                : dialogue.customerName());
        customer.put("name", dialogue.customerName());
        ObjectNode ch = record.putObject("channel");
        ch.put("id", channel.id());
        ch.put("name", channel.name());
        ch.put("icon", channel.icon());
        record.put("isReviewed", Math.floorMod(flags >>> 20, 5L) == 0);
        ObjectNode dfo = record.putObject("dfo");
        dfo.put("caseId", channel.digitalFirst() ? String.valueOf(1_000_000 + Math.floorMod(flags >>> 8, 9_000_000L)) : "");
        dfo.put("postId", channel.digitalFirst() ? StableIds.uuid(flags) : "");
        record.put("conversationNumber", 100 + ordinal);
        ArrayNode tags = record.putArray("tags");
        if (dialogue.handedOver()) {
            tags.add("handover");
        }
        record.put("notes", "");
        int users = (int) dialogue.turns().stream().filter(Turn::fromUser).count();
        record.put("msgCount", dialogue.turns().size());
        record.put("customerMsgCount", users);
        record.put("botMsgCount", dialogue.turns().size() - users);
        ObjectNode tracker = record.putObject("tracker");
        tracker.put("name", botNumber + "-" + id);
        long lastMicros = events(tracker.putArray("events"), dialogue, modelId(dialogue.startMs()));
        record.put("lastMessageAt", Math.round(lastMicros / 1000.0));
        List<String> journey = journey(dialogue);
        record.put("journey", String.join("->", journey));
        ArrayNode transitions = record.putArray("transitions");
        for (int i = 1; i < journey.size(); i++) {
            transitions.addObject().put("name", journey.get(i - 1) + "->" + journey.get(i));
        }
        return record;
    }

    /** Writes the events and returns the last one's time in microseconds. */
    private long events(ArrayNode events, Dialogue dialogue, String model) {
        long session = (dialogue.startMs() - 20) * 1000;
        action(events, model, "action_session_start", "session_start", 1, null, false, session);
        ObjectNode started = event(events, model);
        started.put("event", "session_started");
        started.put("timestamp", JsonWire.seconds(session + 40, 5));
        action(events, model, "action_listen", "listen", null, null, false, session + 60);
        long last = session + 60;
        List<Turn> turns = dialogue.turns();
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            long at = turn.atMs() * 1000;
            if (turn.fromUser()) {
                user(events, model, dialogue.ordinal(), turn, at);
                last = at + 46_000;
            } else {
                boolean listenAfter = i == turns.size() - 1 || turns.get(i + 1).fromUser();
                last = bot(events, model, dialogue.ordinal(), turn, at, listenAfter);
            }
        }
        return last;
    }

    private void user(ArrayNode events, String model, int ordinal, Turn turn, long at) {
        String text = turn.text();
        String messageId = ids.messageId(ordinal, turn.index(), turn.move()).orElseThrow();
        slot(events, model, "last customer message", text, JsonWire.MAPPER.getNodeFactory().numberNode(at / 1_000_000));
        Understanding understanding = turn.understanding().orElseThrow();
        ObjectNode user = JsonWire.MAPPER.createObjectNode();
        user.put("input_channel", "rest");
        user.putObject("metadata").put("model_id", model);
        ObjectNode parse = user.putObject("parse_data");
        parse.putArray("metadata");
        ArrayNode entities = parse.putArray("entities");
        for (Understanding.Entity entity : understanding.entities()) {
            ObjectNode e = entities.addObject();
            e.put("entity", entity.entity());
            e.put("start", entity.start());
            e.put("end", entity.end());
            if (entity.extractor().equals("DIETClassifier")) {
                e.put("confidence_entity", 0.97 + 0.02 * ((entity.start() % 7) / 7.0));
            }
            e.put("value", entity.value());
            e.put("extractor", entity.extractor());
        }
        ArrayNode ranking = parse.putArray("intent_ranking");
        for (Understanding.RankedIntent ranked : understanding.ranking()) {
            ranking.addObject().put("confidence", ranked.confidence()).put("name", ranked.name());
        }
        parse.put("message_id", messageId);
        parse.put("text", text);
        ArrayNode tokens = parse.putArray("text_tokens");
        textTokens(text).forEach(span -> tokens.addArray().add(span[0]).add(span[1]));
        parse.putObject("intent").put("confidence", understanding.confidence()).put("name", understanding.intent());
        ObjectNode selector = parse.putObject("response_selector");
        ObjectNode byDefault = selector.putObject("default");
        ObjectNode response = byDefault.putObject("response");
        response.put("confidence", 0);
        response.putNull("responses");
        response.put("utter_action", "utter_None");
        response.putNull("intent_response_key");
        byDefault.putArray("ranking");
        selector.putArray("all_retrieval_intents");
        user.put("message_id", messageId);
        user.put("text", text);
        user.put("event", "user");
        user.put("timestamp", JsonWire.seconds(at, 5));
        events.add(user);
        slot(events, model, "yesOrno", text, JsonWire.MAPPER.getNodeFactory().numberNode(JsonWire.seconds(at + 680, 5)));
        ObjectNode featurization = event(events, model);
        featurization.put("use_text_for_featurization", false);
        featurization.put("event", "user_featurization");
        featurization.put("timestamp", JsonWire.seconds(at + 46_000, 5));
    }

    private long bot(ArrayNode events, String model, int ordinal, Turn turn, long at, boolean listenAfter) {
        String text = turn.text();
        String name;
        String type;
        String policy;
        if (turn.move() == Move.BOT_AFFIRM) {
            name = "action_" + base64("{\"tid\":" + treeId + ",\"type\":\"ask_affirmation\"}");
            type = "ask_affirmation";
            policy = "AugmentedMemoizationPolicy";
        } else if (turn.move() == Move.BOT_HANDOVER) {
            name = "action_" + base64("{\"tid\":" + treeId + ",\"type\":\"handover\"}");
            type = "handover";
            policy = "RulePolicy";
        } else {
            String hash = StableIds.hex(StableIds.mix(seed, StableIds.tag(text)), 40);
            name = "utter_" + base64("{\"hash\":\"" + hash + "\",\"tid\":" + treeId + ",\"type\":\"message\"}");
            type = null;
            policy = "RulePolicy";
        }
        action(events, model, name, type, 1, policy, type == null, at - 70);
        ObjectNode bot = JsonWire.MAPPER.createObjectNode();
        ObjectNode metadata = bot.putObject("metadata");
        metadata.put("model_id", model);
        if (type == null) {
            metadata.put("utter_action", name);
        }
        List<Option> options = turn.options();
        var messageId = ids.messageId(ordinal, turn.index(), turn.move());
        long style = Math.floorMod(StableIds.mix(seed, FLAGS, ordinal, turn.index()), 5L);
        if (messageId.isPresent()) {
            ObjectNode custom = bot.putObject("data").putObject("custom");
            ObjectNode payload = custom.putObject("payload");
            ArrayNode replies = payload.putArray("quick_replies");
            options.forEach(o -> replies.addObject().put("payload", o.payload()).put("title", o.title()));
            payload.put("text", text);
            custom.put("script_typing", 0);
            custom.put("msgid", messageId.get());
            custom.put("fallback_text", "");
            bot.putNull("text");
        } else if (!options.isEmpty() || style < 3) {
            ObjectNode data = bot.putObject("data");
            data.putNull("image");
            data.putNull("buttons");
            data.putNull("attachment");
            data.putNull("elements");
            data.putNull("quick_replies");
            ObjectNode payload = data.putObject("custom").putObject("payload");
            ArrayNode buttons = payload.putArray("buttons");
            options.forEach(o -> buttons.addObject().put("title", o.title()).put("payload", o.payload()));
            payload.put("text", text);
            data.put("fallback_text", "");
            bot.putNull("text");
        } else {
            ObjectNode data = bot.putObject("data");
            data.putNull("elements");
            data.putNull("quick_replies");
            data.putNull("buttons");
            data.putNull("attachment");
            data.putNull("image");
            data.putNull("custom");
            bot.put("text", text);
        }
        bot.put("event", "bot");
        bot.put("timestamp", JsonWire.seconds(at, 5));
        events.add(bot);
        if (listenAfter) {
            action(events, model, "action_listen", "listen", 1, policy, type == null, at + 4_100);
            return at + 4_100;
        }
        return at;
    }

    private static void action(ArrayNode events, String model, String name, String type, Integer confidence,
                               String policy, boolean hideRuleTurn, long atMicros) {
        ObjectNode action = event(events, model);
        action.putNull("action_text");
        action.put("hide_rule_turn", hideRuleTurn);
        if (confidence == null) {
            action.putNull("confidence");
        } else {
            action.put("confidence", confidence);
        }
        action.put("name", name);
        action.put("event", "action");
        if (type != null) {
            action.put("type", type);
        }
        action.put("timestamp", JsonWire.seconds(atMicros, 5));
        if (policy == null) {
            action.putNull("policy");
        } else {
            action.put("policy", policy);
        }
    }

    /** Rasa stamps the "last customer message" slot in whole seconds and the others in fractions, as here. */
    private static void slot(ArrayNode events, String model, String name, String value, JsonNode timestamp) {
        ObjectNode slot = event(events, model);
        slot.put("name", name);
        slot.put("event", "slot");
        slot.put("value", value);
        slot.set("timestamp", timestamp);
    }

    private static ObjectNode event(ArrayNode events, String model) {
        ObjectNode event = events.addObject();
        event.putObject("metadata").put("model_id", model);
        return event;
    }

    /** Bot Builder's flow path: start, each distinct intent in turn, end. */
    private static List<String> journey(Dialogue dialogue) {
        List<String> nodes = new ArrayList<>();
        nodes.add("start__1");
        String previous = "";
        for (Turn turn : dialogue.turns()) {
            String intent = turn.understanding().map(Understanding::intent).orElse(previous);
            if (!intent.equals(previous)) {
                nodes.add(intent + "__" + (nodes.size() + 1));
                previous = intent;
            }
        }
        nodes.add("end");
        return nodes;
    }

    /** Rasa's whitespace tokenizer spans: runs of letters and digits, in code points. */
    static List<int[]> textTokens(String text) {
        List<int[]> spans = new ArrayList<>();
        int[] codePoints = text.codePoints().toArray();
        int start = -1;
        for (int i = 0; i <= codePoints.length; i++) {
            boolean word = i < codePoints.length && Character.isLetterOrDigit(codePoints[i]);
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                spans.add(new int[] {start, i});
                start = -1;
            }
        }
        return spans;
    }

    private String modelId(long atMs) {
        return StableIds.hex(StableIds.mix(seed, MODEL, Math.floorDiv(atMs, DAYS_PER_MODEL)), 32);
    }

    private static String base64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
