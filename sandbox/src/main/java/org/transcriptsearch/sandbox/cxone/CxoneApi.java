package org.transcriptsearch.sandbox.cxone;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.util.RawValue;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.transcriptsearch.sandbox.Delivery;
import org.transcriptsearch.sandbox.Endpoint;
import org.transcriptsearch.sandbox.Fault;
import org.transcriptsearch.sandbox.SandboxClock;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.Vendor;
import org.transcriptsearch.sandbox.corpus.Corpus;
import org.transcriptsearch.sandbox.corpus.GoldenConversation;
import org.transcriptsearch.sandbox.corpus.Layout;
import org.transcriptsearch.sandbox.corpus.Move;
import org.transcriptsearch.sandbox.corpus.Phrasebook;
import org.transcriptsearch.sandbox.corpus.Shape;
import org.transcriptsearch.sandbox.corpus.Timeline;
import org.transcriptsearch.sandbox.http.ApiException;
import org.transcriptsearch.sandbox.http.ApiRequest;
import org.transcriptsearch.sandbox.http.JsonWire;
import org.transcriptsearch.sandbox.http.Page;
import org.transcriptsearch.sandbox.http.PageFaults;
import org.transcriptsearch.sandbox.http.RateLimit;
import org.transcriptsearch.sandbox.http.RecordFaults;

/**
 * {@code GET /api/public/conversations?token=&perPage=&query=&scrollId=&timezone=}: NICE CXone Bot Builder's
 * conversation export. The token travels in the query string; pages follow {@code next_page_url}, which
 * carries the scroll id but not the token. Conversations come oldest start first, ties by id order.
 */
public final class CxoneApi {
    public static final String PATH = "/api/public/conversations";
    static final int DEFAULT_PER_PAGE = 50;
    static final int MAX_PER_PAGE = 200;
    private static final RecordFaults RECORD_FAULTS = new RecordFaults(CxoneApi::breakRecord, CxoneApi::futureTime);

    private final Corpus corpus;
    private final CxoneRecords records;
    private final CxoneScrolls scrolls;
    private final byte[] token;
    private final SandboxClock clock;
    private final Delivery delivery;
    private final Delivery.EndpointSpec spec;
    /** With {@link SandboxOptions#prerender()}: each generated conversation's record as written, by ref and turns. */
    private final Map<Long, String> prerendered;

    public static Corpus corpus(SandboxOptions options, Layout layout, SandboxClock clock, Phrasebook phrasebook) {
        return new Corpus(Vendor.CXONE, options.seed(), layout, clock, new CxoneIds(options.seed()),
                CxoneGolden.load(layout), phrasebook);
    }

    public CxoneApi(Corpus corpus, SandboxOptions options, String token, SandboxClock clock, Delivery delivery) {
        this.corpus = corpus;
        this.records = new CxoneRecords(options.seed(), (CxoneIds) corpus.ids());
        this.scrolls = new CxoneScrolls(options.scrollIdleTimeout(), options.seed());
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.delivery = delivery;
        this.spec = new Delivery.EndpointSpec(Endpoint.CXONE_CONVERSATIONS, new CxoneErrors(), this::authorize,
                RateLimit.NONE, this::page);
        this.prerendered = options.prerender() ? prerender() : Map.of();
    }

    /**
     * Every generated conversation written once, as the page writer would (Laravel's escapes make it pure
     * ASCII, so a Latin-1 string holds it exactly). A conversation that grows later no longer matches its
     * turns and is rendered afresh.
     */
    private Map<Long, String> prerender() {
        Timeline timeline = corpus.timeline();
        Map<Long, String> out = new ConcurrentHashMap<>(timeline.conversationCount() * 2);
        ObjectWriter writer = JsonWire.laravel();
        IntStream.range(0, timeline.conversationCount()).parallel().forEach(position -> {
            int ref = timeline.conversationRef(position);
            if (!Corpus.isGolden(ref)) {
                int turns = timeline.turnCount(ref);
                try {
                    byte[] json = writer.writeValueAsBytes(records.conversation(corpus.dialogue(ref, turns)));
                    out.put(key(ref, turns), new String(json, StandardCharsets.ISO_8859_1));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("could not prerender CXone conversation " + ref, e);
                }
            }
        });
        return out;
    }

    private static long key(int ref, int turns) {
        return ((long) ref << 32) | (turns & 0xffffffffL);
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::conversations);
    }

    private void conversations(RoutingContext ctx) {
        delivery.serve(ctx, spec);
    }

    private void authorize(RoutingContext ctx) {
        String given = ctx.queryParams().get("token");
        if (given == null || given.isBlank()) {
            throw ApiException.unauthorized("Missing token: pass the bot's conversations export token as ?token=");
        }
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token)) {
            throw ApiException.unauthorized("Invalid token");
        }
    }

    private Page page(ApiRequest request, PageFaults faults) {
        int perPage = perPage(request);
        request.param("timezone").ifPresent(CxoneApi::checkTimezone);
        CxoneScrolls.Snapshot snapshot;
        int offset;
        var scrollId = request.param("scrollId");
        if (scrollId.isPresent()) {
            CxoneScrolls.Position position = scrolls.resolve(scrollId.get());
            if (faults.claim(Fault.Kind.EXPIRED_SCROLL)) {
                scrolls.drop(position.snapshot());
                throw scrolls.expired();
            }
            snapshot = position.snapshot();
            offset = position.offset();
        } else {
            snapshot = open(CxoneQuery.parse(request.param("query"), clock.nowMs()), perPage);
            offset = 0;
        }
        int end = Math.min(offset + snapshot.perPage, snapshot.size());
        ObjectNode body = JsonWire.MAPPER.createObjectNode();
        ArrayNode data = body.putArray("data");
        List<Integer> generated = new ArrayList<>();
        for (int i = offset; i < end; i++) {
            int ref = snapshot.refs[i];
            if (Corpus.isGolden(ref)) {
                data.add(corpus.golden(ref).record().orElseThrow().deepCopy());
            } else {
                String ready = faults.quiet() ? prerendered.get(key(ref, snapshot.turns[i])) : null;
                if (ready != null) {
                    data.addRawValue(new RawValue(ready));
                } else {
                    data.add(records.conversation(corpus.dialogue(ref, snapshot.turns[i])));
                }
                generated.add(ref);
            }
        }
        // Idle time counts from the end of the last page served, not from when it was asked for.
        snapshot.touch();
        String next = scrolls.scrollId(snapshot, end);
        body.put("per_page", snapshot.perPage);
        body.put("total", snapshot.size());
        body.put("count", end - offset);
        body.put("path", request.origin() + PATH);
        if (end - offset == snapshot.perPage) {
            body.put("next_page_url", request.origin() + PATH + "?scrollId=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        } else {
            body.putNull("next_page_url");
        }
        body.put("scroll_id", next);
        return new Page(body, data, RECORD_FAULTS, JsonWire.laravel(), corpus, generated);
    }

    private CxoneScrolls.Snapshot open(CxoneQuery query, int perPage) {
        Timeline timeline = corpus.timeline();
        int n = timeline.conversationCount();
        int[] refs = new int[n];
        int[] turns = new int[n];
        int matched = 0;
        for (int position = 0; position < n; position++) {
            int ref = timeline.conversationRef(position);
            if (query.isEmpty() || query.matches(facts(ref, timeline.conversationLast(position)))) {
                refs[matched] = ref;
                turns[matched] = timeline.turnCount(ref);
                matched++;
            }
        }
        return scrolls.open(java.util.Arrays.copyOf(refs, matched), java.util.Arrays.copyOf(turns, matched), perPage);
    }

    private static int perPage(ApiRequest request) {
        var given = request.param("perPage");
        if (given.isEmpty()) {
            return DEFAULT_PER_PAGE;
        }
        int perPage;
        try {
            perPage = Integer.parseInt(given.get());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("perPage must be a whole number from 1 to " + MAX_PER_PAGE);
        }
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw ApiException.badRequest("perPage must be from 1 to " + MAX_PER_PAGE + ", was " + perPage);
        }
        return perPage;
    }

    private static void checkTimezone(String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ApiException.badRequest("Unknown timezone '" + zone + "': use an IANA zone such as Europe/Prague or UTC");
        }
    }

    /** The malformed-record fault: no conversationId, and counts and times of the wrong JSON type. */
    private static String breakRecord(ObjectNode record) {
        String id = record.path("conversationId").asText("");
        record.remove("conversationId");
        record.put("msgCount", String.valueOf(record.path("msgCount").asInt()));
        record.put("lastMessageAt", Instant.ofEpochMilli(record.path("lastMessageAt").asLong()).toString());
        return id;
    }

    /**
     * The future-record fault: the middle of the user and bot events that carry an id gets its timestamp in
     * milliseconds. {@code lastMessageAt} stays, so the conversation still falls in a datetime window. Every
     * conversation has one: bots wait for the customer, and a user event always has its message_id.
     */
    private static String futureTime(ObjectNode record) {
        List<ObjectNode> withId = new ArrayList<>();
        for (JsonNode event : record.path("tracker").path("events")) {
            if (messageId(event).isPresent()) {
                withId.add((ObjectNode) event);
            }
        }
        ObjectNode event = withId.get(withId.size() / 2);
        event.put("timestamp", JsonWire.millis(event.get("timestamp").decimalValue()));
        return record.path("conversationId").asText("") + "/" + messageId(event).orElseThrow();
    }

    /** A user event's message_id, a bot event's data.custom.msgid. */
    private static Optional<String> messageId(JsonNode event) {
        JsonNode id = switch (event.path("event").asText()) {
            case "user" -> event.path("message_id");
            case "bot" -> event.path("data").path("custom").path("msgid");
            default -> MissingNode.getInstance();
        };
        return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    private CxoneQuery.Facts facts(int ref, long lastMessageAt) {
        if (Corpus.isGolden(ref)) {
            return goldenFacts(corpus.golden(ref));
        }
        return new CxoneQuery.Facts() {
            private Shape shape;

            private Shape shape() {
                if (shape == null) {
                    shape = corpus.shape(ref);
                }
                return shape;
            }

            @Override
            public long lastMessageAt() {
                return lastMessageAt;
            }

            @Override
            public int customerMessages() {
                return shape().userTurns();
            }

            @Override
            public int botMessages() {
                return shape().size() - shape().userTurns();
            }

            @Override
            public String conversationId() {
                return corpus.ids().conversationId(ref);
            }

            @Override
            public String customer() {
                return corpus.dialogue(ref).customerName();
            }

            @Override
            public String channel() {
                return records.channel(ref).name();
            }

            @Override
            public Set<String> actionTypes() {
                Set<String> types = new HashSet<>(Set.of("session_start", "listen"));
                for (int i = 0; i < shape().size(); i++) {
                    if (shape().move(i) == Move.BOT_AFFIRM) {
                        types.add("ask_affirmation");
                    } else if (shape().move(i) == Move.BOT_HANDOVER) {
                        types.add("handover");
                    }
                }
                return types;
            }
        };
    }

    private static CxoneQuery.Facts goldenFacts(GoldenConversation golden) {
        ObjectNode record = golden.record().orElseThrow();
        return new CxoneQuery.Facts() {
            @Override
            public long lastMessageAt() {
                return record.path("lastMessageAt").asLong();
            }

            @Override
            public int customerMessages() {
                return record.path("customerMsgCount").asInt();
            }

            @Override
            public int botMessages() {
                return record.path("botMsgCount").asInt();
            }

            @Override
            public String conversationId() {
                return record.path("conversationId").asText();
            }

            @Override
            public String customer() {
                return record.path("customer").path("name").asText();
            }

            @Override
            public String channel() {
                return record.path("channel").path("name").asText();
            }

            @Override
            public Set<String> actionTypes() {
                Set<String> types = new HashSet<>();
                for (JsonNode event : record.path("tracker").path("events")) {
                    if (event.path("event").asText().equals("action") && event.path("type").isTextual()) {
                        types.add(event.get("type").asText());
                    }
                }
                return types;
            }
        };
    }
}
