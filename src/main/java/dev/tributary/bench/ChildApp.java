package dev.tributary.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tributary run} in a JVM of its own, as an operator runs it: same class path as this JVM, the
 * launcher's JVM options, its own heap limit, standard output and error into a log file. Its
 * resident memory is read from {@code /proc}. Lifecycle: {@link #start} → {@link #close} (SIGTERM,
 * which commits and leaves the group, then SIGKILL after 60 s).
 */
final class ChildApp implements AutoCloseable {
    /** A G1 pause line of {@code -Xlog:gc}: "... Pause Young (Normal) (G1 Evacuation Pause) 312M->98M(1024M) 3.1ms". */
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private final Process process;
    private final Path log;
    private final Path gcLog;

    private ChildApp(Process process, Path log, Path gcLog) {
        this.process = process;
        this.log = log;
        this.gcLog = gcLog;
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
            return new ChildApp(pb.start(), log, gcLog);
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
     * Java heap in use after the latest garbage collection, in bytes (the live set plus what that
     * collection left), from the GC log; -1 before the first collection.
     */
    long heapAfterGcBytes() {
        try {
            List<String> lines = Files.readAllLines(gcLog);
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher m = GC_LINE.matcher(lines.get(i));
                if (m.find()) {
                    return Long.parseLong(m.group(2)) * 1024 * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
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
