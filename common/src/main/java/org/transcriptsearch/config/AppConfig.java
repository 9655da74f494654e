package org.transcriptsearch.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.transcriptsearch.privacy.PrivacyConfig;

/**
 * The whole configuration file, validated. Sections that belong to one component (such as
 * {@code harvest}) are kept as a map and turned into that component's own record there; {@code privacy}
 * (redaction at harvest) is {@link PrivacyConfig#none()} when the file has no such section.
 */
public record AppConfig(ElasticsearchSettings elasticsearch, IndexSettings index, List<SourceConfig> sources,
                        Map<String, Object> harvest, PrivacyConfig privacy) {

    public AppConfig {
        sources = List.copyOf(sources);
        harvest = Map.copyOf(harvest);
    }

    /** No file: the embedded node (or ES_URL from the environment) and no sources. */
    public static AppConfig fromEnvironmentOnly(Map<String, String> env) {
        return new AppConfig(ElasticsearchSettings.fromEnvironment(env), IndexSettings.defaults(), List.of(), Map.of(),
                PrivacyConfig.none());
    }

    public Optional<SourceConfig> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
