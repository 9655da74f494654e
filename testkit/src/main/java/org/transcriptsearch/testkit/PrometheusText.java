package org.transcriptsearch.testkit;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples read out of a Prometheus text answer ({@code GET /metrics}), by name and labels. */
public final class PrometheusText {
    private PrometheusText() {
    }

    /** The sum of the samples of {@code name} whose labels hold every one of {@code labels} (such as {@code status="429"}). */
    public static long sum(String metrics, String name, String... labels) {
        long total = 0;
        Matcher line = samples(metrics, name);
        while (line.find()) {
            if (holdsAll(line.group(1), labels)) {
                total += (long) Double.parseDouble(line.group(2));
            }
        }
        return total;
    }

    /** The value of the first sample of {@code name} whose labels hold every one of {@code labels}; empty if none. */
    public static OptionalDouble value(String metrics, String name, String... labels) {
        Matcher line = samples(metrics, name);
        while (line.find()) {
            if (holdsAll(line.group(1), labels)) {
                return OptionalDouble.of(Double.parseDouble(line.group(2)));
            }
        }
        return OptionalDouble.empty();
    }

    private static Matcher samples(String metrics, String name) {
        return Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)\\})? (\\S+)$", Pattern.MULTILINE).matcher(metrics);
    }

    private static boolean holdsAll(String labels, String... wanted) {
        for (String w : wanted) {
            if (labels == null || !labels.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
