package org.transcriptsearch.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses with an ASCII local part and a domain ending in a name of at least two letters; the
 * full-width {@code ＠} and dots count, since the copy matched is normalised. Obfuscated forms
 * ({@code name (at) domain}) and non-ASCII local parts are not detected.
 */
final class EmailDetector implements PiiDetector {
    static final int RANK = 4;

    /** Possessive and anchored on a boundary, so a long run of address characters cannot make it backtrack. */
    private static final Pattern EMAIL = Pattern.compile(
            "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@(?:[A-Za-z0-9-]{1,63}+\\.)+[A-Za-z]{2,24}+(?![A-Za-z0-9-])");

    @Override
    public void find(MatchingText text, List<PiiMatch> found) {
        Matcher m = EMAIL.matcher(text.text());
        while (m.find()) {
            found.add(text.match(m.start(), m.end(), PiiKind.EMAIL, RANK));
        }
    }
}
