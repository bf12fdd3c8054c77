package dev.tributary;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our log4j2 configuration wins over the {@code log4j2.yaml} that kafka-test-common-runtime puts on
 * the class path (root INFO, to standard output): {@code log4j2-test.xml} in tests, and
 * {@code log4j2.properties} in a JVM with only the main class path, where logs at INFO are dropped
 * and WARN goes to standard error.
 */
class LoggingConfigTest {

    @Test
    void shouldUseTheTestConfigInTests() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        String location = context.getConfiguration().getConfigurationSource().getLocation();
        assertTrue(location.endsWith("log4j2-test.xml"), location);
    }

    @Test
    void shouldUseTheMainConfigAndKeepStandardOutputCleanWithTheMainClassPath(@TempDir Path dir) throws Exception {
        ChildOutput out = runProbe(dir);
        assertTrue(out.stderr.contains("config=") && out.stderr.contains("log4j2.properties"), out.stderr);
        assertFalse(out.stderr.contains("kafka-test-common-runtime"), out.stderr);
        assertTrue(out.stderr.contains("WARN  probe - probe-warn"), out.stderr);
        assertFalse(out.stderr.contains("probe-info"), "INFO is dropped: " + out.stderr);
        assertEquals("", out.stdout);
    }

    /** Runs {@link LoggingProbe} in a child JVM on this JVM's class path minus the test classes. */
    static ChildOutput runProbe(Path dir, String... args) throws IOException, InterruptedException, URISyntaxException {
        Path testClasses = Path.of(LoggingConfigTest.class.getResource("/log4j2-test.xml").toURI()).getParent();
        Path probeDir = dir.resolve("probe");
        Path probeClass = Path.of("dev", "tributary", "LoggingProbe.class");
        Files.createDirectories(probeDir.resolve(probeClass).getParent());
        Files.copy(testClasses.resolve(probeClass), probeDir.resolve(probeClass));
        List<String> classPath = new ArrayList<>(List.of(probeDir.toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().equals(testClasses.toAbsolutePath())) {
                classPath.add(entry);
            }
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, classPath), LoggingProbe.class.getName()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe finished");
        ChildOutput out = new ChildOutput(Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue(), "probe exit status; stderr: " + out.stderr);
        return out;
    }

    record ChildOutput(String stdout, String stderr) {
    }
}
