package org.transcriptsearch.indexer.source.kore;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.transcriptsearch.indexer.source.HarvestWindow;

/**
 * Cuts a harvest window into the {@code dateFrom..dateTo} windows Kore accepts: each strictly shorter
 * than 7 days (the vendor fails the call otherwise) and none reaching past now. Paging with
 * {@code skip} is only stable over a window that no longer receives messages (new ones would shift the
 * pages), which the runner's {@code settle} gives us; clipping to now keeps a window that starts in
 * the future (a clock running ahead of the vendor's) from being asked at all.
 */
final class KoreWindows {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private KoreWindows() {
    }

    static List<HarvestWindow> plan(HarvestWindow window, Duration size, Instant now) {
        if (size.compareTo(KoreSettings.VENDOR_MAX_WINDOW) >= 0 || size.isNegative() || size.isZero()) {
            throw new IllegalArgumentException("a Kore window must be positive and shorter than 7 days, not " + size);
        }
        Instant end = window.to().isAfter(now) ? now : window.to();
        List<HarvestWindow> out = new ArrayList<>();
        for (Instant from = window.from(); from.isBefore(end); ) {
            Instant to = from.plus(size).isBefore(end) ? from.plus(size) : end;
            out.add(new HarvestWindow(from, to));
            from = to;
        }
        return out;
    }

    /** The vendor's date form with milliseconds, UTC: {@code 2019-04-01T13:25:58.515Z}. */
    static String format(Instant t) {
        return ISO_MILLIS.format(t);
    }
}
