package org.transcriptsearch.secrets;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.transcriptsearch.privacy.PiiKind;
import org.transcriptsearch.privacy.PiiMatch;
import org.transcriptsearch.privacy.PiiRedaction;

/**
 * Masks secrets in any text that may reach a person or a store: credentials in URLs ({@code user:password@}
 * and {@code token=}, {@code apiKey=} ... parameters), authorization headers, JSON and {@code name=value}
 * fields whose name says they hold a secret ({@code "access_token":"..."}, {@code clientSecret=...}), JWTs,
 * and the exact secret values the process was configured with (trimmed, as they are sent, and URL-encoded,
 * as they travel in a query string). With {@link #withPersonalData}, it also replaces the personal data the
 * {@code privacy:} rules detect by their placeholders, so a vendor value quoted in an error never reaches a log,
 * a run record or a set-aside record as typed (an IP address that is the host of a URL, or a loopback
 * address, is infrastructure and stays readable).
 */
public final class Redactor {
    public static final String MASK = "***";

    /**
     * Jackson, built on the first JSON line or record redacted rather than when the class loads: every command
     * makes a redactor, and most print no JSON (building a mapper is a fifth of {@code indexer.jar --help}).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
        /** A line is read as JSON only when it is exactly one object: else what follows it would go unredacted. */
        static final ObjectReader ONE_OBJECT = MAPPER.reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    /** A field name that says its value is a secret: {@code token}, {@code access_token}, {@code clientSecret}, {@code ES_PASSWORD} ... */
    private static final String SECRET_NAME = "[A-Za-z0-9_-]*?(?:token|secret|password|passwd|api[_-]?key|jwt)";

    private static final Pattern SECRET_VARIABLE = Pattern.compile("(?i)(?:\\w*_)?(?:keys?|secret|password|passwd|token|jwt)");
    /** Shorter values of such variables are left alone: masking {@code true} or {@code none} everywhere helps nobody. */
    private static final int MIN_ENVIRONMENT_SECRET = 6;
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/?#\\s\"'<>]*@");
    private static final Pattern JSON_SECRET = Pattern.compile(
            "(?i)(\"(?:" + SECRET_NAME + "|auth|authorization)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")");
    private static final Pattern ASSIGNED_SECRET = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_-])(" + SECRET_NAME + "|key|auth)=(?!\\$\\{)([^&\\s\"'#,;)\\]}]+)");
    private static final Pattern HEADER_SECRET = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_-])(authorization|x-api-key|api-key|auth)(\"?\\s*[:=]\\s*\"?)(bearer\\s+|basic\\s+|apikey\\s+)?(?!\\$\\{)([^\\s\",}]+)");
    /** A JSON field whose value is a secret (as {@link #JSON_SECRET} sees it in text). */
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i)" + SECRET_NAME + "|auth|authorization");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");

    /** The configured values, trimmed. */
    private final Set<String> values = new LinkedHashSet<>();
    /** Every form they may be printed in, longest first. */
    private final List<String> secrets;
    /** The personal-data rules, or null when redaction is off. */
    private final PiiRedaction personal;

    public Redactor(Collection<String> secrets) {
        this(secrets, null);
    }

    private Redactor(Collection<String> secrets, PiiRedaction personal) {
        this.personal = personal;
        Set<String> forms = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s == null || s.strip().length() < 4) {
                continue;
            }
            String value = s.strip();
            values.add(value);
            forms.add(value);
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            forms.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
        }
        this.secrets = forms.stream().sorted((a, b) -> b.length() - a.length()).toList();
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    /**
     * Masks the values of the environment variables whose names say they hold a secret ({@code ES_API_KEY},
     * {@code ES_PASSWORD}, {@code SEARCH_API_KEYS}, {@code SEARCH_CURSOR_SECRET}, {@code CXONE_TOKEN} ...): each
     * whole value, each comma-separated item, and the key of a {@code KEY:SOURCE+SOURCE} item.
     */
    public static Redactor ofEnvironment(Map<String, String> env) {
        List<String> values = new ArrayList<>();
        env.forEach((name, value) -> {
            if (value != null && SECRET_VARIABLE.matcher(name).matches()) {
                values.add(value);
                for (String item : value.split(",")) {
                    values.add(item);
                    values.add(item.split(":", 2)[0]);
                }
            }
        });
        values.removeIf(v -> v.strip().length() < MIN_ENVIRONMENT_SECRET);
        return new Redactor(values);
    }

    /** The same text with every known secret, URL credential, secret field and JWT masked. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        out = URL_CREDENTIALS.matcher(out).replaceAll("$1" + MASK + "@");
        out = JSON_SECRET.matcher(out).replaceAll("$1" + MASK + "$2");
        out = ASSIGNED_SECRET.matcher(out).replaceAll("$1=" + MASK);
        out = HEADER_SECRET.matcher(out).replaceAll("$1$2$3" + MASK);
        out = JWT.matcher(out).replaceAll(MASK);
        return personal == null ? out : redactPersonal(out);
    }

    /**
     * {@link #redact} for one printed line. A line that is a JSON object (a log line in the JSON format) keeps
     * being one: each of its strings (names and values) is redacted on its own, a value under a name that says
     * it is a secret is masked whole, and the object is written again only when something was masked.
     * Redacting the raw line could cut an escape sequence in half ({@code token=abc\"} losing its backslash)
     * and leave a line no log shipper can read.
     */
    public String redactLine(String line) {
        if (line == null) {
            return null;
        }
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        if (end < 2 || line.charAt(0) != '{' || line.charAt(end - 1) != '}') {
            return redact(line);
        }
        JsonNode tree;
        try {
            tree = Json.ONE_OBJECT.readTree(line.substring(0, end));
        } catch (JsonProcessingException e) {
            return redact(line);
        }
        if (!(tree instanceof ObjectNode object)) {
            return redact(line);
        }
        JsonNode redacted = redactStrings(object, null);
        return redacted.equals(object) ? line : redacted + line.substring(end);
    }

    /** {@code node} with every string redacted; {@code name} is the field it is the value of, if any. */
    private JsonNode redactStrings(JsonNode node, String name) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            object.fields().forEachRemaining(f -> out.set(redact(f.getKey()), redactStrings(f.getValue(), f.getKey())));
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            array.forEach(item -> out.add(redactStrings(item, name)));
            return out;
        }
        if (node.isValueNode() && !node.isNull()) {
            String text = node.asText();
            if (name != null && !text.isEmpty() && SECRET_FIELD.matcher(name).matches()) {
                return TextNode.valueOf(MASK);
            }
            String masked = redact(text);
            return masked.equals(text) ? node : TextNode.valueOf(masked);
        }
        return node;
    }

    /**
     * {@link #redact} for a JSON text (a vendor record): personal data is replaced inside its string values,
     * so the text stays the same JSON. Text that is not JSON is redacted as text.
     */
    public String redactJson(String json) {
        if (json == null || json.isEmpty() || personal == null) {
            return redact(json);
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return redact(json);
        }
        Redactor secretsOnly = new Redactor(values, null);
        return secretsOnly.redact(personal.redact(tree).tree().toString());
    }

    private String redactPersonal(String text) {
        List<PiiMatch> matches = personal.find(text);
        if (matches.isEmpty()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int at = 0;
        for (PiiMatch m : matches) {
            if (infrastructure(text, m)) {
                continue;
            }
            sb.append(text, at, m.start()).append(m.placeholder());
            at = m.end();
        }
        return sb.append(text, at, text.length()).toString();
    }

    /** An IP address that is a URL's host or a loopback/unspecified address: the product's own, not a person's. */
    private static boolean infrastructure(String text, PiiMatch m) {
        if (!PiiKind.IP.configName().equals(m.kind())) {
            return false;
        }
        String ip = text.substring(m.start(), m.end());
        return text.startsWith("://", m.start() - 3) || text.startsWith("://[", m.start() - 4)
                || ip.startsWith("127.") || ip.equals("0.0.0.0") || ip.equals("::1") || ip.equals("::");
    }

    /** A copy that also replaces the personal data {@code rules} detect (none when redaction is off). */
    public Redactor withPersonalData(PiiRedaction rules) {
        return new Redactor(values, rules);
    }

    /** The URL with any {@code user:password@} replaced by {@code ***@}; the form of a URL fit for a message. */
    public static String maskUrlCredentials(String url) {
        return url == null ? null : URL_CREDENTIALS.matcher(url).replaceAll("$1" + MASK + "@");
    }

    /** A copy that also masks {@code more} values. */
    public Redactor with(Collection<String> more) {
        List<String> all = new ArrayList<>(values);
        more.stream().filter(Objects::nonNull).forEach(all::add);
        return new Redactor(all, personal);
    }
}
