package org.transcriptsearch.logging;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.transcriptsearch.config.ConfigException;

/**
 * How much is logged and in which shape: from an option when one is given, else from
 * {@value #LEVEL_VARIABLE} and {@value #FORMAT_VARIABLE}, else {@code info} and {@code text}.
 */
public record LogSettings(Level level, LogFormat format) {
    public static final String LEVEL_VARIABLE = "TRANSCRIPTS_LOG_LEVEL";
    public static final String FORMAT_VARIABLE = "TRANSCRIPTS_LOG_FORMAT";
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

    public static final LogSettings DEFAULTS = new LogSettings(Level.INFO, LogFormat.TEXT);

    /** One line per event: a human's, or one ECS JSON object for a log shipper. */
    public enum LogFormat {
        TEXT, JSON;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code level} and {@code format} as given (null or blank: from {@code env}); both are checked, and both
     * problems are reported at once, each naming where the value came from and what is allowed.
     */
    public static LogSettings resolve(String level, String format, Map<String, String> env) {
        List<String> problems = new java.util.ArrayList<>();
        Level parsedLevel = Level.INFO;
        String levelText = given(level) ? level : env.get(LEVEL_VARIABLE);
        if (given(levelText)) {
            String key = levelText.strip().toLowerCase(Locale.ROOT);
            if (LEVELS.contains(key)) {
                parsedLevel = Level.toLevel(key);
            } else {
                problems.add((given(level) ? "--log-level" : LEVEL_VARIABLE) + " must be one of "
                        + String.join(", ", LEVELS) + ", not '" + levelText + "'");
            }
        }
        LogFormat parsedFormat = LogFormat.TEXT;
        String formatText = given(format) ? format : env.get(FORMAT_VARIABLE);
        if (given(formatText)) {
            String key = formatText.strip().toLowerCase(Locale.ROOT);
            if (key.equals("text") || key.equals("json")) {
                parsedFormat = LogFormat.valueOf(key.toUpperCase(Locale.ROOT));
            } else {
                problems.add((given(format) ? "--log-format" : FORMAT_VARIABLE) + " must be text or json, not '"
                        + formatText + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new LogSettings(parsedLevel, parsedFormat);
    }

    /** {@link #resolve} that falls back to the defaults instead of failing (for set-up before {@code main} runs). */
    static LogSettings resolveLeniently(Map<String, String> env) {
        try {
            return resolve(null, null, env);
        } catch (ConfigException e) {
            return DEFAULTS;
        }
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }
}
