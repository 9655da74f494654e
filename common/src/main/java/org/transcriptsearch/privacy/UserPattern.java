package org.transcriptsearch.privacy;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern of the user's own ({@code privacy.patterns}): what it matches, in the text as written, becomes
 * the name in capitals ({@code member_id} → {@code [MEMBER_ID]}) and the name goes into {@code pii}.
 * User patterns win over the built-in kinds when two matches have the same length.
 */
public record UserPattern(String name, Pattern regex) {
    static final int RANK = 0;

    public String placeholder() {
        return "[" + name.toUpperCase(Locale.ROOT) + "]";
    }

    void find(String text, List<PiiMatch> found) {
        Matcher m = regex.matcher(text);
        while (m.find()) {
            if (m.end() > m.start()) {
                found.add(new PiiMatch(m.start(), m.end(), name, placeholder(), RANK));
            }
        }
    }
}
