package org.transcriptsearch.indexer.source.cxone;

import org.transcriptsearch.indexer.source.HarvestIncidents;
import org.transcriptsearch.sandbox.SandboxOptions;

/**
 * CXone under real incidents ({@link HarvestIncidents}): pages of 10 conversations, each record a whole
 * conversation (its document is counted from the record, so a refused message must not be counted).
 */
class CxoneIncidentsIT extends HarvestIncidents {
    CxoneIncidentsIT() {
        super(new CxoneSandboxSource(), SandboxOptions.builder().seed(31).conversationsPerVendor(50));
    }
}
