package org.transcriptsearch.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Synonyms in the Solr synonym file format, applied to queries: a line {@code a, b, c} makes each of
 * its entries search all of them; {@code a, b => c, d} makes {@code a} and {@code b} also search
 * {@code c} and {@code d} (one way; what was typed is always searched too); {@code #} starts a
 * comment; {@code \,} is a comma inside an entry. An entry may hold several words ("human agent").
 * Entries are compared after NFKC folding (full-width forms, half-width kana) and lower-casing, so
 * {@code ＰＷ} is {@code pw}. Several files (one per language) merge into one thesaurus: their
 * entries are written in different scripts, and an entry listed in two files searches both groups.
 */
public final class Thesaurus {
    public static final Thesaurus EMPTY = new Thesaurus(Map.of(), 0);

    /** A line that is not a valid rule; {@code line} counts from 1. */
    public static final class SyntaxError extends Exception {
        public SyntaxError(String file, int line, String problem) {
            super(file + ":" + line + ": " + problem);
        }
    }

    private final Map<String, Set<String>> alternatives;
    private final int longestEntryWords;
    /** Every word in Latin letters of the entries: what a misspelt word is compared with. */
    private final Set<String> vocabulary;

    private Thesaurus(Map<String, Set<String>> alternatives, int longestEntryWords) {
        this.alternatives = alternatives;
        this.longestEntryWords = longestEntryWords;
        Set<String> words = new java.util.HashSet<>();
        alternatives.keySet().forEach(entry -> {
            for (String w : words(entry)) {
                if (w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                    words.add(w);
                }
            }
        });
        this.vocabulary = Set.copyOf(words);
    }

    Set<String> vocabulary() {
        return vocabulary;
    }

    /** Reads one file; {@code name} appears in errors. */
    public static Thesaurus parse(String name, Reader in) throws IOException, SyntaxError {
        Builder b = new Builder();
        b.add(name, in);
        return b.build();
    }

    /** Merges files read in turn. */
    public static final class Builder {
        private final Map<String, Set<String>> alternatives = new HashMap<>();
        private int longest;

        public Builder add(String name, Reader reader) throws IOException, SyntaxError {
            BufferedReader in = new BufferedReader(reader);
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                rule(name, number, stripComment(line));
            }
            return this;
        }

        public Thesaurus build() {
            Map<String, Set<String>> frozen = new HashMap<>();
            alternatives.forEach((k, v) -> frozen.put(k, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(v))));
            return new Thesaurus(Map.copyOf(frozen), longest);
        }

        private void rule(String name, int number, String line) throws SyntaxError {
            if (line.isBlank()) {
                return;
            }
            int arrow = line.indexOf("=>");
            if (arrow >= 0 && line.indexOf("=>", arrow + 2) >= 0) {
                throw new SyntaxError(name, number, "more than one '=>'");
            }
            List<String> left = entries(name, number, arrow < 0 ? line : line.substring(0, arrow));
            List<String> right = arrow < 0 ? left : entries(name, number, line.substring(arrow + 2));
            if (arrow < 0 && left.size() < 2) {
                throw new SyntaxError(name, number, "a synonym group needs at least two entries separated by commas");
            }
            for (String from : left) {
                Set<String> to = alternatives.computeIfAbsent(from, k -> new LinkedHashSet<>());
                for (String entry : right) {
                    if (!entry.equals(from)) {
                        to.add(entry);
                    }
                }
                longest = Math.max(longest, words(from).length);
            }
        }

        private static List<String> entries(String name, int number, String side) throws SyntaxError {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (int i = 0; i < side.length(); i++) {
                char c = side.charAt(i);
                if (c == '\\' && i + 1 < side.length()) {
                    current.append(side.charAt(++i));
                } else if (c == ',') {
                    out.add(current.toString());
                    current.setLength(0);
                } else {
                    current.append(c);
                }
            }
            out.add(current.toString());
            List<String> normalized = new ArrayList<>();
            for (String e : out) {
                String n = normalize(e);
                if (n.isEmpty()) {
                    throw new SyntaxError(name, number, "an empty entry (two commas in a row, or a comma at an end)");
                }
                normalized.add(n);
            }
            return normalized;
        }

        private static String stripComment(String line) {
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == '\\') {
                    i++;
                } else if (line.charAt(i) == '#') {
                    return line.substring(0, i);
                }
            }
            return line;
        }
    }

    /**
     * This thesaurus with the rules of {@code other} whose entries and alternatives all pass {@code keep}
     * (used to let a Chinese query use the Japanese rules written in kanji alone).
     */
    public Thesaurus with(Thesaurus other, java.util.function.Predicate<String> keep) {
        Map<String, Set<String>> merged = new HashMap<>();
        alternatives.forEach((k, v) -> merged.put(k, new LinkedHashSet<>(v)));
        int longest = longestEntryWords;
        for (var e : other.alternatives.entrySet()) {
            if (!keep.test(e.getKey())) {
                continue;
            }
            Set<String> to = merged.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
            e.getValue().stream().filter(keep).forEach(to::add);
            longest = Math.max(longest, words(e.getKey()).length);
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        merged.forEach((k, v) -> frozen.put(k, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        return new Thesaurus(Map.copyOf(frozen), longest);
    }

    /** NFKC, lower case, single spaces: how entries and query words are compared. */
    public static String normalize(String text) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return String.join(" ", words(n));
    }

    /** What {@code entry} (normalized) also searches, in file order; empty when it is no entry. */
    public Collection<String> alternativesOf(String entry) {
        return alternatives.getOrDefault(entry, Set.of());
    }

    public boolean contains(String entry) {
        return alternatives.containsKey(entry);
    }

    /** The most words an entry has: how far a match over a query's words needs to look. */
    int longestEntryWords() {
        return longestEntryWords;
    }

    public int size() {
        return alternatives.size();
    }

    private static String[] words(String text) {
        String t = text.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }
}
