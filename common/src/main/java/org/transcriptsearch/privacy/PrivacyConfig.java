package org.transcriptsearch.privacy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.transcriptsearch.config.ConfigException;

/**
 * The {@code privacy:} section: which built-in kinds to redact ({@code redact: all} or a list) and the
 * user's own patterns ({@code patterns: [{name, regex}]}). Parsing reports every problem at once, each
 * with its key.
 */
public record PrivacyConfig(Set<PiiKind> redact, List<UserPattern> patterns) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Set<String> KNOWN_KEYS = Set.of("redact", "patterns");

    public PrivacyConfig {
        redact = redact.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(redact));
        patterns = List.copyOf(patterns);
    }

    /** No redaction at all: what a configuration without a {@code privacy:} section means. */
    public static PrivacyConfig none() {
        return new PrivacyConfig(Set.of(), List.of());
    }

    public boolean enabled() {
        return !redact.isEmpty() || !patterns.isEmpty();
    }

    /** Reads the section as parsed from YAML or JSON; a null section means no redaction. */
    public static PrivacyConfig parse(Object section) {
        if (section == null) {
            return none();
        }
        List<String> problems = new ArrayList<>();
        if (!(section instanceof Map<?, ?> map)) {
            throw new ConfigException("privacy must be a section with redact and patterns");
        }
        for (Object key : map.keySet()) {
            if (!KNOWN_KEYS.contains(String.valueOf(key))) {
                problems.add("unknown key privacy." + key + " (known: redact, patterns)");
            }
        }
        Set<PiiKind> kinds = parseKinds(map.get("redact"), problems);
        List<UserPattern> patterns = parsePatterns(map.get("patterns"), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new PrivacyConfig(kinds, patterns);
    }

    /** Reads the section from a JSON tree; a missing or null node means no redaction. */
    public static PrivacyConfig parse(JsonNode section) {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return none();
        }
        return parse(new ObjectMapper().convertValue(section, Object.class));
    }

    private static Set<PiiKind> parseKinds(Object redact, List<String> problems) {
        if (redact == null) {
            return Set.of();
        }
        if (redact instanceof String s && s.strip().equalsIgnoreCase("all")) {
            return EnumSet.allOf(PiiKind.class);
        }
        List<?> items = redact instanceof List<?> list ? list : List.of(redact);
        Set<PiiKind> kinds = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String where = redact instanceof List<?> ? "privacy.redact[" + i + "]" : "privacy.redact";
            Object item = items.get(i);
            if (!(item instanceof String name)) {
                problems.add(where + " must be a kind name, not " + describe(item));
                continue;
            }
            PiiKind.ofConfigName(name).ifPresentOrElse(kinds::add, () -> problems.add(
                    where + ": unknown kind '" + name + "' (known: all, " + knownKinds() + ")"));
        }
        return kinds;
    }

    private static List<UserPattern> parsePatterns(Object patterns, List<String> problems) {
        if (patterns == null) {
            return List.of();
        }
        if (!(patterns instanceof List<?> items)) {
            problems.add("privacy.patterns must be a list of {name, regex}");
            return List.of();
        }
        List<UserPattern> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String where = "privacy.patterns[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> entry)) {
                problems.add(where + " must be a {name, regex} entry");
                continue;
            }
            for (Object key : entry.keySet()) {
                if (!Set.of("name", "regex").contains(String.valueOf(key))) {
                    problems.add("unknown key " + where + "." + key + " (known: name, regex)");
                }
            }
            Object name = entry.get("name");
            Object regex = entry.get("regex");
            boolean ok = true;
            if (!(name instanceof String n) || n.isBlank()) {
                problems.add(where + ".name is missing");
                ok = false;
            } else if (!NAME.matcher(n).matches()) {
                problems.add(where + ".name '" + n + "' must be letters, digits or '_' (it becomes the placeholder [" + n.toUpperCase() + "])");
                ok = false;
            } else if (PiiKind.ofConfigName(n).isPresent()) {
                problems.add(where + ".name '" + n + "' is a built-in kind: list it under privacy.redact instead");
                ok = false;
            } else if (!names.add(n.toLowerCase())) {
                problems.add(where + ".name '" + n + "' appears twice: pattern names must be unique");
                ok = false;
            }
            String label = name instanceof String n ? "'" + n + "'" : "";
            if (!(regex instanceof String r) || r.isEmpty()) {
                problems.add(where + ".regex is missing" + (label.isEmpty() ? "" : " for pattern " + label));
                continue;
            }
            try {
                Pattern compiled = Pattern.compile(r);
                if (compiled.matcher("").matches()) {
                    problems.add(where + ".regex of pattern " + label + " matches the empty text: it would redact nothing useful");
                } else if (ok) {
                    parsed.add(new UserPattern((String) name, compiled));
                }
            } catch (PatternSyntaxException e) {
                problems.add(where + ".regex of pattern " + label + " is not a valid Java regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
        return parsed;
    }

    private static String knownKinds() {
        return java.util.Arrays.stream(PiiKind.values()).map(PiiKind::configName).collect(Collectors.joining(", "));
    }

    private static String describe(Object value) {
        return value instanceof Map ? "a section" : value instanceof List ? "a list" : "'" + value + "'";
    }
}
