package org.transcriptsearch.indexer.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/**
 * The seed and anchor of the demo's sandbox. The sandbox's conversations are a pure function of them, so
 * they are chosen on the first run and kept next to the node's data: a second {@code demo} then serves
 * exactly what was indexed before and its incremental harvest honestly finds nothing new.
 */
record DemoDataset(long seed, Instant anchor, int conversationsPerVendor) {
    static final String FILE = "sandbox.properties";

    static DemoDataset loadOrCreate(Path folder, long defaultSeed, int conversationsPerVendor) {
        Path file = folder.resolve(FILE);
        if (Files.isRegularFile(file)) {
            Properties p = new Properties();
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
                return new DemoDataset(Long.parseLong(p.getProperty("seed").trim()),
                        Instant.parse(p.getProperty("anchor").trim()),
                        Integer.parseInt(p.getProperty("conversationsPerVendor").trim()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (RuntimeException e) {
                throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "): delete it to start the "
                        + "demo data afresh (the next harvest then re-reads the new sandbox data)", e);
            }
        }
        DemoDataset created = new DemoDataset(defaultSeed, Instant.now().truncatedTo(ChronoUnit.MINUTES),
                conversationsPerVendor);
        created.save(file);
        return created;
    }

    private void save(Path file) {
        Properties p = new Properties();
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("anchor", anchor.toString());
        p.setProperty("conversationsPerVendor", Integer.toString(conversationsPerVendor));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, "demo sandbox data: keep it so every demo run serves the same conversations");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
