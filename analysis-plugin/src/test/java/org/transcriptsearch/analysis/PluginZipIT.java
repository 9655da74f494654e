package org.transcriptsearch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The built zip has the flat stable-plugin layout and bundles no Lucene jar the server already has
 * (the node refuses a plugin with a second lucene-core or lucene-analysis-common: jar hell).
 */
class PluginZipIT {
    @Test
    void zipIsFlatAndBundlesOnlyTheLanguageJars() throws IOException {
        Path zip = Path.of(System.getProperty("analysis.plugin.zip"));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = z.stream().map(e -> e.getName()).sorted().toList();
            assertTrue(names.contains("stable-plugin-descriptor.properties"), names.toString());
            assertTrue(names.contains("named_components.json"), names.toString());
            assertTrue(names.stream().noneMatch(n -> n.contains("/")), "not flat: " + names);
            assertTrue(names.stream().noneMatch(n -> n.startsWith("lucene-core") || n.startsWith("lucene-analysis-common")
                    || n.startsWith("elasticsearch-")), "bundles a jar the server has: " + names);
            for (String jar : List.of("lucene-analysis-nori-", "lucene-analysis-kuromoji-", "lucene-analysis-smartcn-", "icu4j-")) {
                assertEquals(1, names.stream().filter(n -> n.startsWith(jar)).count(), jar + " missing: " + names);
            }
        }
    }
}
