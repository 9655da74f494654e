package org.transcriptsearch.privacy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs, written whole or in groups of four: two capital letters, two check digits, the account, and the
 * ISO 13616 mod-97 check; for the countries listed the length must be that country's.
 */
final class IbanDetector implements PiiDetector {
    static final int RANK = 2;

    private static final Pattern COMPACT = Pattern.compile("(?<![0-9A-Za-z])[A-Z]{2}\\d{2}[A-Z0-9]{11,30}+(?![0-9A-Za-z])");
    private static final Pattern GROUPED = Pattern.compile(
            "(?<![0-9A-Za-z])[A-Z]{2}\\d{2}(?: [A-Z0-9]{4}){2,7}+(?: [A-Z0-9]{1,3})?(?![0-9A-Za-z])");
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("CH", 21), Map.entry("CZ", 24), Map.entry("DE", 22),
            Map.entry("DK", 18), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("IE", 22), Map.entry("IT", 27), Map.entry("LU", 20), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PL", 28), Map.entry("PT", 25), Map.entry("SE", 24), Map.entry("AE", 23), Map.entry("SA", 24));

    @Override
    public void find(MatchingText text, List<PiiMatch> found) {
        for (Pattern pattern : List.of(COMPACT, GROUPED)) {
            Matcher m = pattern.matcher(text.text());
            while (m.find()) {
                if (isIban(m.group().replace(" ", ""))) {
                    found.add(text.match(m.start(), m.end(), PiiKind.IBAN, RANK));
                }
            }
        }
    }

    static boolean isIban(String iban) {
        Integer length = LENGTHS.get(iban.substring(0, 2));
        if (iban.length() < 15 || iban.length() > 34 || (length != null && iban.length() != length)) {
            return false;
        }
        StringBuilder numeric = new StringBuilder();
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
