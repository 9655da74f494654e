package org.transcriptsearch.indexer.harvest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.transcriptsearch.indexer.IndexerMain;

/**
 * The CLI in a JVM of its own (this test run's class path), as a scheduled harvester runs: the only way
 * to see what a SIGKILL leaves behind, since nothing in a killed process gets to clean up.
 */
public final class HarvesterProcess {
    private final Process process;
    private final Path log;

    private HarvesterProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Runs {@code --config config args...} with {@code env} added to this JVM's environment; output goes to {@code log}. */
    public static HarvesterProcess start(Path config, Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                IndexerMain.class.getName(), "--config", config.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new HarvesterProcess(pb.start(), log);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL (what {@code destroyForcibly} sends on Unix), then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the harvester (pid " + process.pid() + ") outlived SIGKILL by 30 s");
        }
    }

    /** SIGSTOP: the process stands still, as a suspended VM or a paused container does. */
    public void suspend() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONT: it goes on where it stood. */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String which) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill " + which + " " + process.pid() + " exited " + exit);
        }
    }

    /** SIGTERM, as a service manager stops a service. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code. */
    public int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the harvester (pid " + process.pid() + ") still runs after " + seconds + " s");
        }
        return process.exitValue();
    }

    /** Everything the process printed so far. */
    public String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
