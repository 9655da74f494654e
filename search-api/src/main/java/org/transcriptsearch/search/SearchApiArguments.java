package org.transcriptsearch.search;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code search-api.jar}: {@code [--config FILE] [--insecure] [--log-level LEVEL]
 * [--log-format text|json] [--help]}, each valued option also as {@code --option=VALUE}.
 *
 * @param config    the indexer's config file, for its {@code elasticsearch:} and {@code index:} sections; null = none
 * @param logLevel  null = TRANSCRIPTS_LOG_LEVEL, else info
 * @param logFormat null = TRANSCRIPTS_LOG_FORMAT, else text
 */
record SearchApiArguments(boolean help, boolean insecure, Path config, String logLevel, String logFormat) {

    /** @throws IllegalArgumentException an argument it does not know or an option without its value (one line) */
    static SearchApiArguments parse(List<String> args) {
        boolean help = false;
        boolean insecure = false;
        Path config = null;
        String level = null;
        String format = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            String inline = name.equals(arg) ? null : arg.substring(eq + 1);
            boolean flag = name.equals("--help") || name.equals("-h") || name.equals("--insecure");
            if (inline != null && flag) {
                throw new IllegalArgumentException(name + " takes no value, not '" + arg + "'");
            }
            if (inline != null && inline.isBlank()) {
                throw new IllegalArgumentException(name + " needs a value: " + name + "=VALUE");
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--insecure" -> insecure = true;
                case "--config" -> config = Path.of(inline != null ? inline : value(args, ++i, name, "FILE"));
                case "--log-level" -> level = inline != null ? inline : value(args, ++i, name, "LEVEL");
                case "--log-format" -> format = inline != null ? inline : value(args, ++i, name, "text|json");
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return new SearchApiArguments(help, insecure, config, level, format);
    }

    private static String value(List<String> args, int i, String option, String what) {
        if (i >= args.size() || args.get(i).isBlank() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value: " + option + " " + what);
        }
        return args.get(i);
    }
}
