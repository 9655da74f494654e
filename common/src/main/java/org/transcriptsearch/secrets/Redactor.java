package org.transcriptsearch.secrets;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Masks secrets in any text that may reach a person or a store: URL query credentials
 * ({@code token=}, {@code apiKey=} ...), authorization headers, JWTs, and the exact secret values
 * the process was configured with.
 */
public final class Redactor {
    public static final String MASK = "***";

    private static final Pattern QUERY_SECRET = Pattern.compile(
            "(?i)([?&;]|\\b)(token|access_token|api_key|apikey|key|secret|client_secret|password|auth|jwt)=([^&\\s\"'#]+)");
    private static final Pattern HEADER_SECRET = Pattern.compile(
            "(?i)(authorization|x-api-key|auth)(\"?\\s*[:=]\\s*\"?)(bearer\\s+|basic\\s+|apikey\\s+)?([^\\s\",}]+)");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");

    private final List<String> secrets;

    public Redactor(Collection<String> secrets) {
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> s.length() >= 4).distinct()
                .sorted((a, b) -> b.length() - a.length()).toList();
    }

    public static Redactor none() {
        return new Redactor(List.of());
    }

    /** The same text with every known secret, credential parameter and JWT masked. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        out = QUERY_SECRET.matcher(out).replaceAll("$1$2=" + MASK);
        out = HEADER_SECRET.matcher(out).replaceAll("$1$2$3" + MASK);
        return JWT.matcher(out).replaceAll(MASK);
    }

    /** A copy that also masks {@code more} values. */
    public Redactor with(Collection<String> more) {
        var all = new java.util.ArrayList<>(secrets);
        all.addAll(more);
        return new Redactor(all);
    }
}
