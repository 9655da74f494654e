package org.transcriptsearch.indexer.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.transcriptsearch.sandbox.SandboxOptions;
import org.transcriptsearch.sandbox.VendorSandbox;
import org.transcriptsearch.testkit.TestElasticsearch;

/**
 * A test class's sandbox for one vendor (rate limits lifted: pacing is the harvest ITs' subject), and a
 * fresh set of indices with one source on them for each test.
 */
final class SourceFixture implements AutoCloseable {
    final SandboxSource source;
    final String sourceName;
    final VendorSandbox sandbox;
    private final TestElasticsearch es;
    private final Path dir;
    private int prefixes;

    SourceFixture(SandboxSource source, String sourceName, SandboxOptions.Builder options, TestElasticsearch es, Path dir) {
        this.source = source;
        this.sourceName = sourceName;
        this.es = es;
        this.dir = dir;
        this.sandbox = VendorSandbox.start(options.rateLimits(false).vendors(source.vendor()).build());
    }

    /** Fresh indices ({@code it-<vendor>-<tag><n>}) and a harness whose harvester writes through {@code esUrl}. */
    VendorHarvestHarness fresh(String tag, String esUrl, String harvestYaml) throws IOException {
        String prefix = "it-" + source.vendor().key() + "-" + tag + (++prefixes);
        es.setup(prefix);
        sandbox.faults().clear();
        return new VendorHarvestHarness(es, esUrl, prefix, Files.createDirectories(dir.resolve(prefix)), harvestYaml,
                source.yaml(sourceName, sandbox.baseUrl(), sandbox.credentials()), source.secrets(sandbox.credentials()));
    }

    HarvestedIndex index(VendorHarvestHarness h) {
        return new HarvestedIndex(h, sourceName, source.streams(), sandbox, source.vendor());
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
