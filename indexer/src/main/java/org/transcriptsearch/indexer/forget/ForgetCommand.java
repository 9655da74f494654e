package org.transcriptsearch.indexer.forget;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.transcriptsearch.config.AppConfig;
import org.transcriptsearch.config.SourceConfig;
import org.transcriptsearch.elastic.SchemaSetup;
import org.transcriptsearch.indexer.cli.Command;
import org.transcriptsearch.indexer.cli.Console;
import org.transcriptsearch.indexer.cli.ExitCodes;
import org.transcriptsearch.indexer.cli.IndexerContext;
import org.transcriptsearch.indexer.cli.SourceOption;
import org.transcriptsearch.indexer.cli.UsageException;
import org.transcriptsearch.indexer.harvest.HarvestSettings;
import org.transcriptsearch.indexer.source.Connectors;
import org.transcriptsearch.indexer.state.HarvestRun;
import org.transcriptsearch.indexer.state.LeaseKeeper;
import org.transcriptsearch.indexer.state.StateStore;
import picocli.CommandLine;

/**
 * {@code forget --customer ID [--source NAME] | --conversation SOURCE/ID | --list}: erasure on request. Under the
 * leases of the sources in scope, records the suppression first, deletes from every index version
 * ({@link Erasure}), adds what it erased to the suppression, and writes the audit entry. Talks to
 * Elasticsearch only: no vendor is called.
 */
@CommandLine.Command(name = "forget",
        header = "erase a customer or a conversation from every index version and keep them out of later harvests",
        customSynopsis = {"indexer.jar forget --customer=ID [--source=NAME]",
            "   or: indexer.jar forget --conversation=SOURCE/ID",
            "   or: indexer.jar forget --list"},
        description = {"Deletes from every index version of the prefix (rebuild leaves older ones), and their set-aside "
                + "records (which hold their vendor records); then checks that nothing is left. Records a suppression "
                + "in the state index, so later harvests, reindex and set-aside retry count them and never store them "
                + "again, and an audit entry in the runs index (who, when, what, how many). Neither holds the id in "
                + "clear: only its SHA-256 digest. Nothing stored is not an error: the suppression is recorded all the "
                + "same.",
            "It holds the leases of the sources in scope meanwhile: while a harvest, reindex or rebuild holds one, it "
                + "says who and exits 1 (run it again once that ends). Talks to Elasticsearch only: no vendor is called.",
            "Beyond its reach: snapshots of the cluster, the vendor's own console, copies made outside this product."},
        exitCodeList = {ExitCodes.DONE, "1:something is left or Elasticsearch failed (the message says where), or a "
                + "source in scope is held by another command", ExitCodes.USAGE})
public final class ForgetCommand implements Command {
    /** How much of a digest is shown: enough to tell suppressions apart, and to check one against a known id. */
    static final int DIGEST_SHOWN = 12;

    @CommandLine.Option(names = "--customer", paramLabel = "ID", description = "every message and conversation of that "
            + "customer (the vendor's customer or user id): the conversations whose document names them and every "
            + "message that does, in every source, or only in --source")
    String customer;

    @CommandLine.Option(names = "--source", paramLabel = "NAME", description = "with --customer: only in that source")
    String source;

    @CommandLine.Option(names = "--conversation", paramLabel = "SOURCE/ID",
            description = "one conversation: the source's name, a slash, the vendor's conversation id")
    String conversation;

    @CommandLine.Option(names = "--list",
            description = "the suppressions recorded so far (when, scope, source, digest, documents deleted)")
    boolean list;

    @Override
    public int run(IndexerContext context) throws Exception {
        if (list) {
            if (customer != null || conversation != null || source != null) {
                throw new UsageException("--list takes no other option");
            }
            return list(context);
        }
        if ((customer == null) == (conversation == null)) {
            throw new UsageException(customer != null ? "give --customer or --conversation, not both (one forget per run)"
                    : "say what to forget: --customer ID [--source NAME] or --conversation SOURCE/ID (or --list)");
        }
        Request request = customer != null ? customer(context.config()) : conversation(context.config());
        new SchemaSetup(context.elasticsearch(), context.templates()).requireCurrent();
        return forget(request, context);
    }

    /** One forget, checked: scope, source (null: every source), the id, and the digest that names it. */
    record Request(String scope, String source, String id, String digest) {
        String describe() {
            return scope + " " + shown(digest) + (source == null ? " (every source)" : " of " + source);
        }
    }

    private Request customer(AppConfig config) {
        String id = customer;
        if (id.isBlank()) {
            throw new UsageException("--customer needs the customer's id");
        }
        if (source != null) {
            SourceOption.require(config, source, "--source");
        }
        return new Request(Suppression.CUSTOMER, source, id, SuppressionDigest.customer(source, id));
    }

    private Request conversation(AppConfig config) {
        if (source != null) {
            throw new UsageException("--source goes with --customer; a conversation names its source: --conversation SOURCE/ID");
        }
        String value = conversation;
        int slash = value.indexOf('/');
        if (slash <= 0 || slash == value.length() - 1 || value.substring(slash + 1).isBlank()) {
            throw new UsageException("--conversation must be SOURCE/ID, the source's name, a slash and the vendor's"
                    + " conversation id (e.g. cxone-support/abc-123)");
        }
        String named = value.substring(0, slash);
        SourceOption.require(config, named, "--conversation");
        String id = value.substring(slash + 1);
        return new Request(Suppression.CONVERSATION, named, id, SuppressionDigest.conversation(named, id));
    }


    /**
     * Holds the leases of the sources in scope meanwhile (as {@code rebuild} does): no harvest that loaded the
     * suppressions before this one is still writing, and no rebuild copies what is being deleted.
     */
    private static int forget(Request r, IndexerContext context) {
        Instant started = Instant.now();
        String runId = started.truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "") + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        List<SourceConfig> sources = r.source() == null ? context.config().sources()
                : List.of(context.config().source(r.source()).orElseThrow());
        Connectors connectors = Connectors.installed();
        try (LeaseKeeper keeper = new LeaseKeeper(StateStore.of(context.elasticsearch(), context.names()),
                HarvestSettings.read(context.config().harvest()).leaseTtl())) {
            for (SourceConfig s : sources) {
                keeper.acquire(s.name(), "forget:" + host() + ":" + ProcessHandle.current().pid() + ":" + runId,
                        connectors.streams(s.type()));
            }
            keeper.startRenewing();
            return erase(r, context, runId, started);
        }
    }

    private static int erase(Request r, IndexerContext context, String runId, Instant started) {
        SuppressionStore store = new SuppressionStore(context.elasticsearch(), context.names());
        // First the suppression: a harvest that starts from now on leaves them out.
        store.upsert(Suppression.of(r.scope(), r.source(), r.digest(), started), s -> s.with(s.suppression().conversations(),
                s.suppression().erased(), started));
        Erasure.Target target = Suppression.CUSTOMER.equals(r.scope()) ? Erasure.Target.customer(r.id(), r.source())
                : Erasure.Target.conversations(r.source(), Set.of(r.id()));
        Erasure.Result erased;
        String reason = null;
        try {
            erased = new Erasure(context.elasticsearch(), context.names()).erase(target);
        } catch (Erasure.Incomplete e) {
            erased = e.deleted();
            reason = e.getMessage();
        } catch (RuntimeException e) {
            try {
                audit(context, runId, started, r, HarvestRun.FAILED, e.getMessage(), new Erasure.Result(Map.of(), 0, 0, 0, Map.of(), 0));
            } catch (RuntimeException auditFailed) {
                e.addSuppressed(auditFailed); // the cluster is likely away: the first failure is the one to tell
            }
            throw e;
        }
        record(store, r, erased, started);
        audit(context, runId, started, r, reason == null ? HarvestRun.SUCCEEDED : HarvestRun.FAILED, reason, erased);
        report(context.console(), r, erased, context.names().state());
        if (reason != null) {
            context.console().error(r.describe() + ": " + reason);
            return 1;
        }
        return 0;
    }

    /** Adds what was erased to the suppression: the counts, and for a customer the digests of their conversations. */
    private static void record(SuppressionStore store, Request r, Erasure.Result erased, Instant started) {
        Suppression.Erased counts = new Suppression.Erased(erased.messages(), erased.conversations(), erased.setAside());
        store.upsert(Suppression.of(r.scope(), r.source(), r.digest(), started), s -> {
            Set<String> conversations = new LinkedHashSet<>(s.suppression().conversations() == null ? List.of()
                    : s.suppression().conversations());
            if (s.customer()) {
                erased.erasedConversations().forEach((source, ids) -> ids.forEach(id ->
                        conversations.add(SuppressionDigest.conversation(source, id))));
            }
            return s.with(List.copyOf(conversations), s.suppression().erased().plus(counts), Instant.now());
        });
    }

    private static void report(Console out, Request r, Erasure.Result erased, String stateIndex) {
        if (erased.total() == 0) {
            out.say("forget " + r.describe() + ": nothing of it is stored; the suppression is recorded all the same");
        } else {
            out.say(String.format(Locale.ROOT, "forget %s: deleted %d message(s), %d conversation(s), %d set-aside record(s)",
                    r.describe(), erased.messages(), erased.conversations(), erased.setAside()));
            erased.byIndex().forEach((index, n) -> out.say("  " + index + ": " + n));
        }
        if (erased.runErrorsMasked() > 0) {
            out.say("  " + erased.runErrorsMasked() + " run(s) in the history named a record of it among their errors: masked");
        }
        out.say("  suppression " + shown(r.digest()) + " in " + stateIndex + ": later harvests, reindex and set-aside retry"
                + " count it and never store it again; `forget --list` shows it");
    }

    private static void audit(IndexerContext context, String runId, Instant started, Request r, String outcome, String reason,
                              Erasure.Result erased) {
        Instant now = Instant.now();
        new ForgetAudit(started, new ForgetAudit.Run(runId, ForgetAudit.COMMAND, host(), System.getProperty("user.name")),
                r.source(), now, Duration.between(started, now).toMillis(), outcome, reason,
                new ForgetAudit.Forget(r.scope(), r.digest()), ForgetAudit.Erased.of(erased))
                .save(context.elasticsearch(), context.names());
    }

    private static int list(IndexerContext context) {
        new SchemaSetup(context.elasticsearch(), context.templates()).requireCurrent();
        List<Suppression> all = new SuppressionStore(context.elasticsearch(), context.names()).all();
        Console out = context.console();
        if (all.isEmpty()) {
            out.say("no suppressions: nothing has been forgotten");
            return 0;
        }
        out.say(all.size() + " suppression(s) (digests: SHA-256 of the source, or *, a NUL and the id)");
        List<String> lines = new ArrayList<>();
        for (Suppression s : all) {
            Suppression.Erased e = s.suppression().erased();
            lines.add(String.format(Locale.ROOT, "  %s  %-12s %-20s %s  deleted %d message(s), %d conversation(s), %d set-aside record(s)",
                    s.suppression().createdAt(), s.suppression().scope(), s.source() == null ? "(every source)" : s.source(),
                    shown(s.suppression().digest()), e == null ? 0 : e.messages(), e == null ? 0 : e.conversations(),
                    e == null ? 0 : e.setAside()));
        }
        lines.forEach(out::say);
        return 0;
    }

    static String shown(String digest) {
        return digest.substring(0, Math.min(DIGEST_SHOWN, digest.length()));
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
