package org.transcriptsearch.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * National identity numbers whose own check digit proves them:
 * <ul>
 * <li>Korean resident registration numbers, {@code YYMMDD-GNNNNNN}: a real birth date, a sex/century digit,
 *     and the check digit. Numbers issued since October 2020 have a random tail and no check digit; for
 *     birth dates from 2020-10-01 on (century digit 3, 4, 7 or 8) the hyphenated form with a real date is
 *     enough, because requiring the check digit would miss every child's number.</li>
 * <li>Japanese My Number, 12 digits (or 4-4-4) with its check digit. One random 12-digit number in eleven
 *     passes that check and 12-digit parcel tracking numbers are common in Japanese messages, so a word
 *     naming it (マイナンバー, 個人番号, My Number) must come shortly before.</li>
 * <li>Chinese resident identity numbers: 18 characters, a region, a real birth date, the ISO 7064 mod 11-2
 *     check character (0-9 or X).</li>
 * </ul>
 */
final class NationalIdDetector implements PiiDetector {
    static final int RANK = 1;

    private static final Pattern CHINA = Pattern.compile(
            "(?<![0-9A-Za-z])([1-8]\\d{5}) ?((?:19|20)\\d{6}) ?(\\d{3}[0-9Xx])(?![0-9A-Za-z])");
    private static final int[] CHINA_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final int[] KOREA_WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
    private static final LocalDate KOREA_RANDOM_TAIL_SINCE = LocalDate.of(2020, 10, 1);
    private static final Pattern MY_NUMBER_WORDS = Pattern.compile("(?i)マイナンバ|個人番号|my ?number");
    private static final int CONTEXT = 40;

    @Override
    public void find(MatchingText text, List<PiiMatch> found) {
        String s = text.text();
        Matcher m = CHINA.matcher(s);
        while (m.find()) {
            if (isChinese(m.group(1) + m.group(2) + m.group(3).toUpperCase())) {
                found.add(text.match(m.start(), m.end(), PiiKind.NATIONAL_ID, RANK));
            }
        }
        DigitRun.scan(s, run -> {
            if (!run.plus() && (isKorean(run) || isMyNumber(run, s))) {
                found.add(text.match(run.start(), run.end(), PiiKind.NATIONAL_ID, RANK));
                return true;
            }
            return false;
        });
    }

    static boolean isChinese(String id) {
        if (date(Integer.parseInt(id.substring(6, 10)), id.substring(10, 14)).isEmpty()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (id.charAt(i) - '0') * CHINA_WEIGHTS[i];
        }
        int check = (12 - sum % 11) % 11;
        return id.charAt(17) == (check == 10 ? 'X' : (char) ('0' + check));
    }

    static boolean isKorean(DigitRun run) {
        String d = run.digits();
        boolean hyphenated = run.groupsAre(6, 7) && run.linkedOnlyBy("-", " - ");
        if (d.length() != 13 || !(hyphenated || run.groupsAre(13) || (run.groupsAre(6, 7) && run.linkedOnlyBy(" ")))) {
            return false;
        }
        int centuryDigit = d.charAt(6) - '0';
        int century = switch (centuryDigit) {
            case 1, 2, 5, 6 -> 1900;
            case 3, 4, 7, 8 -> 2000;
            case 9, 0 -> 1800;
            default -> -1;
        };
        Optional<LocalDate> birth = date(century + Integer.parseInt(d.substring(0, 2)), d.substring(2, 6));
        if (birth.isEmpty()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (d.charAt(i) - '0') * KOREA_WEIGHTS[i];
        }
        if ((11 - sum % 11) % 10 == d.charAt(12) - '0') {
            return true;
        }
        return hyphenated && !birth.get().isBefore(KOREA_RANDOM_TAIL_SINCE);
    }

    static boolean isMyNumber(DigitRun run, String text) {
        String d = run.digits();
        if (d.length() != 12 || !(run.groupsAre(12) || (run.groupsAre(4, 4, 4) && run.linkedOnlyBy(" ", "-")))) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = d.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int remainder = sum % 11;
        int check = remainder <= 1 ? 0 : 11 - remainder;
        return check == d.charAt(11) - '0'
                && MY_NUMBER_WORDS.matcher(text.substring(Math.max(0, run.start() - CONTEXT), run.start())).find();
    }

    /** The birth date, if it is a real day that has already come. */
    private static Optional<LocalDate> date(int year, String monthDay) {
        try {
            LocalDate date = LocalDate.of(year, Integer.parseInt(monthDay.substring(0, 2)), Integer.parseInt(monthDay.substring(2, 4)));
            return date.isAfter(LocalDate.now()) ? Optional.empty() : Optional.of(date);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
