package org.transcriptsearch.text;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.transcriptsearch.privacy.PiiKind;

/**
 * A redaction placeholder typed as a search term ({@code [CARD]}, {@code [member_id]}): the kind of personal
 * data it stands for, as a message's {@code pii} field names it. The analyzers read {@code [CARD]} as the
 * word "card", so searched as text it would also find "my card was declined"; searched through {@code pii}
 * it finds exactly the messages that held a card number.
 *
 * @param name    the kind as {@code pii} holds it: a built-in kind's name ({@code card}), or the name of a
 *                pattern of the user's own in lower case (matched case-insensitively)
 * @param builtIn whether it is one of {@link PiiKind}; any other bracketed name may be a pattern of the
 *                user's own or text a customer typed ("[OK]"), so it is searched both ways
 */
public record RedactedKind(String name, boolean builtIn) {
    /** Letters, digits and '_' in brackets: the names {@code privacy.patterns} accepts. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\[([A-Za-z0-9_]+)]");

    /** The kind a whole token names, if it is a placeholder. */
    public static Optional<RedactedKind> of(String token) {
        Matcher m = PLACEHOLDER.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        return Optional.of(new RedactedKind(name, PiiKind.ofConfigName(name).isPresent()));
    }

    /** What redaction wrote in the text for this kind. */
    public String placeholder() {
        return "[" + name.toUpperCase(Locale.ROOT) + "]";
    }
}
