package org.transcriptsearch.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.transcriptsearch.config.ConfigException;
import org.transcriptsearch.text.Thesauri;
import org.transcriptsearch.text.Thesaurus;

/**
 * The synonyms queries are expanded with: one file per language ({@code ko.txt}, {@code ja.txt},
 * {@code zh.txt}, {@code en.txt}, Solr synonym format). Built into the jar; with a folder
 * ({@code SEARCH_SYNONYMS}), a file there replaces the built-in one of its language. The folder's files
 * are looked at again at most every {@link #CHECK_EVERY} when queries come: a changed file is read
 * and used from the next query on, without a restart; a file with a broken line is refused (logged with
 * its file and line) and the rules read before stay in use, so an edit in progress never empties search.
 */
public final class SynonymFiles {
    static final List<String> LANGUAGES = List.of("ko", "ja", "zh", "en");
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SynonymFiles.class);

    private final Path folder;
    private final Map<String, Thesaurus> builtIn;
    private volatile Thesauri current;
    private volatile long checkedAt;
    private List<String> lastProblems = List.of();
    /** Per language: the folder file's last-modified time and size last read (absent: built-in in use). */
    private final Map<String, String> versions = new HashMap<>();

    private SynonymFiles(Path folder, Map<String, Thesaurus> builtIn) {
        this.folder = folder;
        this.builtIn = builtIn;
    }

    /** The built-in synonyms only. */
    public static SynonymFiles builtIn() {
        return open(null);
    }

    /**
     * {@code folder} null: built-in only. A folder that is not there or a file in it that cannot be
     * read is a {@link ConfigException} naming it, so a typo in the setting is seen at start.
     */
    static SynonymFiles open(Path folder) {
        Map<String, Thesaurus> builtIn = new HashMap<>();
        for (String lang : LANGUAGES) {
            try (InputStream in = SynonymFiles.class.getResourceAsStream("/synonyms/" + lang + ".txt")) {
                Objects.requireNonNull(in, "synonyms/" + lang + ".txt is missing from the jar");
                builtIn.put(lang, Thesaurus.parse("built-in synonyms/" + lang + ".txt",
                        new InputStreamReader(in, StandardCharsets.UTF_8)));
            } catch (IOException | Thesaurus.SyntaxError e) {
                throw new IllegalStateException("the built-in synonyms cannot be read: " + e.getMessage(), e);
            }
        }
        if (folder != null && !Files.isDirectory(folder)) {
            throw new ConfigException("SEARCH_SYNONYMS is " + folder + ", which is not a folder: make it, or unset "
                    + "SEARCH_SYNONYMS to use the built-in synonyms");
        }
        SynonymFiles files = new SynonymFiles(folder, Map.copyOf(builtIn));
        List<String> problems = files.reload();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return files;
    }

    /** The synonyms to use now. */
    public Thesauri current() {
        long now = System.nanoTime();
        if (folder != null && now - checkedAt > CHECK_EVERY.toNanos()) {
            synchronized (this) {
                if (now - checkedAt > CHECK_EVERY.toNanos()) {
                    checkedAt = now;
                    List<String> problems = reload();
                    if (!problems.equals(lastProblems)) {
                        problems.forEach(p -> LOG.warn("synonyms not reloaded: {} (the rules read before stay in use)", p));
                    }
                    lastProblems = problems;
                }
            }
        }
        return current;
    }

    /** Reads what changed; returns the problems (then nothing changes). */
    private synchronized List<String> reload() {
        Map<String, Thesaurus> next = new HashMap<>(builtIn);
        Map<String, String> nextVersions = new HashMap<>();
        List<String> problems = new java.util.ArrayList<>();
        if (folder != null) {
            for (String lang : LANGUAGES) {
                Path file = folder.resolve(lang + ".txt");
                try {
                    String version = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
                    nextVersions.put(lang, version);
                    if (current != null && version.equals(versions.get(lang))) {
                        next.put(lang, current.get(lang));
                        continue;
                    }
                    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        next.put(lang, Thesaurus.parse(file.toString(), in));
                    }
                } catch (NoSuchFileException e) {
                    // this language keeps its built-in synonyms
                } catch (IOException e) {
                    problems.add(file + " cannot be read (" + e.getClass().getSimpleName() + "): check its permissions");
                } catch (Thesaurus.SyntaxError e) {
                    problems.add(e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        if (current == null || !nextVersions.equals(versions)) {
            if (current != null) {
                LOG.info("synonyms reloaded from {}: entries per language {}", folder, new Thesauri(next).sizes());
            }
            versions.clear();
            versions.putAll(nextVersions);
            current = new Thesauri(next);
        }
        return List.of();
    }
}
