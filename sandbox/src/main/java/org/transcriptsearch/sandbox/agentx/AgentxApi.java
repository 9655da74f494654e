package org.transcriptsearch.sandbox.agentx;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.transcriptsearch.sandbox.Delivery;
import org.transcriptsearch.sandbox.Endpoint;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.SandboxClock;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.corpus.Corpus;
import org.transcriptsearch.sandbox.corpus.Dialogue;
import org.transcriptsearch.sandbox.corpus.GoldenConversation;
import org.transcriptsearch.sandbox.corpus.Layout;
import org.transcriptsearch.sandbox.corpus.Phrasebook;
import org.transcriptsearch.sandbox.corpus.Timeline;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.ApiRequest;
import org.transcriptsearch.sandbox.http.ErrorStyle;
import org.transcriptsearch.sandbox.http.JsonWire;
import org.transcriptsearch.sandbox.http.Page;
import org.transcriptsearch.sandbox.http.PageFaults;
import org.transcriptsearch.sandbox.http.RateLimit;
import org.transcriptsearch.sandbox.http.RecordFaults;
import org.transcriptsearch.sandbox.http.TokenBucket;

/**
 * AgentX Support's export API: {@code GET /conversations/export/v1/conversations} and {@code .../messages}
 * with {@code x-api-key}, a {@code [start_time, end_time)} window in unix seconds, {@code bot_name},
 * {@code per_page} (at most 1000) and a {@code cursor} until it is null; 3 requests per second per endpoint.
 * Messages are those sent in the window. Conversations are those active in it (started before its end,
 * last action at or after its start: our inference, so that a grown conversation reappears in the
 * window where it grew). Both come oldest first.
 */
public final class AgentxApi {
    public static final String CONVERSATIONS_PATH = "/conversations/export/v1/conversations";
    public static final String MESSAGES_PATH = "/conversations/export/v1/messages";
    static final int DEFAULT_PER_PAGE = 100;
    static final int MAX_PER_PAGE = 1000;
    private static final RecordFaults RECORD_FAULTS = new RecordFaults(AgentxApi::breakRecord, AgentxApi::futureTime);

    private final Corpus corpus;
    private final AgentxRecords records;
    private final byte[] apiKey;
    private final String botName;
    private final Delivery delivery;
    private final Delivery.EndpointSpec conversations;
    private final Delivery.EndpointSpec messages;

    private record Window(long fromMs, long toMs, int perPage, Optional<String> cursor, String query) {
    }

    public static Corpus corpus(SandboxOptions options, Layout layout, SandboxClock clock, Phrasebook phrasebook) {
        return new Corpus(Vendor.AGENTX, options.seed(), layout, clock, new AgentxIds(options.seed()),
                AgentxGolden.load(layout), phrasebook);
    }

    public AgentxApi(Corpus corpus, SandboxOptions options, String apiKey, String botName, Delivery delivery) {
        this.corpus = corpus;
        this.records = new AgentxRecords(options.seed(), (AgentxIds) corpus.ids());
        this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
        this.botName = botName;
        this.delivery = delivery;
        this.conversations = new Delivery.EndpointSpec(Endpoint.AGENTX_CONVERSATIONS, ErrorStyle.FLAT, this::authorize,
                options.rateLimits() ? new TokenBucket(3, 3.0) : RateLimit.NONE, this::conversationsPage);
        this.messages = new Delivery.EndpointSpec(Endpoint.AGENTX_MESSAGES, ErrorStyle.FLAT, this::authorize,
                options.rateLimits() ? new TokenBucket(3, 3.0) : RateLimit.NONE, this::messagesPage);
    }

    public void mount(Router router) {
        router.get(CONVERSATIONS_PATH).handler(ctx -> delivery.serve(ctx, conversations));
        router.get(MESSAGES_PATH).handler(ctx -> delivery.serve(ctx, messages));
    }

    private void authorize(RoutingContext ctx) {
        String given = ctx.request().getHeader("x-api-key");
        if (given == null || given.isBlank()) {
            throw new ApiException(401, "unauthorized", "Missing x-api-key header");
        }
        if (!MessageDigest.isEqual(given.trim().getBytes(StandardCharsets.UTF_8), apiKey)) {
            throw new ApiException(403, "forbidden", "Forbidden: the x-api-key is not valid");
        }
    }

    private Page conversationsPage(ApiRequest request, PageFaults faults) {
        Window window = window(request, "");
        Timeline timeline = corpus.timeline();
        int position = 0;
        if (window.cursor().isPresent()) {
            AgentxCursor cursor = AgentxCursor.decode(window.cursor().get(), "c", window.query());
            if (cursor.ref() >= corpus.generatedCount() || cursor.ref() < -corpus.golden().size()) {
                throw AgentxCursor.invalid();
            }
            position = timeline.conversationPositionAfter(cursor.atMs(), cursor.ref());
        }
        ObjectNode body = JsonWire.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        List<Integer> generated = new ArrayList<>();
        int lastPosition = -1;
        boolean more = false;
        for (; position < timeline.conversationCount() && timeline.conversationStart(position) < window.toMs(); position++) {
            if (timeline.conversationLast(position) < window.fromMs()) {
                continue;
            }
            if (data.size() == window.perPage()) {
                more = true;
                break;
            }
            int ref = timeline.conversationRef(position);
            if (Corpus.isGolden(ref)) {
                GoldenConversation golden = corpus.golden(ref);
                data.add(golden.record().orElseThrow().deepCopy());
            } else {
                data.add(records.conversation(corpus.dialogue(ref)));
                generated.add(ref);
            }
            lastPosition = position;
        }
        if (more) {
            body.put("cursor", new AgentxCursor("c", window.query(), timeline.conversationStart(lastPosition),
                    timeline.conversationRef(lastPosition), 0).encode());
        } else {
            body.putNull("cursor");
        }
        return new Page(body, data, RECORD_FAULTS, JsonWire.plain(), corpus, generated);
    }

    private Page messagesPage(ApiRequest request, PageFaults faults) {
        Optional<String> conversationId = request.param("conversation_id");
        Window window = window(request, conversationId.orElse(""));
        Timeline timeline = corpus.timeline();
        Optional<AgentxCursor> cursor = window.cursor().map(c -> AgentxCursor.decode(c, "m", window.query()));
        cursor.ifPresent(c -> {
            if (!timeline.hasMessage(c.ref(), c.turn())) {
                throw AgentxCursor.invalid();
            }
        });
        List<int[]> picked = new ArrayList<>();
        boolean more;
        if (conversationId.isPresent()) {
            more = pickFromConversation(timeline, conversationId.get(), window, cursor, picked);
        } else {
            int lo = cursor.map(c -> timeline.messagePositionAfter(c.atMs(), c.ref(), c.turn()))
                    .orElse(timeline.firstMessageAtOrAfter(window.fromMs()));
            lo = Math.max(lo, timeline.firstMessageAtOrAfter(window.fromMs()));
            int hi = timeline.firstMessageAtOrAfter(window.toMs());
            int end = Math.min(hi, lo + window.perPage());
            for (int position = lo; position < end; position++) {
                picked.add(new int[] {timeline.messageRef(position), timeline.messageTurn(position)});
            }
            more = end < hi;
        }
        ObjectNode body = JsonWire.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        Map<Integer, Dialogue> dialogues = new HashMap<>();
        Set<Integer> generated = new LinkedHashSet<>();
        long lastAt = 0;
        for (int[] message : picked) {
            int ref = message[0];
            int turn = message[1];
            if (Corpus.isGolden(ref)) {
                var golden = corpus.golden(ref).messages().get(turn);
                data.add(golden.record().orElseThrow().deepCopy());
                lastAt = golden.atMs();
            } else {
                Dialogue dialogue = dialogues.computeIfAbsent(ref, corpus::dialogue);
                data.add(records.message(dialogue, dialogue.turns().get(turn)));
                lastAt = dialogue.turns().get(turn).atMs();
                generated.add(ref);
            }
        }
        if (more && !picked.isEmpty()) {
            int[] last = picked.get(picked.size() - 1);
            body.put("cursor", new AgentxCursor("m", window.query(), lastAt, last[0], last[1]).encode());
        } else {
            body.putNull("cursor");
        }
        return new Page(body, data, RECORD_FAULTS, JsonWire.plain(), corpus, new ArrayList<>(generated));
    }

    /** One conversation's messages in the window after the cursor; true when more remain after the page. */
    private boolean pickFromConversation(Timeline timeline, String conversationId, Window window,
                                         Optional<AgentxCursor> cursor, List<int[]> picked) {
        OptionalInt found = corpus.refOf(conversationId);
        if (found.isEmpty()) {
            return false;
        }
        int ref = found.getAsInt();
        int turns = timeline.turnCount(ref);
        int from = cursor.map(c -> c.turn() + 1).orElse(0);
        for (int turn = from; turn < turns; turn++) {
            long at = Corpus.isGolden(ref) ? corpus.golden(ref).messages().get(turn).atMs() : corpus.shape(ref).atMs(turn);
            if (at < window.fromMs() || at >= window.toMs()) {
                continue;
            }
            if (picked.size() == window.perPage()) {
                return true;
            }
            picked.add(new int[] {ref, turn});
        }
        return false;
    }

    private Window window(ApiRequest request, String conversationId) {
        long start = seconds(request, "start_time");
        long end = seconds(request, "end_time");
        if (end < start) {
            throw ApiException.badRequest("end_time must not be before start_time");
        }
        String bot = request.param("bot_name")
                .orElseThrow(() -> ApiException.badRequest("bot_name is required"));
        if (!bot.equals(botName)) {
            throw new ApiException(404, "bot_not_found", "No bot named '" + bot + "' for this API key");
        }
        int perPage = request.param("per_page").map(AgentxApi::perPage).orElse(DEFAULT_PER_PAGE);
        return new Window(start * 1000, end * 1000, perPage, request.param("cursor"),
                start + "/" + end + "/" + conversationId);
    }

    private static long seconds(ApiRequest request, String name) {
        String value = request.param(name)
                .orElseThrow(() -> ApiException.badRequest(name + " is required (unix time in seconds)"));
        try {
            long seconds = Long.parseLong(value);
            if (seconds < 0) {
                throw ApiException.badRequest(name + " must not be negative");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a unix time in whole seconds, was '" + value + "'");
        }
    }

    private static int perPage(String value) {
        int perPage;
        try {
            perPage = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("per_page must be a whole number from 1 to " + MAX_PER_PAGE);
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw ApiException.badRequest("per_page must be from 1 to " + MAX_PER_PAGE + ", was " + perPage);
        }
        return perPage;
    }

    /** The malformed-record fault: no _id, and a time (or startTime) given as a string. */
    private static String breakRecord(ObjectNode record) {
        String id = record.path("_id").asText("");
        record.remove("_id");
        String timeField = record.has("time") ? "time" : "startTime";
        record.put(timeField, record.path(timeField).asText() + "s");
        return id;
    }

    /** The future-record fault: a message's time (a conversation's startTime) in milliseconds. */
    private static String futureTime(ObjectNode record) {
        boolean message = record.has("time");
        String timeField = message ? "time" : "startTime";
        record.put(timeField, JsonWire.millis(record.get(timeField).decimalValue()));
        String id = record.path("_id").asText("");
        return message ? record.path("conversationId").asText("") + "/" + id : id;
    }
}
