package org.transcriptsearch.kibana;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml read as compose reads it, for tests that need no compose tool: YAML anchors resolved,
 * {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${NAME:?message}} replaced from a .env.
 */
final class ComposeStack {
    static final Path ROOT = Path.of("..");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    private final Map<String, Object> services;
    private final Map<String, String> dotEnv;

    private ComposeStack(Map<String, Object> services, Map<String, String> dotEnv) {
        this.services = services;
        this.dotEnv = dotEnv;
    }

    @SuppressWarnings("unchecked")
    static ComposeStack load(Map<String, String> dotEnv) throws IOException {
        Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return new ComposeStack((Map<String, Object>) root.get("services"), dotEnv);
    }

    /** .env.example with every empty value filled by a placeholder of its own (long enough for any check). */
    static Map<String, String> exampleEnv() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            if (line.matches("[A-Z_][A-Z0-9_]*=.*")) {
                String name = line.substring(0, line.indexOf('='));
                String value = line.substring(line.indexOf('=') + 1);
                env.put(name, value.isEmpty() ? "placeholder-" + name.toLowerCase() + "-0123456789abcdef0123456789" : value);
            }
        }
        return env;
    }

    /** A service's environment as its container gets it. */
    @SuppressWarnings("unchecked")
    Map<String, String> environment(String service) {
        Map<String, Object> s = (Map<String, Object>) services.get(service);
        if (s == null) {
            throw new AssertionError("docker-compose.yml has no service " + service);
        }
        Map<String, String> env = new HashMap<>();
        Object e = s.get("environment");
        if (e instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : interpolate(String.valueOf(v))));
        }
        return env;
    }

    String interpolate(String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = dotEnv.get(m.group(1));
            String op = m.group(2);
            boolean unset = value == null || (op != null && op.startsWith(":") && value.isEmpty());
            if (unset && op != null && op.endsWith("?")) {
                throw new IllegalStateException(m.group(1) + ": " + m.group(3));
            }
            if (unset) {
                value = op != null && op.endsWith("-") ? m.group(3) : "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }
}
