package org.transcriptsearch.indexer.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.ExitCodes;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.indexer.harvest.ConversationText;
import org.transcriptsearch.indexer.harvest.HarvestSettings;
import org.transcriptsearch.indexer.source.Connectors;
import org.transcriptsearch.indexer.state.LeaseKeeper;
import org.transcriptsearch.indexer.state.StateStore;
import picocli.CommandLine;

/**
 * {@code rebuild [--prune]}: copies the stored message and conversation documents into the next index
 * version (templates upgraded first, so a mapping change takes effect), with point-in-time +
 * {@code search_after} + bulk (no vendor calls, no {@code _reindex}: works on every cluster), checks the
 * counts, then moves each alias in one atomic {@code _aliases} call. A conversation document written
 * before conversations carried their messages' {@code text} gets it here, read from the messages just
 * copied. Searches keep using the old version
 * until the swap. Every configured source's lease is held meanwhile, so no harvest writes into the old
 * version behind the copy's back. The old version is kept until {@code --prune}.
 */
@CommandLine.Command(name = "rebuild",
        header = "copy the stored documents into the next index version and swap the aliases (no vendor calls)",
        description = {"Copies every message and conversation document into the next index version (templates "
                + "upgraded first, so a mapping change takes effect; no vendor calls, no _reindex: works on every "
                + "cluster), checks the counts, then moves the aliases in one atomic call. Searches use the old version "
                + "until then. Every source's lease is held meanwhile, so no harvest writes behind the copy's back. "
                + "The previous version is kept until --prune."},
        exitCodeList = {ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.USAGE})
public final class RebuildCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(RebuildCommand.class);
    private static final int PAGE = 2_000;

    @CommandLine.Option(names = "--prune", description = "removes the versions the aliases no longer point at")
    boolean prune;

    @CommandLine.Option(names = "--redact", description = "applies the config file's privacy: rules to every document "
            + "copied, redacts the set-aside and run records in place, and removes the previous versions (they hold "
            + "the personal data as typed). Snapshots of the cluster are not reached.")
    boolean redact;

    @Override
    public int run(IndexerContext context) throws Exception {
        StoredRedaction redaction = null;
        if (redact) {
            if (!context.config().privacy().enabled()) {
                throw new UsageException("rebuild --redact applies the config file's privacy: section, and "
                        + context.configFile().map(p -> p.toString()).orElse("there is no config file, so there is")
                        + " none: add one (privacy: redact: all, see the README's Privacy section)");
            }
            redaction = new StoredRedaction(context.config().privacy());
        }
        ElasticsearchConnection es = context.elasticsearch();
        Console console = context.console();
        SchemaSetup setup = new SchemaSetup(es, context.templates());
        setup.requireInstalled();
        setup.apply();
        IndexNames names = context.names();
        HarvestSettings settings = HarvestSettings.read(context.config().harvest());
        String holder = "rebuild:" + ProcessHandle.current().pid();
        Connectors connectors = Connectors.installed();
        try (LeaseKeeper keeper = new LeaseKeeper(StateStore.of(es, names), settings.leaseTtl())) {
            // Every source held (and fenced) meanwhile, so no harvest writes into the old version behind the copy.
            for (SourceConfig s : context.config().sources()) {
                keeper.acquire(s.name(), holder, connectors.streams(s.type()));
            }
            keeper.startRenewing();
            for (IndexNames.Kind kind : List.of(IndexNames.Kind.MESSAGES, IndexNames.Kind.CONVERSATIONS)) {
                rebuild(es, setup, names, kind, console, () -> context.config().sources().forEach(s -> keeper.prove(s.name())),
                        redaction);
            }
            if (redaction != null) {
                for (IndexNames.Kind kind : List.of(IndexNames.Kind.DEADLETTER, IndexNames.Kind.RUNS)) {
                    redactInPlace(es, names.alias(kind), redaction, kind, console);
                }
                console.say("the previous versions hold the personal data as it was typed: removing them");
                for (IndexNames.Kind kind : List.of(IndexNames.Kind.MESSAGES, IndexNames.Kind.CONVERSATIONS)) {
                    prune(es, setup, names, kind, console);
                }
            } else if (prune) {
                for (IndexNames.Kind kind : List.of(IndexNames.Kind.MESSAGES, IndexNames.Kind.CONVERSATIONS)) {
                    prune(es, setup, names, kind, console);
                }
            } else {
                console.say("the previous versions are kept; `rebuild --prune` removes them once you are happy");
            }
            return 0;
        }
    }

    /** @param stillHeld throws if a source's lease was lost meanwhile: then the aliases must not move */
    private void rebuild(ElasticsearchConnection es, SchemaSetup setup, IndexNames names, IndexNames.Kind kind,
                         Console console, Runnable stillHeld, StoredRedaction redaction) throws IOException {
        String current = setup.currentIndex(kind);
        int version = names.versionOf(kind, current);
        if (version < 1) {
            throw new IllegalStateException("alias " + names.alias(kind) + " points at " + current
                    + ", which is not a versioned index of this product: run setup");
        }
        String next = names.versioned(kind, version + 1);
        if (exists(es, next)) {
            console.note(next + " exists from an earlier, unfinished rebuild: deleting it and starting again");
            call(es, "DELETE", "/" + next, null);
        }
        call(es, "PUT", "/" + next, "{}");
        long started = System.nanoTime();
        Copied copied = copy(es, current, next, console, kind == IndexNames.Kind.CONVERSATIONS ? names.messages() : null,
                kind, redaction);
        call(es, "POST", "/" + current + "," + next + "/_refresh", null);
        long source = count(es, current);
        long target = count(es, next);
        if (source != target) {
            throw new IllegalStateException("the copy of " + current + " into " + next + " holds " + target + " documents, not "
                    + source + ": the aliases were not moved; " + next + " is left for inspection");
        }
        String alias = names.alias(kind);
        stillHeld.run();
        call(es, "POST", "/_aliases", "{\"actions\":[{\"remove\":{\"index\":\"" + current + "\",\"alias\":\"" + alias
                + "\"}},{\"add\":{\"index\":\"" + next + "\",\"alias\":\"" + alias + "\",\"is_write_index\":true}}]}");
        double s = (System.nanoTime() - started) / 1e9;
        console.say(String.format(Locale.ROOT, "%s: %,d documents copied from %s into %s in %.1f s (%,.0f/s)%s; alias %s now points at %s",
                kind.suffix, copied.documents, current, next, s, copied.documents / Math.max(s, 0.001),
                redaction == null ? "" : String.format(Locale.ROOT, ", %,d of them redacted", copied.redacted), alias, next));
    }

    /** How many documents a copy wrote, and how many of them it redacted. */
    private static final class Copied {
        long documents;
        long redacted;
    }

    /**
     * @param messages  where to read the text of conversation documents that lack it (null: copy as they are)
     * @param redaction the privacy rules to apply to each document copied, or null
     */
    private Copied copy(ElasticsearchConnection es, String from, String to, Console console, String messages,
                        IndexNames.Kind kind, StoredRedaction redaction) throws IOException {
        Copied copied = new Copied();
        try {
            eachPage(es, from, "version", hits -> {
                if (messages != null) {
                    fillText(es, messages, hits);
                }
                if (redaction != null) {
                    for (JsonNode h : hits) {
                        if (redaction.apply(kind, (ObjectNode) h.path("_source"))) {
                            copied.redacted++;
                        }
                    }
                }
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (JsonNode h : hits) {
                    ObjectNode action = es.json().createObjectNode();
                    // Versions kept: a harvester's fenced writes (external versions) go on comparing against them.
                    action.putObject("index").put("_index", to).put("_id", h.path("_id").asText())
                            .put("version", Math.max(1, h.path("_version").asLong(1))).put("version_type", "external");
                    body.writeBytes(action.toString().getBytes(StandardCharsets.UTF_8));
                    body.write('\n');
                    body.writeBytes(es.json().writeValueAsBytes(h.path("_source")));
                    body.write('\n');
                }
                bulk(es, body.toByteArray(), hits);
                copied.documents += hits.size();
                console.progress(String.format(Locale.ROOT, "%s → %s: %,d copied", from, to, copied.documents));
            });
            return copied;
        } finally {
            console.endProgress();
        }
    }

    /** What is done with each page of hits of {@link #eachPage}. */
    private interface PageAction {
        void accept(ArrayNode hits) throws IOException;
    }

    /**
     * Every document of {@code index} (refreshed first), a page at a time, through a point in time and {@code search_after} (which
     * every cluster has), each hit with {@code flag} set ({@code version}, {@code seq_no_primary_term}).
     */
    private static void eachPage(ElasticsearchConnection es, String index, String flag, PageAction action) throws IOException {
        // A point in time sees what was refreshed when it opened: a harvest that ended a moment ago (or an index whose
        // refresh is switched off) may hold acknowledged documents not yet visible, which the walk would leave behind.
        call(es, "POST", "/" + index + "/_refresh", null);
        String pit = call(es, "POST", "/" + index + "/_pit?keep_alive=5m", null).path("id").asText();
        JsonNode after = null;
        try {
            while (true) {
                ObjectNode q = es.json().createObjectNode();
                q.put("size", PAGE);
                q.putObject("pit").put("id", pit).put("keep_alive", "5m");
                q.putArray("sort").add("_shard_doc");
                q.put("track_total_hits", false);
                q.put(flag, true);
                if (after != null) {
                    q.set("search_after", after);
                }
                JsonNode r = call(es, "POST", "/_search", q.toString());
                pit = r.path("pit_id").asText(pit);
                ArrayNode hits = (ArrayNode) r.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return;
                }
                action.accept(hits);
                after = hits.get(hits.size() - 1).path("sort");
            }
        } finally {
            try {
                call(es, "DELETE", "/_pit", "{\"id\":\"" + pit + "\"}");
            } catch (IOException e) {
                LOG.warn("the point in time over {} could not be closed ({}); it expires by itself", index, e.getMessage());
            }
        }
    }

    /** Gives the conversation documents among {@code hits} that have messages but no {@code text} their messages' texts. */
    private static void fillText(ElasticsearchConnection es, String messages, ArrayNode hits) throws IOException {
        Map<String, List<String>> lacking = new HashMap<>();
        for (JsonNode h : hits) {
            JsonNode s = h.path("_source");
            if (!s.has("text") && s.path("messages").path("total").asInt(0) > 0) {
                lacking.computeIfAbsent(s.path("source").asText(), k -> new ArrayList<>()).add(s.path("conversation").path("id").asText());
            }
        }
        if (lacking.isEmpty()) {
            return;
        }
        Map<ConversationText.Key, List<String>> texts = new HashMap<>();
        JsonNode after = null;
        do {
            after = ConversationText.collect(call(es, "POST", "/" + messages + "/_search", ConversationText.query(es.json(), lacking, after)), texts);
        } while (after != null);
        for (JsonNode h : hits) {
            ObjectNode s = (ObjectNode) h.path("_source");
            List<String> text = texts.get(new ConversationText.Key(s.path("source").asText(), s.path("conversation").path("id").asText()));
            if (!s.has("text") && text != null) {
                s.set("text", es.json().valueToTree(text));
            }
        }
    }

    /** One bulk of the copy; every item is checked, and any rejection stops the rebuild before the swap. */
    private void bulk(ElasticsearchConnection es, byte[] ndjson, ArrayNode hits) throws IOException {
        bulk(es, ndjson, hits, "was refused by the new index", "(a mapping change that the stored documents do not fit?); the aliases were not moved");
    }

    private void bulk(ElasticsearchConnection es, byte[] ndjson, ArrayNode hits, String refused, String consequence)
            throws IOException {
        Request req = new Request("POST", "/_bulk?filter_path=errors,items.*.status,items.*.error");
        req.setEntity(new NByteArrayEntity(ndjson, ContentType.create("application/x-ndjson")));
        JsonNode r = es.json().readTree(es.lowLevel().performRequest(req).getEntity().getContent());
        if (!r.path("errors").asBoolean(false)) {
            return;
        }
        JsonNode items = r.path("items");
        for (int i = 0; i < items.size(); i++) {
            Iterator<Map.Entry<String, JsonNode>> it = items.get(i).fields();
            JsonNode outcome = it.hasNext() ? it.next().getValue() : items.get(i);
            if (outcome.path("status").asInt() >= 300) {
                throw new IllegalStateException("document " + hits.get(i).path("_id").asText() + " " + refused + ": "
                        + outcome.path("error").path("type").asText() + ": " + outcome.path("error").path("reason").asText()
                        + " " + consequence);
            }
        }
    }

    /**
     * Redacts an unversioned index (set-aside records, run history) where it is: each changed document written
     * back only if it was not changed meanwhile.
     */
    private void redactInPlace(ElasticsearchConnection es, String index, StoredRedaction redaction, IndexNames.Kind kind,
                               Console console) throws IOException {
        if (!exists(es, index)) {
            return;
        }
        long[] redacted = {0};
        eachPage(es, index, "seq_no_primary_term", hits -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            ArrayNode changed = es.json().createArrayNode();
            for (JsonNode h : hits) {
                if (redaction.apply(kind, (ObjectNode) h.path("_source"))) {
                    ObjectNode action = es.json().createObjectNode();
                    action.putObject("index").put("_index", h.path("_index").asText()).put("_id", h.path("_id").asText())
                            .put("if_seq_no", h.path("_seq_no").asLong()).put("if_primary_term", h.path("_primary_term").asLong());
                    body.writeBytes(action.toString().getBytes(StandardCharsets.UTF_8));
                    body.write('\n');
                    body.writeBytes(es.json().writeValueAsBytes(h.path("_source")));
                    body.write('\n');
                    changed.add(h);
                }
            }
            if (!changed.isEmpty()) {
                bulk(es, body.toByteArray(), changed, "of " + index + " could not be written back redacted",
                        "(changed meanwhile?): the messages and conversations are redacted; run `rebuild --redact` again");
                redacted[0] += changed.size();
            }
        });
        call(es, "POST", "/" + index + "/_refresh", null);
        console.say(String.format(Locale.ROOT, "%s: %,d records redacted in place", index, redacted[0]));
    }

    private void prune(ElasticsearchConnection es, SchemaSetup setup, IndexNames names, IndexNames.Kind kind,
                       Console console) throws IOException {
        String current = setup.currentIndex(kind);
        JsonNode indices = call(es, "GET", "/" + names.alias(kind) + "-v*?expand_wildcards=open,closed", null);
        for (Iterator<String> it = indices.fieldNames(); it.hasNext(); ) {
            String index = it.next();
            if (!index.equals(current) && names.versionOf(kind, index) > 0) {
                call(es, "DELETE", "/" + index, null);
                console.say("pruned " + index + " (the alias points at " + current + ")");
            }
        }
    }

    private static boolean exists(ElasticsearchConnection es, String index) throws IOException {
        // The client answers a HEAD 404 as a response, not an exception.
        return es.lowLevel().performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200;
    }

    private static long count(ElasticsearchConnection es, String index) throws IOException {
        return call(es, "GET", "/" + index + "/_count", null).path("count").asLong();
    }

    private static JsonNode call(ElasticsearchConnection es, String method, String path, String body) throws IOException {
        Request req = new Request(method, path);
        if (body != null) {
            req.setEntity(new NStringEntity(body, ContentType.APPLICATION_JSON));
        }
        var resp = es.lowLevel().performRequest(req);
        if (resp.getEntity() == null) {
            return es.json().createObjectNode();
        }
        return es.json().readTree(resp.getEntity().getContent());
    }

}
