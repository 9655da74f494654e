package org.transcriptsearch.localnode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Elasticsearch distribution (the Maven Central integ-test-zip) unpacked once per version and
 * plugin build, with the project's analysis plugin installed, readable by everyone, never written to
 * by a running node (each node has its own config, data and logs folders).
 */
public final class Distribution {
    public static final String ES_VERSION = "8.19.21";
    public static final String PLUGIN_NAME = "transcripts-analysis";

    private final Path home;

    private Distribution(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    public Path bin(String tool) {
        return home.resolve("bin").resolve(tool);
    }

    public Path defaultConfig() {
        return home.resolve("config");
    }

    /** Finds the zips, and unpacks and prepares the distribution if this version/plugin pair is new. */
    public static Distribution prepare(NodeHome nodeHome, Map<String, String> env, Consumer<String> progress) {
        Path esZip = locate("transcripts.es.zip", "TRANSCRIPTS_ES_ZIP", env, "elasticsearch-" + ES_VERSION + ".zip",
                mavenRepository(env).resolve("org/elasticsearch/distribution/integ-test-zip/elasticsearch/"
                        + ES_VERSION + "/elasticsearch-" + ES_VERSION + ".zip"))
                .orElseThrow(() -> new LocalNodeException("the Elasticsearch " + ES_VERSION + " distribution zip was "
                        + "not found: build the project first (mvn -q -DskipTests package puts it in indexer/target/lib), "
                        + "or set TRANSCRIPTS_ES_ZIP to the path of elasticsearch-" + ES_VERSION + ".zip"));
        Path pluginZip = locatePlugin(env)
                .orElseThrow(() -> new LocalNodeException("the analysis plugin zip (" + PLUGIN_NAME + ") was not found: "
                        + "build the project first (mvn -q -DskipTests package), or set TRANSCRIPTS_PLUGIN_ZIP"));
        String key = ES_VERSION + "-" + digest(pluginZip).substring(0, 12);
        Path target = nodeHome.distributions().resolve("elasticsearch-" + key);
        if (Files.isRegularFile(target.resolve(".ready"))) {
            return new Distribution(target);
        }
        NodeHome.createOpen(nodeHome.distributions());
        Path work = nodeHome.distributions().resolve(".unpacking-" + UUID.randomUUID());
        try {
            progress.accept("Unpacking Elasticsearch " + ES_VERSION + " into " + target + " (once) ...");
            unzip(esZip, work);
            Path unpacked = work.resolve("elasticsearch-" + ES_VERSION);
            Distribution d = new Distribution(unpacked);
            progress.accept("Installing the analysis plugin " + pluginZip.getFileName() + " ...");
            d.installPlugin(pluginZip);
            makeReadableByAll(unpacked);
            Files.writeString(unpacked.resolve(".ready"), key + "\n");
            try {
                Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileSystemException e) {
                // Another process prepared the same distribution at the same time: theirs is as good. (Linux
                // says "Directory not empty" as a plain FileSystemException.)
                if (!Files.isRegularFile(target.resolve(".ready"))) {
                    throw e;
                }
            }
            return new Distribution(target);
        } catch (IOException e) {
            throw new LocalNodeException("cannot prepare the Elasticsearch distribution in " + target + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    private void installPlugin(Path pluginZip) throws IOException {
        List<String> cmd = List.of(bin("elasticsearch-plugin").toString(), "install", "--batch",
                pluginZip.toUri().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("ES_JAVA_HOME", javaHome());
        pb.environment().remove("ES_JAVA_OPTS");
        Path tmp = Files.createDirectories(home.resolve("tmp-install"));
        pb.environment().put("ES_TMPDIR", tmp.toString());
        pb.environment().put("CLI_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("elasticsearch-plugin install failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while installing the plugin");
        } finally {
            deleteTree(tmp);
        }
    }

    static String javaHome() {
        return System.getProperty("java.home");
    }

    private static Optional<Path> locatePlugin(Map<String, String> env) {
        Optional<Path> explicit = fromProperty("transcripts.plugin.zip", "TRANSCRIPTS_PLUGIN_ZIP", env);
        if (explicit.isPresent()) {
            return explicit;
        }
        for (Path dir : candidateLibDirs()) {
            Optional<Path> found = firstMatching(dir, PLUGIN_NAME);
            if (found.isPresent()) {
                return found;
            }
        }
        String repoRoot = System.getProperty("transcripts.repo.root");
        if (repoRoot != null) {
            return firstMatching(Path.of(repoRoot, "analysis-plugin", "target"), "analysis-plugin");
        }
        return Optional.empty();
    }

    private static Optional<Path> locate(String property, String variable, Map<String, String> env, String fileName,
                                         Path mavenPath) {
        Optional<Path> explicit = fromProperty(property, variable, env);
        if (explicit.isPresent()) {
            return explicit;
        }
        for (Path dir : candidateLibDirs()) {
            Path p = dir.resolve(fileName);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Files.isRegularFile(mavenPath) ? Optional.of(mavenPath) : Optional.empty();
    }

    private static Optional<Path> fromProperty(String property, String variable, Map<String, String> env) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            v = env.get(variable);
        }
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        Path p = Path.of(v);
        if (!Files.isRegularFile(p)) {
            throw new LocalNodeException(variable + " (" + property + ") points at " + p + ", which does not exist");
        }
        return Optional.of(p.toAbsolutePath());
    }

    /** {@code lib/} beside the running jar (indexer/target/lib, search-api/target/lib). */
    private static List<Path> candidateLibDirs() {
        List<Path> dirs = new ArrayList<>();
        try {
            Path code = Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = Files.isDirectory(code) ? code.getParent() : code.getParent();
            if (dir != null) {
                dirs.add(dir.resolve("lib"));
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // No code source (unusual class loader): only the explicit settings and the Maven repository remain.
        }
        return dirs;
    }

    private static Optional<Path> firstMatching(Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".zip"))
                    .sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path mavenRepository(Map<String, String> env) {
        String prop = System.getProperty("transcripts.maven.repo");
        if (prop != null && !prop.isBlank() && !prop.startsWith("${")) {
            return Path.of(prop);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                Path out = into.resolve(e.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("zip entry escapes its folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                    // java.util.zip drops Unix modes; everything under a bin/ folder is a program.
                    if (out.getParent().getFileName().toString().equals("bin")) {
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
    }

    private static void makeReadableByAll(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isDirectory(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (Files.isExecutable(p)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
                }
            }
        }
    }

    static String digest(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // Left behind; the caller's next run cleans up again.
                }
            });
        } catch (IOException e) {
            // Same as above.
        }
    }
}
