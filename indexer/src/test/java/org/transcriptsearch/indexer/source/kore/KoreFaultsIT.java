package org.transcriptsearch.indexer.source.kore;

import org.transcriptsearch.indexer.source.InterruptedRuns;
import org.transcriptsearch.sandbox.SandboxOptions;

/**
 * Kore.ai harvests killed with SIGKILL and under an Elasticsearch outage ({@link InterruptedRuns}):
 * pages of 10 messages, about 60 calls for the whole run, the bot's 60 calls a minute lifted.
 */
class KoreFaultsIT extends InterruptedRuns {
    KoreFaultsIT() {
        super(new KoreSandboxSource(10), SandboxOptions.builder().seed(17).conversationsPerVendor(60));
    }
}
