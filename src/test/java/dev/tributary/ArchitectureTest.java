package dev.tributary;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Data flows one way through the packages (DESIGN.md §3): a package may import only packages listed
 * before it, and the learning core never imports Kafka. {@code records} (each output record's writer
 * and reader) and {@code monitor} (the dashboard and reports, which read records) import no Kafka
 * either; {@code local} (the in-process broker) sits below the application, which does not use it;
 * {@code bench} (the benchmark harnesses) between the application and the commands. Kafka's
 * {@code internals} packages are for {@code state} alone (its store wraps Kafka Streams' caching
 * layer); everything else uses Kafka's public API.
 */
class ArchitectureTest {
    static final List<String> ORDER = List.of("util", "event", "spec", "data", "features", "model", "optim",
            "sampling", "eval", "drift", "learner", "records", "state", "local", "streams", "monitor", "bench", "cli");
    static final List<String> KAFKA_FREE = List.of("util", "event", "spec", "data", "features", "model", "optim",
            "sampling", "eval", "drift", "learner", "records", "monitor");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void shouldOnlyImportEarlierPackagesAndKeepTheCoreFreeOfKafka() throws IOException {
        List<String> violations = new ArrayList<>();
        Path root = Path.of("src/main/java/dev/tributary");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String pkg = root.relativize(f).getName(0).toString();
                int rank = ORDER.indexOf(pkg);
                if (rank < 0) {
                    violations.add(f + ": package '" + pkg + "' is not in DESIGN.md's list");
                    continue;
                }
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String imp = m.group(1);
                    if (imp.startsWith("dev.tributary.")) {
                        String target = imp.substring("dev.tributary.".length()).split("\\.")[0];
                        if (ORDER.indexOf(target) > rank) {
                            violations.add(f + " imports " + imp + " (" + target + " comes after " + pkg + ")");
                        }
                    }
                    if (KAFKA_FREE.contains(pkg) && imp.startsWith("org.apache.kafka")) {
                        violations.add(f + " imports Kafka: " + imp);
                    }
                    if (!pkg.equals("state") && imp.startsWith("org.apache.kafka") && imp.contains(".internals.")) {
                        violations.add(f + " imports a Kafka internal (only state may, for its store): " + imp);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }
}
