package dev.tributary.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Reads a {@code config/*.properties} file, with a clear error when it is missing. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static Properties load(Path file, String bootstrapOverride) {
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
}
