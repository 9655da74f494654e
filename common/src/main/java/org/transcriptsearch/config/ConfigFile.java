package org.transcriptsearch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.transcriptsearch.privacy.PrivacyConfig;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML configuration. {@code ${NAME}} (or {@code ${NAME:-default}}) is replaced from the
 * environment. Secrets may only come that way: a secret key holding a literal value is refused, so a
 * config file can be shared without leaking anything. Every problem is collected and reported at once.
 */
public final class ConfigFile {
    /** Keys whose values are secrets, wherever they appear. */
    public static final Set<String> SECRET_KEYS = Set.of(
            "token", "apiKey", "password", "clientSecret", "jwt", "secret");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");
    private static final Pattern ONLY_REFERENCE = Pattern.compile("\\s*\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?}\\s*");
    private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Set<String> TOP_LEVEL = Set.of("elasticsearch", "index", "sources", "harvest", "privacy");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    /** While a source's settings are read: the variables they refer to that are not set (null otherwise). */
    private List<String> unsetOfSource;

    private ConfigFile(Map<String, String> env) {
        this.env = env;
    }

    public static AppConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString(), env);
    }

    public static AppConfig parse(String yamlText, String origin, Map<String, String> env) {
        return new ConfigFile(env).read(yamlText, origin);
    }

    private AppConfig read(String yamlText, String origin) {
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(origin + " is not valid YAML at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw new ConfigException(origin + " is not valid YAML: " + e.getMessage());
        }
        if (tree == null) {
            tree = Map.of();
        }
        if (!(tree instanceof Map<?, ?> root)) {
            throw new ConfigException(origin + " must be a YAML mapping with the keys " + TOP_LEVEL);
        }
        for (Object k : root.keySet()) {
            if (!TOP_LEVEL.contains(String.valueOf(k))) {
                problems.add("unknown top-level key '" + k + "' (known: elasticsearch, index, sources, harvest, privacy)");
            }
        }
        ElasticsearchSettings es = elasticsearch(map(root.get("elasticsearch"), "elasticsearch"));
        IndexSettings index = index(map(root.get("index"), "index"));
        List<SourceConfig> sources = sources(root.get("sources"));
        Map<String, Object> harvest = resolveTree(map(root.get("harvest"), "harvest"), "harvest");
        PrivacyConfig privacy = privacy(root.get("privacy"));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AppConfig(es, index, sources, harvest, privacy);
    }

    /** Taken as written: no {@code ${...}} references (a regular expression may hold {@code $} and braces). */
    private PrivacyConfig privacy(Object section) {
        try {
            return PrivacyConfig.parse(section);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return PrivacyConfig.none();
        }
    }

    private ElasticsearchSettings elasticsearch(Map<String, Object> m) {
        checkKeys(m, "elasticsearch", Set.of("url", "apiKey", "username", "password", "caFile"));
        // No url key at all: ES_URL from the environment, as the search API reads it, else the embedded node.
        String key = m.containsKey("url") ? "elasticsearch.url" : "ES_URL (read as elasticsearch.url is not set)";
        String url = m.containsKey("url") ? scalar(m, "url", "elasticsearch") : env.get("ES_URL");
        if (url != null && ElasticsearchSettings.holdsCredentials(url)) {
            problems.add(ElasticsearchSettings.credentialsInUrl(key, url,
                    "elasticsearch.username and elasticsearch.password: ${ES_PASSWORD} (or elasticsearch.apiKey: ${ES_API_KEY})"));
            url = null;
        } else if (url != null && !url.isBlank() && !url.matches("https?://[^\\s/]+(:\\d+)?/?.*")) {
            problems.add(key + " '" + url + "' is not an http:// or https:// URL");
        }
        String ca = scalar(m, "caFile", "elasticsearch");
        Path caFile = null;
        if (ca != null && !ca.isBlank()) {
            caFile = Path.of(ca);
            if (!Files.isReadable(caFile)) {
                problems.add("elasticsearch.caFile " + ca + " does not exist or cannot be read");
            }
        }
        String user = scalar(m, "username", "elasticsearch");
        String password = scalar(m, "password", "elasticsearch");
        if ((user == null || user.isBlank()) != (password == null || password.isBlank())) {
            problems.add("elasticsearch.username and elasticsearch.password go together: set both or neither");
        }
        return new ElasticsearchSettings(url, scalar(m, "apiKey", "elasticsearch"), user, password, caFile);
    }

    private IndexSettings index(Map<String, Object> m) {
        checkKeys(m, "index", Set.of("prefix", "shards", "replicas"));
        String prefix = scalar(m, "prefix", "index");
        if (prefix != null && !prefix.isBlank() && !prefix.matches("[a-z0-9][a-z0-9_-]{0,100}")) {
            problems.add("index.prefix '" + prefix + "' must be lowercase letters, digits, '-' or '_'");
        }
        return new IndexSettings(prefix, integer(m, "shards", "index", 1), integer(m, "replicas", "index", 0));
    }

    private List<SourceConfig> sources(Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            problems.add("sources must be a list of sources, each with name and type");
            return List.of();
        }
        List<SourceConfig> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "sources[" + i + "]";
            Map<String, Object> m = map(list.get(i), where);
            String name = scalar(m, "name", where);
            if (name == null || name.isBlank()) {
                problems.add(where + ".name is missing");
                continue;
            }
            where = "sources[" + name + "]";
            if (!SOURCE_NAME.matcher(name).matches()) {
                problems.add(where + ".name must be lowercase letters, digits, '-' or '_' (it is part of document ids)");
            }
            if (!names.add(name)) {
                problems.add(where + " appears twice: source names must be unique");
            }
            String type = scalar(m, "type", where);
            if (type == null || type.isBlank()) {
                problems.add(where + ".type is missing (cxone, kore or agentx)");
            }
            unsetOfSource = new ArrayList<>();
            Map<String, Object> settings = new LinkedHashMap<>(resolveTree(m, where));
            List<String> unset = unsetOfSource;
            unsetOfSource = null;
            settings.remove("name");
            settings.remove("type");
            out.add(new SourceConfig(name, type == null ? "" : type.trim(), settings, unset));
        }
        return out;
    }

    private Map<String, Object> resolveTree(Map<String, Object> m, String where) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Object v = e.getValue();
            String key = where + "." + e.getKey();
            if (v instanceof Map<?, ?>) {
                out.put(e.getKey(), resolveTree(map(v, key), key));
            } else if (v instanceof List<?> l) {
                List<Object> items = new ArrayList<>();
                for (Object item : l) {
                    items.add(item instanceof String s ? substitute(s, key) : item);
                }
                out.put(e.getKey(), items);
            } else if (v != null) {
                String resolved = scalar(m, e.getKey(), where);
                if (resolved != null) {
                    out.put(e.getKey(), resolved);
                }
            }
        }
        return out;
    }

    /** A scalar value with environment references resolved; secrets must be references. */
    private String scalar(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            problems.add(where + "." + key + " must be a single value");
            return null;
        }
        String raw = String.valueOf(v);
        if (SECRET_KEYS.contains(key) && !raw.isBlank() && !ONLY_REFERENCE.matcher(raw).matches()) {
            problems.add(where + "." + key + " is a secret and must come from the environment: write "
                    + key + ": ${SOME_VARIABLE} and export SOME_VARIABLE (the literal value was not used)");
            return null;
        }
        return substitute(raw, where + "." + key);
    }

    private String substitute(String raw, String key) {
        Matcher mt = REFERENCE.matcher(raw);
        StringBuilder sb = new StringBuilder();
        while (mt.find()) {
            String name = mt.group(1);
            String value = env.get(name);
            if (value == null || value.isEmpty()) {
                value = mt.group(3);
            }
            if (value == null) {
                value = "";
                if (!key.equals("elasticsearch.url")) {
                    // An unset ES_URL simply means "the embedded node"; anything else is worth a word.
                    missing(key, name);
                }
            }
            mt.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        mt.appendTail(sb);
        return sb.toString();
    }

    private void missing(String key, String variable) {
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        if (SECRET_KEYS.contains(leaf) || leaf.endsWith("Id") || leaf.equals("username") || leaf.equals("caFile")) {
            // a source's: reported when a command talks to that vendor (SourceConfig.requireResolved)
            (unsetOfSource != null ? unsetOfSource : problems)
                    .add(key + " refers to the environment variable " + variable + ", which is not set: export it");
        }
    }

    private Integer integer(Map<String, Object> m, String key, String where, int min) {
        String s = scalar(m, key, where);
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(s.trim());
            if (n < min) {
                problems.add(where + "." + key + " must be at least " + min + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            problems.add(where + "." + key + " must be a whole number, not '" + s + "'");
            return null;
        }
    }

    private void checkKeys(Map<String, Object> m, String where, Set<String> known) {
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                problems.add("unknown key " + where + "." + k + " (known: " + String.join(", ", known) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object node, String where) {
        if (node == null) {
            return Map.of();
        }
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        problems.add(where + " must be a mapping of keys to values");
        return Map.of();
    }
}
