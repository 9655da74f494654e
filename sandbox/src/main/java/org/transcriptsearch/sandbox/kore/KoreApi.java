package org.transcriptsearch.sandbox.kore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.transcriptsearch.sandbox.Delivery;
import org.transcriptsearch.sandbox.Endpoint;
import org.transcriptsearch.sandbox.SandboxClock;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.corpus.Corpus;
import org.transcriptsearch.sandbox.corpus.Dialogue;
import org.transcriptsearch.sandbox.corpus.GoldenMessage;
import org.transcriptsearch.sandbox.corpus.Layout;
import org.transcriptsearch.sandbox.corpus.Phrasebook;
import org.transcriptsearch.sandbox.corpus.Timeline;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.ApiRequest;
import org.transcriptsearch.sandbox.http.JsonWire;
import org.transcriptsearch.sandbox.http.Page;
import org.transcriptsearch.sandbox.http.PageFaults;
import org.transcriptsearch.sandbox.http.RateLimit;
import org.transcriptsearch.sandbox.http.RecordFaults;
import org.transcriptsearch.sandbox.http.SlidingWindowLimit;

/**
 * {@code GET|POST /api/public/bot/{botId}/getMessages}: Kore.ai XO conversation history. Auth is the
 * {@code auth: <JWT>} header; paging is skip/limit over the window's messages, newest first unless
 * {@code forward=true}; the bot may make 60 calls a minute and 1,800 an hour.
 */
public final class KoreApi {
    public static final String PATH = "/api/public/bot/:botId/getMessages";
    private static final RecordFaults RECORD_FAULTS = new RecordFaults(KoreApi::breakRecord, KoreApi::futureTime);

    private final Corpus corpus;
    private final KoreIds ids;
    private final KoreRecords records;
    private final String botId;
    private final String clientId;
    private final String clientSecret;
    private final SandboxClock clock;
    private final Delivery delivery;
    private final Delivery.EndpointSpec spec;
    private final Map<String, Integer> usersById = new HashMap<>();

    public static Corpus corpus(SandboxOptions options, Layout layout, SandboxClock clock, Phrasebook phrasebook,
                                String botId) {
        return new Corpus(Vendor.KORE, options.seed(), layout, clock,
                new KoreIds(options.seed(), options.conversationsPerVendor()), KoreGolden.load(layout, botId), phrasebook);
    }

    public KoreApi(Corpus corpus, SandboxOptions options, String botId, String clientId, String clientSecret,
                   SandboxClock clock, Delivery delivery) {
        this.corpus = corpus;
        this.ids = (KoreIds) corpus.ids();
        this.records = new KoreRecords(options.seed(), ids, botId);
        this.botId = botId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.delivery = delivery;
        RateLimit limit = options.rateLimits() ? new SlidingWindowLimit(60, 1800) : RateLimit.NONE;
        this.spec = new Delivery.EndpointSpec(Endpoint.KORE_GET_MESSAGES, new KoreErrors(), this::authorize, limit,
                this::page);
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::getMessages);
        router.post(PATH).handler(BodyHandler.create().setBodyLimit(64 * 1024)).handler(this::getMessages);
    }

    private void getMessages(RoutingContext ctx) {
        delivery.serve(ctx, spec);
    }

    private void authorize(RoutingContext ctx) {
        String token = ctx.request().getHeader("auth");
        if (token == null || token.isBlank()) {
            throw ApiException.unauthorized("Missing auth header: send the app's JWT as 'auth: <JWT>'");
        }
        KoreJwt.verify(token, clientId, clientSecret, clock.nowMs() / 1000);
        if (!botId.equals(ctx.pathParam("botId"))) {
            throw new ApiException(404, "bot_not_found", "No bot " + ctx.pathParam("botId") + " for this app");
        }
    }

    private Page page(ApiRequest request, PageFaults faults) {
        KoreQuery query = KoreQuery.parse(request, clock.nowMs());
        Timeline timeline = corpus.timeline();
        int lo = timeline.firstMessageAtOrAfter(query.fromMs());
        int hi = timeline.firstMessageAtOrAfter(query.toMs());
        int[] positions = query.filtered() ? matching(timeline, lo, hi, query) : null;
        int total = positions == null ? hi - lo : positions.length;
        int start = Math.min(query.skip(), total);
        int end = Math.min(query.skip() + query.limit(), total);
        ObjectNode body = JsonWire.MAPPER.createObjectNode();
        body.put("total", total);
        body.put("moreAvailable", end < total);
        ArrayNode messages = body.putArray("messages");
        Map<Integer, Dialogue> dialogues = new HashMap<>();
        Set<Integer> generated = new LinkedHashSet<>();
        for (int k = start; k < end; k++) {
            int index = query.forward() ? k : total - 1 - k;
            int position = positions == null ? lo + index : positions[index];
            int ref = timeline.messageRef(position);
            int turn = timeline.messageTurn(position);
            if (Corpus.isGolden(ref)) {
                messages.add(corpus.golden(ref).messages().get(turn).record().orElseThrow().deepCopy());
            } else {
                Dialogue dialogue = dialogues.computeIfAbsent(ref, corpus::dialogue);
                messages.add(records.message(dialogue, dialogue.turns().get(turn)));
                generated.add(ref);
            }
        }
        return new Page(body, messages, RECORD_FAULTS, JsonWire.plain(), corpus, new ArrayList<>(generated));
    }

    private int[] matching(Timeline timeline, int lo, int hi, KoreQuery query) {
        Set<Integer> sessions = new HashSet<>();
        for (String id : query.sessionIds()) {
            OptionalInt ref = corpus.refOf(id);
            ref.ifPresent(sessions::add);
        }
        OptionalInt user = query.userId().map(this::userIndex).orElse(OptionalInt.empty());
        if (query.userId().isPresent() && user.isEmpty() && !goldenUser(query.userId().get())) {
            return new int[0];
        }
        int[] out = new int[Math.max(0, hi - lo)];
        int n = 0;
        for (int position = lo; position < hi; position++) {
            int ref = timeline.messageRef(position);
            if (!query.sessionIds().isEmpty() && !sessions.contains(ref)) {
                continue;
            }
            if (Corpus.isGolden(ref)) {
                ObjectNode record = corpus.golden(ref).messages().get(timeline.messageTurn(position)).record().orElseThrow();
                String channel = record.has("chnl") ? record.path("chnl").asText() : record.path("channel").asText();
                if (query.userId().filter(u -> !u.equals(record.path("createdBy").asText())).isPresent()
                        || query.channelType().filter(c -> !c.equalsIgnoreCase(channel)).isPresent()) {
                    continue;
                }
            } else if ((user.isPresent() && ids.userIndex(ref) != user.getAsInt())
                    || (query.userId().isPresent() && user.isEmpty())
                    || query.channelType().filter(c -> !c.equals(records.channel(ref))).isPresent()) {
                continue;
            }
            out[n++] = position;
        }
        return Arrays.copyOf(out, n);
    }

    private synchronized OptionalInt userIndex(String userId) {
        if (usersById.isEmpty()) {
            for (int index = 0; index < ids.users(); index++) {
                usersById.put(ids.userId(index), index);
            }
        }
        Integer index = usersById.get(userId);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }

    private boolean goldenUser(String userId) {
        return corpus.golden().stream().flatMap(g -> g.messages().stream()).map(GoldenMessage::record)
                .flatMap(Optional::stream).anyMatch(r -> userId.equals(r.path("createdBy").asText()));
    }

    /** The malformed-record fault: no _id, and timestampValue as a string. */
    private static String breakRecord(ObjectNode record) {
        String id = record.path("_id").asText("");
        record.remove("_id");
        record.put("timestampValue", KoreRecords.iso(record.path("timestampValue").asLong()));
        return id;
    }

    /**
     * The future-record fault: timestampValue in microseconds. createdOn stays as it was: a units bug lives in
     * the code that writes the number, not in the stored date the ISO text comes from, and the two disagreeing
     * is what lets a harvester tell.
     */
    private static String futureTime(ObjectNode record) {
        record.put("timestampValue", record.path("timestampValue").asLong() * 1000);
        return record.path("sessionId").asText("") + "/" + record.path("_id").asText("");
    }
}
