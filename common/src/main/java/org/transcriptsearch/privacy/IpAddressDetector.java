package org.transcriptsearch.privacy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 addresses (four octets 0-255, not part of a longer dotted number, not after a letter, so {@code v1.2.3.4}
 * stays) and IPv6 addresses in full, compressed ({@code ::}) and IPv4-suffixed forms, with an optional zone.
 */
final class IpAddressDetector implements PiiDetector {
    static final int RANK = 5;

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9A-Za-z.])" + OCTET + "(?:\\." + OCTET + "){3}(?![0-9A-Za-z]|\\.\\d)");
    /** A candidate only; {@link #isIpv6} decides. Possessive, so a long run of hex and colons is read once. */
    private static final Pattern IPV6_CANDIDATE = Pattern.compile(
            "(?<![0-9A-Za-z:.])[0-9A-Fa-f:]{2,39}+(?:\\.\\d{1,3}){0,3}+(?:%[0-9A-Za-z]{1,15}+)?");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private static final Pattern IPV4_WHOLE = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");

    @Override
    public void find(MatchingText text, List<PiiMatch> found) {
        String s = text.text();
        Matcher m = IPV4.matcher(s);
        while (m.find()) {
            found.add(text.match(m.start(), m.end(), PiiKind.IP, RANK));
        }
        m = IPV6_CANDIDATE.matcher(s);
        while (m.find()) {
            int end = m.end();
            if (end < s.length() && isWordChar(s.charAt(end))) {
                continue;
            }
            int start = m.start();
            String candidate = m.group();
            if (candidate.startsWith(":") && !candidate.startsWith("::")) {
                // "IP:fe80::1", "地址：fe80::1": the colon belongs to the sentence.
                start++;
                candidate = candidate.substring(1);
            }
            if (candidate.endsWith(":") && !candidate.endsWith("::")) {
                // "2001:db8::1: blocked" ends a sentence part, not the address.
                end--;
                candidate = candidate.substring(0, candidate.length() - 1);
            }
            int zone = candidate.indexOf('%');
            if (isIpv6(zone < 0 ? candidate : candidate.substring(0, zone))) {
                found.add(text.match(start, end, PiiKind.IP, RANK));
            }
        }
    }

    static boolean isIpv6(String address) {
        if (address.indexOf(':') < 0) {
            return false;
        }
        int groupsWanted = 8;
        String hexPart = address;
        int lastColon = address.lastIndexOf(':');
        if (address.indexOf('.') >= 0) {
            if (!IPV4_WHOLE.matcher(address.substring(lastColon + 1)).matches()) {
                return false;
            }
            groupsWanted = 6;
            hexPart = address.substring(0, lastColon + 1) + "0";
            groupsWanted++;
        }
        int compressed = hexPart.indexOf("::");
        if (compressed >= 0) {
            if (hexPart.indexOf("::", compressed + 1) >= 0) {
                return false;
            }
            int before = count(hexPart.substring(0, compressed));
            int after = count(hexPart.substring(compressed + 2));
            return before >= 0 && after >= 0 && before + after < groupsWanted && address.matches(".*[0-9A-Fa-f].*");
        }
        return count(hexPart) == groupsWanted;
    }

    /** The number of hex groups in a colon-separated list, or -1 if it is not one. */
    private static int count(String groups) {
        if (groups.isEmpty()) {
            return 0;
        }
        String[] parts = groups.split(":", -1);
        for (String part : parts) {
            if (!HEX_GROUP.matcher(part).matches()) {
                return -1;
            }
        }
        return parts.length;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) && c < 0x80 || c == '_' || c == ':';
    }
}
