package org.transcriptsearch.indexer.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line after the command name: {@code --flag}, {@code --option value} (repeatable) and
 * positional words. Unknown options are a usage error naming the option.
 */
public final class Arguments {
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Arguments() {
    }

    /**
     * @param flags   options that take no value
     * @param valued  options that take one value each time they appear
     */
    public static Arguments parse(List<String> args, Set<String> flags, Set<String> valued) {
        Arguments a = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                if (flags.contains(name) && value == null) {
                    a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    List<String> known = new ArrayList<>(flags);
                    known.addAll(valued);
                    throw new UsageException("unknown option " + name
                            + (known.isEmpty() ? " (this command takes none)" : " (known: " + String.join(", ", known) + ")"));
                }
            } else {
                a.positional.add(arg);
            }
        }
        return a;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public Optional<String> value(String name) {
        List<String> v = options.get(name);
        return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    public List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    public List<String> positional() {
        return positional;
    }
}
