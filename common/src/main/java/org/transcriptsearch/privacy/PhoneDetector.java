package org.transcriptsearch.privacy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Phone numbers as written in Korea, Japan, mainland China, Taiwan, Hong Kong, the US and the UK, and any
 * number in international form ({@code +} and 8 to 15 digits, E.164). Without a country code a number must
 * have a domestic shape: a mobile number (KR, JP, CN, TW, UK), a landline with a trunk {@code 0} and 9 to 12
 * digits written with separators (or without, next to a word that says it is a phone), a US number grouped
 * 3-3-4, or a Hong Kong number grouped 4-4 next to such a word.
 */
final class PhoneDetector implements PiiDetector {
    static final int RANK = 6;

    /** National significant numbers (after the country code, without the trunk 0) of the countries we know. */
    private static final Map<String, Pattern> NATIONAL = Map.of(
            "82", Pattern.compile("1[016789]\\d{7,8}|2\\d{7,8}|[3-6][1-5]\\d{7,8}|70\\d{8}"),
            "81", Pattern.compile("[1-9]\\d{8,9}"),
            "86", Pattern.compile("1[3-9]\\d{9}|[1-9]\\d{8,10}"),
            "886", Pattern.compile("9\\d{8}|[2-8]\\d{7,8}"),
            "852", Pattern.compile("[2-9]\\d{7}"),
            "1", Pattern.compile("[2-9]\\d{2}[2-9]\\d{6}"),
            "44", Pattern.compile("7\\d{9}|[1-3]\\d{8,9}"));
    private static final List<String> COUNTRY_CODES = List.of("886", "852", "82", "81", "86", "44", "1");

    private static final Pattern DOMESTIC_TRUNK = Pattern.compile("02\\d{7,8}|0[1-9]\\d{8,10}");
    /** Mobile numbers: KR 010/011/016-019, JP 070/080/090, CN 13x-19x, TW 09, UK 07. */
    private static final Pattern MOBILE = Pattern.compile("01[016789]\\d{7,8}|0[789]0\\d{8}|1[3-9]\\d{9}|09\\d{8}|07\\d{9}");
    private static final Pattern US = Pattern.compile("1?[2-9]\\d{2}[2-9]\\d{6}");
    private static final Pattern HONG_KONG = Pattern.compile("[2-9]\\d{7}");
    private static final Pattern PHONE_WORDS = Pattern.compile(
            "(?i)hong ?kong|\\bhk|香港|電話|电话|手機|手机|手提|whats ?app|phone|\\btel|\\bcall|\\bmobile|\\bcontact|聯絡|聯繫|联系|連絡|연락|전화");
    private static final int CONTEXT = 30;

    @Override
    public void find(MatchingText text, List<PiiMatch> found) {
        String s = text.text();
        DigitRun.scan(s, run -> {
            if (isPhone(run, s)) {
                found.add(text.match(run.start(), run.end(), PiiKind.PHONE, RANK));
                return true;
            }
            return false;
        });
    }

    static boolean isPhone(DigitRun run, String text) {
        String d = run.digits();
        if (run.plus()) {
            return isInternational(d);
        }
        if (d.length() > 12) {
            return false;
        }
        if (MOBILE.matcher(d).matches()) {
            return true;
        }
        int[] groups = run.groups();
        if (groups.length > 1 && (groups[0] < 2 || groups[groups.length - 1] < 3)) {
            return false;  // "0 12345 67890 5" is a barcode: no dialling code is one digit, no number ends in two
        }
        if (DOMESTIC_TRUNK.matcher(d).matches()) {
            // Written without any separator, a landline looks like an invoice or account code: say it is a phone.
            return run.groups().length > 1 || saysPhone(text, run.start());
        }
        if (US.matcher(d).matches() && (run.groupsAre(3, 3, 4) || run.groupsAre(1, 3, 3, 4))) {
            return true;
        }
        return HONG_KONG.matcher(d).matches() && run.groupsAre(4, 4) && saysPhone(text, run.start());
    }

    private static boolean isInternational(String d) {
        if (d.length() < 8 || d.length() > 15 || d.startsWith("0")) {
            return false;
        }
        for (String cc : COUNTRY_CODES) {
            if (d.startsWith(cc)) {
                String national = d.substring(cc.length());
                if (national.startsWith("0")) {
                    national = national.substring(1);
                }
                return NATIONAL.get(cc).matcher(national).matches();
            }
        }
        return true;
    }

    private static boolean saysPhone(String text, int start) {
        return PHONE_WORDS.matcher(text.substring(Math.max(0, start - CONTEXT), start)).find();
    }
}
