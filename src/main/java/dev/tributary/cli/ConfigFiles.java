package dev.tributary.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import dev.tributary.streams.SettingsCheck;

/**
 * Reads a {@code config/*.properties} file, with a clear error when it is missing, and reports the
 * keys no component knows ({@link SettingsCheck}): a warning on standard error naming the key and the
 * closest known one, or with {@code strict} an error.
 */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static Properties load(Path file, String bootstrapOverride) {
        return load(file, bootstrapOverride, false);
    }

    static Properties load(Path file, String bootstrapOverride, boolean strict) {
        Properties p = read(file, bootstrapOverride);
        List<SettingsCheck.Unknown> unknown = SettingsCheck.unknown(p);
        if (strict && !unknown.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + unknown.stream().map(SettingsCheck.Unknown::message)
                    .collect(Collectors.joining("; ")) + " (--strict)");
        }
        unknown.forEach(u -> System.err.println("tributary: warning: " + file + ": " + u.message()));
        return p;
    }

    private static Properties read(Path file, String bootstrapOverride) {
        Properties p = new Properties();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("config file " + file + " does not exist");
            }
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("could not read config file " + file + ": " + e.getMessage(), e);
            }
        }
        if (bootstrapOverride != null) {
            p.setProperty("bootstrap.servers", bootstrapOverride);
        }
        return p;
    }

    /** {@code --partitions}, when given, sets {@code tributary.input.partitions}. */
    static void inputPartitions(Properties p, Integer partitions) {
        if (partitions != null) {
            p.setProperty(dev.tributary.streams.TributaryConfig.INPUT_PARTITIONS, Integer.toString(partitions));
        }
    }
}
