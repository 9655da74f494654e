package org.transcriptsearch.indexer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code indexer.jar --version}: this build's version and the Elasticsearch it targets, both written into
 * {@code build.properties} by Maven from the root pom, so they cannot drift from what was built.
 */
public final class BuildVersion implements IVersionProvider {
    private static final String RESOURCE = "build.properties";

    @Override
    public String[] getVersion() {
        Properties build = read();
        return new String[] {
            "indexer.jar " + build.getProperty("indexer.version"),
            "Elasticsearch " + build.getProperty("elasticsearch.version") + " (the version it targets and the embedded"
                    + " node it starts; Java client " + build.getProperty("elasticsearch-java.version") + ")",
            "Java ${java.version} (${java.vendor})"
        };
    }

    private static Properties read() {
        try (InputStream in = BuildVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar: build it with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
