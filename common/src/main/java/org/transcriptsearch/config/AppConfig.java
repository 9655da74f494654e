package org.transcriptsearch.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole configuration file, validated. Sections that belong to one component (such as
 * {@code harvest}) are kept as a map and turned into that component's own record there.
 */
public record AppConfig(ElasticsearchSettings elasticsearch, IndexSettings index, List<SourceConfig> sources,
                        Map<String, Object> harvest) {

    public AppConfig {
        sources = List.copyOf(sources);
        harvest = Map.copyOf(harvest);
    }

    /** No file: the embedded node (or ES_URL from the environment) and no sources. */
    public static AppConfig fromEnvironmentOnly(Map<String, String> env) {
        return new AppConfig(ElasticsearchSettings.fromEnvironment(env), IndexSettings.defaults(), List.of(), Map.of());
    }

    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
