package dev.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code tributary run} in a JVM of its own, as an operator runs it: same class path as this JVM, the
 * launcher's JVM options, its own heap limit, standard output and error into a log file, a GC log.
 * Its resident memory is read from {@code /proc}, its live heap with {@code jcmd}. Lifecycle:
 * {@link #start} → {@link #close} (SIGTERM, which commits and leaves the group, then SIGKILL after 60 s).
 */
final class ChildApp implements AutoCloseable {
    private final Process process;
    private final Path log;

    private ChildApp(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code tributary run --topology topology --config config} with {@code -Xmx heap}, its GC
     * log in {@code gcLog}.
     */
    static ChildApp start(Path topology, Path config, String heap, Path log, Path gcLog) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx" + heap,
                // As the tributary launcher runs it.
                "-XX:+UseG1GC", "-XX:G1HeapRegionSize=16m", "-XX:MaxGCPauseMillis=20",
                "-Xlog:gc:file=" + gcLog.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                "dev.tributary.cli.Tributary", "run", "--topology", topology.toAbsolutePath().toString(),
                "--config", config.toAbsolutePath().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        try {
            return new ChildApp(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start tributary run: " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Resident set size in bytes ({@code VmRSS} of {@code /proc/<pid>/status}), or -1 once it has exited. */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The live Java heap by class: {@code jcmd <pid> GC.class_histogram}, which runs a full collection
     * first, so that only reachable objects are counted (a young collection's "after" value also holds
     * old garbage not yet collected). Empty when it could not be taken (the application has exited).
     */
    HeapHistogram liveHeap() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return HeapHistogram.EMPTY;
            }
            return HeapHistogram.parse(out);
        } catch (IOException e) {
            return HeapHistogram.EMPTY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HeapHistogram.EMPTY;
        }
    }

    /** The last lines of its log, for an error message. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Exit status after {@link #close}, or -1 while running. */
    int exitStatus() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
