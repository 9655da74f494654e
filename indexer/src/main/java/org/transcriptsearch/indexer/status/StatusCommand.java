package org.transcriptsearch.indexer.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.elastic.ElasticsearchConnection;
import org.transcriptsearch.elastic.IndexNames;
import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.ExitCodes;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.SourceOption;
import org.transcriptsearch.indexer.forget.SuppressionStore;
import org.transcriptsearch.indexer.setaside.SetAsideRecord;
import org.transcriptsearch.indexer.setaside.SetAsideStore;
import org.transcriptsearch.indexer.source.Connectors;
import org.transcriptsearch.indexer.state.HarvestRun;
import org.transcriptsearch.indexer.state.Lease;
import org.transcriptsearch.indexer.state.RunHistory;
import org.transcriptsearch.indexer.state.StateStore;
import picocli.CommandLine;

/** {@code status [--source NAME]...}: per source, checkpoints, lease, document counts and the last runs. */
@CommandLine.Command(name = "status",
        header = "per source: checkpoint, lease, documents, last runs and their errors",
        description = "Reads Elasticsearch only (no vendor secret is needed): the documents in all, the suppressions "
                + "of forget, and per source its checkpoints, lease, documents, what was set aside and the last runs.",
        exitCodeList = {ExitCodes.DONE, ExitCodes.FAILED, ExitCodes.USAGE})
public final class StatusCommand implements Command {
    private static final int RUNS_SHOWN = 5;
    private static final int SET_ASIDE_SHOWN = 5;

    @CommandLine.Option(names = "--source", paramLabel = "NAME",
            description = "a configured source to show; repeat for several (default: every source)")
    List<String> only = new ArrayList<>();

    @Override
    public int run(IndexerContext context) throws IOException {
        List<SourceConfig> sources = SourceOption.select(context.config(), only);
        ElasticsearchConnection es = context.elasticsearch();
        new SchemaSetup(es, context.templates()).requireInstalled();
        IndexNames names = context.names();
        Console out = context.console();
        StateStore state = StateStore.of(es, names);
        RunHistory history = new RunHistory(es, names, context.console().redactor());
        SetAsideStore setAsides = new SetAsideStore(es, names, context.console().redactor());
        out.say("Elasticsearch " + es.url() + ": " + count(es, names.messages(), null) + " messages, "
                + count(es, names.conversations(), null) + " conversations in all");
        long suppressions = new SuppressionStore(es, names).count();
        out.say("suppressions: " + suppressions + (suppressions == 0 ? " (nothing has been forgotten)"
                : " customer(s) and conversation(s) forgotten, kept out of every harvest (`forget --list` shows them)"));
        if (sources.isEmpty()) {
            out.say("no sources are configured: add a 'sources:' list to the config file (see the README)");
            return 0;
        }
        Connectors connectors = Connectors.installed();
        for (SourceConfig s : sources) {
            out.say("");
            out.say(s.name() + " (" + s.type() + ")");
            List<String> streams = connectors.streams(s.type());
            for (String stream : streams) {
                var c = state.checkpoint(s.name(), stream);
                out.say("  checkpoint " + stream + ": " + (c.isEmpty() ? "none yet (the first harvest reaches back initialLookback)"
                        : c.through().map(t -> "everything before " + t).orElse(c.toString())));
            }
            Instant now = state.now();
            out.say("  lease: " + state.lease(s.name()).map(l -> lease(l, now)).orElse("free"));
            out.say("  documents: " + count(es, names.messages(), s.name()) + " messages, "
                    + count(es, names.conversations(), s.name()) + " conversations");
            setAside(out, setAsides, s.name());
            List<HarvestRun> runs = history.latest(s.name(), RUNS_SHOWN);
            if (runs.isEmpty()) {
                out.say("  runs: none yet");
            }
            for (HarvestRun r : runs) {
                out.say(String.format(Locale.ROOT, "  %s %-8s %-9s window %s → %s; %d pages; messages %d new, %d updated; "
                                + "conversations %d new, %d updated; %d set aside; %d suppressed; %.1f s",
                        r.startedAt(), r.run().command(), r.outcome(), r.window() == null ? "-" : r.window().from(),
                        r.window() == null ? "-" : r.window().to(), nz(r.pages()),
                        r.messages() == null ? 0 : nz(r.messages().created()), r.messages() == null ? 0 : nz(r.messages().updated()),
                        r.conversations() == null ? 0 : nz(r.conversations().created()),
                        r.conversations() == null ? 0 : nz(r.conversations().updated()), nz(r.setAside()),
                        r.messages() == null ? 0 : nz(r.messages().suppressed()),
                        r.durationMs() == null ? 0 : r.durationMs() / 1000.0));
                if (r.reason() != null) {
                    out.say("      " + r.reason());
                }
                if (r.errors() != null) {
                    r.errors().stream().limit(3).forEach(e -> out.say("      set aside: " + e.location() + ": " + e.reason()));
                    if (r.errors().size() > 3) {
                        out.say("      ... and " + (r.setAside() - 3) + " more in " + names.runs() + " (run " + r.run().id() + ")");
                    }
                }
            }
        }
        return 0;
    }

    /** What is kept in the dead-letter index for the source, newest first, and how to store it. */
    private static void setAside(Console out, SetAsideStore store, String source) {
        long n = store.count(source);
        if (n == 0) {
            out.say("  set aside: none");
            return;
        }
        out.say("  set aside: " + n + " record(s) kept in " + store.index() + (n > SET_ASIDE_SHOWN ? " (newest "
                + SET_ASIDE_SHOWN + " shown)" : ""));
        boolean documents = false;
        Instant from = null;
        Instant to = null;
        for (SetAsideRecord r : store.latest(source, SET_ASIDE_SHOWN)) {
            out.say("      " + r.at() + " " + r.kind() + " " + r.location() + ": " + r.reason());
            documents |= SetAsideRecord.DOCUMENT.equals(r.kind());
            if (SetAsideRecord.RECORD.equals(r.kind()) && r.window() != null) {
                from = from == null || r.window().from().isBefore(from) ? r.window().from() : from;
                to = to == null || r.window().to().isAfter(to) ? r.window().to() : to;
            }
        }
        if (documents) {
            out.say("      refused documents: fix the mapping, then `set-aside retry --source " + source + "`");
        }
        if (from != null) {
            out.say("      vendor records: `reindex --source " + source + " --from " + from + " --to " + to
                    + "` reads them again once the vendor serves them whole");
        }
    }

    private static String lease(Lease l, Instant now) {
        return l.expiresAt().isAfter(now) ? "held by " + l.holder() + " since " + l.acquiredAt() + ", until " + l.expiresAt()
                + " (epoch " + l.epoch() + ")"
                : "free (last held by " + l.holder() + " until " + l.expiresAt() + ", epoch " + l.epoch() + ")";
    }

    private static long nz(Number n) {
        return n == null ? 0 : n.longValue();
    }

    private static long count(ElasticsearchConnection es, String index, String source) throws IOException {
        Request req = new Request("POST", "/" + index + "/_count");
        if (source != null) {
            req.setEntity(new NStringEntity("{\"query\":{\"term\":{\"source\":" + es.json().valueToTree(source) + "}}}",
                    ContentType.APPLICATION_JSON));
        }
        try {
            JsonNode r = es.json().readTree(es.lowLevel().performRequest(req).getEntity().getContent());
            return r.path("count").asLong();
        } catch (ResponseException e) {
            return 0;
        }
    }
}
