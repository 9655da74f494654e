package org.transcriptsearch.indexer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.transcriptsearch.localnode.LocalNode;
import org.transcriptsearch.localnode.NodeHome;

/**
 * The README's first command, {@code java -jar indexer/target/indexer.jar demo}, run as a user would: a
 * subprocess with a clean data folder. What it prints must answer; Ctrl-C must stop everything it
 * started; a second run must reuse the data and say the harvest found nothing new.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCommandIT {
    private static final Path JAR = Path.of("target", "indexer.jar");
    private static final Duration READY_WITHIN = Duration.ofMinutes(8);
    private static final Pattern CURL = Pattern.compile("^\\s*curl -sG (\\S+)/api/search((?: --data-urlencode '[^']*')+)");
    private static final Pattern PARAM = Pattern.compile("--data-urlencode '([^=]+)=([^']*)'");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path home;
    private static int esPort;

    @BeforeAll
    static void cleanHome() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by `mvn package` before the ITs run");
        // The name says whose folder it is, so the node (not root) may be let into it.
        home = Files.createTempDirectory("transcript-search-demo-it-");
        esPort = freePort();
    }

    @AfterAll
    static void removeHome() throws IOException {
        if (home == null) {
            return;
        }
        LocalNode node = new LocalNode(new NodeHome(home), Map.of());
        if (node.status().running()) {
            node.stop();
        }
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    @Order(1)
    void firstRunHarvestsServesWhatItPrintsAndStopsOnCtrlC() throws Exception {
        int port = freePort();
        Demo demo = Demo.start(port);
        try {
            List<String> out = demo.awaitReady();
            String all = String.join("\n", out);
            String explorer = valueAfter(out, "Explorer:");
            assertEquals("http://localhost:" + port + "/", explorer, all);

            HttpResponse<String> page = get(explorer);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Transcript explorer"), "the explorer page is served at /");

            List<String> curls = out.stream().filter(l -> CURL.matcher(l).find()).toList();
            assertEquals(3, curls.size(), "three example searches:\n" + all);
            assertTrue(curls.get(0).matches(".*q=[가-힣]+.*"), "a Korean search: " + curls.get(0));
            assertTrue(curls.get(1).matches(".*q=[\\p{IsKatakana}\\p{IsHiragana}\\p{IsHan}]+.*"),
                    "a Japanese search: " + curls.get(1));
            assertTrue(curls.get(2).contains("role=") && curls.get(2).contains("vendor="),
                    "an English search with filters: " + curls.get(2));
            for (String curl : curls) {
                JsonNode result = JSON.readTree(get(searchUrl(curl)).body());
                assertTrue(result.path("total").asLong() > 0, "the example finds messages: " + curl);
            }
            // The demo redacts: what its customers typed (cards, phones ...) is stored as placeholders.
            JsonNode redacted = JSON.readTree(get(explorer + "api/search?pii=card&size=1").body());
            assertTrue(redacted.path("total").asLong() > 0, "messages that held a card: " + redacted);
            assertTrue(redacted.path("hits").path(0).path("text").asText().contains("[CARD]"), redacted.toString());

            Matcher whole = Pattern.compile("curl -sG (\\S+)/api/conversations --data-urlencode 'q=([^']+)'").matcher(all);
            assertTrue(whole.find(), "a conversation search:\n" + all);
            JsonNode conversations = JSON.readTree(get(whole.group(1) + "/api/conversations?q="
                    + URLEncoder.encode(whole.group(2), StandardCharsets.UTF_8)).body());
            assertTrue(conversations.path("total").asLong() > 0, "the conversation search finds some: " + conversations);
            assertTrue(all.contains("/?mode=conversations&q="), "and links the explorer's conversations mode:\n" + all);

            HttpResponse<String> conversation = get(valueAfter(out, "Conversation:"));
            assertEquals(200, conversation.statusCode(), conversation.body());
            assertTrue(conversation.body().contains("\"messages\""), conversation.body());

            assertTrue(all.contains("Ctrl-C"), "it says how to stop");
            assertFalse(all.contains("Exception"), "no stack trace:\n" + all);
            assertTrue(nodeRunning(), "the demo started its own Elasticsearch node");

            demo.signal(demo.ignoresSigint() ? "TERM" : "INT");
            List<String> rest = demo.awaitExit();
            assertFalse(portOpen(port), "the search API is stopped");
            assertFalse(nodeRunning(), "Ctrl-C stopped the node the demo started:\n" + String.join("\n", rest));
            assertTrue(String.join("\n", rest).contains("Stopped the search API"), String.join("\n", rest));
        } finally {
            demo.kill();
        }
    }

    @Test
    @Order(2)
    void secondRunReusesTheDataAndFindsNothingNew() throws Exception {
        int port = freePort();
        Demo demo = Demo.start(port);
        try {
            List<String> out = demo.awaitReady();
            String all = String.join("\n", out);
            assertTrue(all.contains("Nothing new"), "the second harvest finds nothing new and says so:\n" + all);
            assertEquals(200, get(valueAfter(out, "Explorer:")).statusCode());
            demo.signal("TERM");
            demo.awaitExit();
            assertFalse(portOpen(port), "the search API is stopped");
            assertFalse(nodeRunning(), "SIGTERM stopped the node the demo started");
        } finally {
            demo.kill();
        }
    }

    /** The demo subprocess and everything it printed (stdout and stderr merged, in order). */
    private record Demo(Process process, List<String> lines) {
        static Demo start(int port) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-jar", JAR.toString(), "demo", "--port", Integer.toString(port))
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("ES_") || k.equals("SEARCH_API_KEYS"));
            env.put("TRANSCRIPTS_HOME", home.toString());
            env.put("TRANSCRIPTS_ES_PORT", Integer.toString(esPort));
            Process process = pb.start();
            List<String> lines = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        synchronized (lines) {
                            lines.add(line);
                        }
                    }
                } catch (IOException e) {
                    synchronized (lines) {
                        lines.add("(output ended: " + e.getMessage() + ")");
                    }
                }
            }, "demo-output");
            reader.setDaemon(true);
            reader.start();
            return new Demo(process, lines);
        }

        List<String> snapshot() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        List<String> awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + READY_WITHIN.toNanos();
            while (System.nanoTime() < deadline) {
                List<String> now = snapshot();
                if (now.stream().anyMatch(l -> l.startsWith("Stop: press Ctrl-C"))) {
                    return now;
                }
                if (!process.isAlive()) {
                    fail("the demo exited with " + process.exitValue() + " before it was ready:\n" + String.join("\n", now)
                            + launcherLog());
                }
                Thread.sleep(250);
            }
            fail("the demo was not ready within " + READY_WITHIN + ":\n" + String.join("\n", snapshot()));
            return List.of();
        }

        /** The end of the node launcher's output, if there is one: why a node did not start. */
        static String launcherLog() {
            Path log = home.resolve("node").resolve("launcher.log");
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return "\n--- " + log + " (end):\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException none) {
                return "";
            }
        }

        /**
         * A process started from a background job of a non-interactive shell inherits SIGINT as ignored, and a
         * JVM cannot take an ignored SIGINT back; Ctrl-C in a terminal is then simulated with SIGTERM, which
         * runs the same shutdown hook.
         */
        boolean ignoresSigint() throws IOException {
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            if (!Files.isReadable(status)) {
                return false;
            }
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                    .map(l -> Long.parseUnsignedLong(l.substring(7).strip(), 16))
                    .anyMatch(mask -> (mask & (1L << 1)) != 0);
        }

        void signal(String name) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
        }

        List<String> awaitExit() throws InterruptedException {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the demo stops within 2 minutes:\n"
                    + String.join("\n", snapshot()));
            Thread.sleep(200);
            return snapshot();
        }

        void kill() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static String valueAfter(List<String> lines, String label) {
        return lines.stream().map(String::strip).filter(l -> l.startsWith(label))
                .map(l -> l.substring(label.length()).strip()).findFirst()
                .orElseGet(() -> fail("no '" + label + "' line in:\n" + String.join("\n", lines)));
    }

    private static String searchUrl(String curl) {
        Matcher m = CURL.matcher(curl);
        assertTrue(m.find(), curl);
        Matcher p = PARAM.matcher(m.group(2));
        List<String> params = new ArrayList<>();
        while (p.find()) {
            params.add(p.group(1) + "=" + URLEncoder.encode(p.group(2), StandardCharsets.UTF_8));
        }
        return m.group(1) + "/api/search?" + params.stream().collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean nodeRunning() {
        return new LocalNode(new NodeHome(home), Map.of()).status().running();
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
