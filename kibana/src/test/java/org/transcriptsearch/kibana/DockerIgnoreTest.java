package org.transcriptsearch.kibana;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * .dockerignore against what docker/*&#47;Dockerfile really copy: every file of the repository (and the
 * build outputs, present or not) reaches the image builder only if some COPY takes it. Secrets (.env),
 * .git and the rest of target/ (the 100 MB distribution zip) never do.
 */
class DockerIgnoreTest {
    private static final Path ROOT = Path.of("..");

    /** The Dockerfiles' COPY sources, relative to the build context (the repository root). */
    static List<String> copySources() throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("docker"))) {
            for (Path dir : files.filter(Files::isDirectory).sorted().toList()) {
                Path dockerfile = dir.resolve("Dockerfile");
                if (!Files.exists(dockerfile)) {
                    continue;
                }
                for (String line : Files.readAllLines(dockerfile)) {
                    if (!line.startsWith("COPY ")) {
                        continue;
                    }
                    List<String> words = new ArrayList<>(List.of(line.substring(5).trim().split("\\s+")));
                    words.removeIf(w -> w.startsWith("--"));
                    sources.addAll(words.subList(0, words.size() - 1)); // the last word is the destination
                }
            }
        }
        return sources;
    }

    @Test
    void theDockerfilesCopySomething() throws IOException {
        List<String> sources = copySources();
        assertTrue(sources.contains("indexer/target/indexer.jar") && sources.contains("search-api/target/search-api.jar"),
                sources::toString);
    }

    @Test
    void everythingADockerfileCopiesIsSentAndNothingElse() throws IOException {
        DockerIgnore ignore = DockerIgnore.load(ROOT.resolve(".dockerignore"));
        List<String> sources = copySources();
        List<String> paths = new ArrayList<>(repositoryFiles());
        // Build outputs and secrets that may not be on this machine now, by the names they have when they are.
        paths.addAll(List.of(".env", ".git/config", "indexer/target/indexer.jar", "search-api/target/search-api.jar",
                "analysis-plugin/target/analysis-plugin-0.1.0-SNAPSHOT.zip", "indexer/target/lib/elasticsearch-8.19.21.zip",
                "indexer/target/lib/transcripts-analysis-0.1.0-SNAPSHOT.zip", "indexer/target/classes/x.class",
                "search-api/target/original-search-api.jar", "kibana/target/surefire-reports/x.txt",
                "common/target/common-0.1.0-SNAPSHOT.jar", "analysis-plugin/target/classes/A.class",
                "docker/transcripts.yml", "kibana/saved-objects/data-views.ndjson"));
        List<String> wrong = new ArrayList<>();
        for (String path : paths.stream().distinct().toList()) {
            boolean copied = sources.stream().anyMatch(s -> copiedBy(s, path));
            boolean sent = !ignore.excludes(path);
            if (copied && !sent) {
                wrong.add(path + " is copied by a Dockerfile but .dockerignore leaves it out");
            } else if (sent && !copied) {
                wrong.add(path + " goes to the image builder but no Dockerfile copies it");
            }
        }
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
    }

    @Test
    void secretsAndBuildDebrisStayOut() throws IOException {
        DockerIgnore ignore = DockerIgnore.load(ROOT.resolve(".dockerignore"));
        for (String path : List.of(".env", ".git/HEAD", "indexer/target/lib/elasticsearch-8.19.21.zip", "pom.xml",
                "common/src/main/java/A.java", ".env.example", "docker/transcripts.yml")) {
            assertTrue(ignore.excludes(path), path + " must not go to the image builder");
        }
        assertFalse(ignore.excludes("indexer/target/indexer.jar"));
    }

    @Test
    void theMatcherFollowsDockersRules() {
        DockerIgnore ignore = DockerIgnore.parse(List.of("*", "!a/b/*.zip", "a/b/x*.zip", "!**/keep.txt"));
        assertTrue(ignore.excludes("top.txt"));
        assertTrue(ignore.excludes("a/b/c/y.zip"), "a parent matched by * excludes what is under it");
        assertFalse(ignore.excludes("a/b/y.zip"));
        assertTrue(ignore.excludes("a/b/x1.zip"), "the last matching line wins");
        assertFalse(ignore.excludes("deep/er/keep.txt"));
    }

    /** A COPY source takes a path if it names it, names a directory holding it, or is a glob matching it. */
    private static boolean copiedBy(String source, String path) {
        String s = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
        if (s.contains("*") || s.contains("?")) {
            return DockerIgnore.glob(s).matcher(path).matches();
        }
        return path.equals(s) || path.startsWith(s + "/");
    }

    /**
     * Every file under the repository root as the image builder would see it, less .git and the target/
     * directories (build output changes while tests run; the test names the build outputs that matter).
     */
    private static List<String> repositoryFiles() throws IOException {
        Path root = ROOT.toRealPath();
        List<String> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(root) && (name.equals(".git") || name.equals("target"))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(root.relativize(file).toString().replace('\\', '/'));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // gone while walking
            }
        });
        return files;
    }

    /** .dockerignore as Docker reads it: Go-style globs, {@code **} across directories, last match wins, a matched directory takes its contents. */
    record DockerIgnore(List<Rule> rules) {
        record Rule(Pattern pattern, boolean exception) {
        }

        static DockerIgnore load(Path file) throws IOException {
            return parse(Files.readAllLines(file));
        }

        static DockerIgnore parse(List<String> lines) {
            List<Rule> rules = new ArrayList<>();
            for (String raw : lines) {
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean exception = line.startsWith("!");
                String p = exception ? line.substring(1).trim() : line;
                p = p.replaceAll("^/+", "").replaceAll("/+$", "");
                rules.add(new Rule(glob(p), exception));
            }
            return new DockerIgnore(rules);
        }

        static Pattern glob(String glob) {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    i++;
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:.*/)?");
                    } else {
                        re.append(".*");
                    }
                } else if (c == '*') {
                    re.append("[^/]*");
                } else if (c == '?') {
                    re.append("[^/]");
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(re.toString());
        }

        boolean excludes(String path) {
            boolean excluded = false;
            for (Rule rule : rules) {
                if (matchesOrParent(rule.pattern(), path)) {
                    excluded = !rule.exception();
                }
            }
            return excluded;
        }

        private static boolean matchesOrParent(Pattern pattern, String path) {
            String p = path;
            while (true) {
                if (pattern.matcher(p).matches()) {
                    return true;
                }
                int slash = p.lastIndexOf('/');
                if (slash < 0) {
                    return false;
                }
                p = p.substring(0, slash);
            }
        }
    }
}
