package org.transcriptsearch.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;
import org.junit.jupiter.api.Test;

/**
 * The stable-plugin rules the installer and the node enforce, checked on the filtered descriptor and
 * the component index before the zip is built: a broken entry would only show at install time.
 */
class PluginDescriptorTest {
    private static final Path DESCRIPTOR_DIR = Path.of("target", "plugin-descriptor");

    @Test
    void descriptorNamesTheNodeVersionAndOnlyAllowedKeys() throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(DESCRIPTOR_DIR.resolve("stable-plugin-descriptor.properties"))) {
            p.load(in);
        }
        assertEquals("8.19.21", p.getProperty("elasticsearch.version"));
        assertEquals("transcripts-analysis", p.getProperty("name"));
        assertEquals(Set.of("name", "description", "version", "elasticsearch.version", "java.version", "modular"),
                p.stringPropertyNames());
    }

    @Test
    void everyNamedComponentIsAnAnnotatedAnalyzerFactory() throws Exception {
        JsonNode components = new ObjectMapper().readTree(DESCRIPTOR_DIR.resolve("named_components.json").toFile())
                .path(AnalyzerFactory.class.getName());
        assertEquals(5, components.size(), "named_components.json lists " + components);
        for (var entry : (Iterable<java.util.Map.Entry<String, JsonNode>>) components::fields) {
            Class<?> type = Class.forName(entry.getValue().asText());
            assertTrue(AnalyzerFactory.class.isAssignableFrom(type), type + " is not an AnalyzerFactory");
            NamedComponent name = type.getAnnotation(NamedComponent.class);
            assertNotNull(name, type + " lacks @NamedComponent");
            assertEquals(entry.getKey(), name.value());
            assertNotNull(((AnalyzerFactory) type.getConstructor().newInstance()).create());
        }
    }
}
