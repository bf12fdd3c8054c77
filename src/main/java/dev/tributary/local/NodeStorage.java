package dev.tributary.local;

import kafka.tools.StorageTool;
import org.apache.kafka.common.KafkaException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** A node's log directory, formatted as {@code kafka-storage.sh format} does. */
final class NodeStorage {
    private NodeStorage() {
    }

    /**
     * Writes the node's identity and bootstrap metadata (latest production metadata version) into
     * {@code logDir}, exactly as {@code kafka-storage.sh format} does; its chatter is discarded.
     */
    static void format(Path logDir, Map<String, Object> properties, String clusterId) {
        Path file = logDir.resolveSibling(logDir.getFileName() + ".properties");
        try {
            Files.createDirectories(logDir);
            Properties p = new Properties();
            p.putAll(properties);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(w, "embedded Kafka node");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the embedded Kafka log directory " + logDir, e);
        }
        // A cluster id is an identifier, not a random decision of the learner: Kafka's own generator is fine.
        String[] args = {"format", "--config", file.toString(), "--cluster-id", clusterId};
        int status = StorageTool.execute(args, new PrintStream(OutputStream.nullOutputStream()));
        if (status != 0) {
            throw new KafkaException("could not format the embedded Kafka log directory " + logDir
                    + ": kafka-storage format exited with status " + status);
        }
    }
}
