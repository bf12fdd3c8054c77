package dev.tributary.bench;

import dev.tributary.spec.TopologySpec;
import dev.tributary.streams.ClientSettings;
import dev.tributary.streams.TopicNames;
import dev.tributary.streams.TopicReader;
import dev.tributary.streams.TributaryApp;
import dev.tributary.streams.TributaryConfig;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * What the learner's checkpoints cost over a run, read back from the learner store's changelog (a
 * checkpoint ends with its {@code snapshot/meta} record), and how long a new instance with no local
 * state takes to restore from it.
 *
 * @param checkpoints    checkpoints on the changelog (one per commit that had something to write)
 * @param bytes          changelog bytes in all (keys and values)
 * @param rows           embedding-row records in all
 * @param maxBytes       bytes of the largest checkpoint
 * @param restoreRecords records a fresh instance replayed
 * @param restoreMillis  the replay's time, or -1 if nothing was replayed
 */
public record CheckpointCost(long checkpoints, long bytes, long rows, long maxBytes, long restoreRecords,
                             long restoreMillis) {
    private static final byte[] META = "snapshot/meta".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW = "row/".getBytes(StandardCharsets.UTF_8);
    private static final Duration RESTORE_WAIT = Duration.ofMinutes(10);

    double bytesPerCheckpoint() {
        return checkpoints == 0 ? 0 : (double) bytes / checkpoints;
    }

    double rowsPerCheckpoint() {
        return checkpoints == 0 ? 0 : (double) rows / checkpoints;
    }

    /** Reads the changelog of the run's application, then restores a fresh instance into {@code stateDir}. */
    static CheckpointCost measure(TopologySpec spec, Properties props, Path stateDir) throws Exception {
        String topic = props.getProperty("application.id") + "-" + TopicNames.LEARNER_STORE + "-changelog";
        long[] sums = new long[4]; // checkpoints, bytes, rows, max
        long[] current = {0};
        try (TopicReader reader = new TopicReader(ClientSettings.consumer(props), List.of(topic), "tributary-bench")) {
            reader.readToEnd(r -> {
                long size = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                sums[1] += size;
                current[0] += size;
                if (r.key() != null && startsWith(r.key(), ROW)) {
                    sums[2]++;
                }
                if (r.key() != null && java.util.Arrays.equals(r.key(), META)) {
                    sums[0]++;
                    sums[3] = Math.max(sums[3], current[0]);
                    current[0] = 0;
                }
            });
        }
        if (sums[0] == 0) {
            return new CheckpointCost(0, sums[1], sums[2], 0, 0, -1);
        }
        Properties fresh = new Properties();
        fresh.putAll(props);
        fresh.setProperty("state.dir", Files.createDirectories(stateDir).toString());
        TributaryApp app = new TributaryApp(spec, new TributaryConfig(fresh));
        try {
            KafkaStreams streams = app.start(app.prepare(false), null);
            long deadline = System.nanoTime() + RESTORE_WAIT.toNanos();
            while (app.lastRestore().isEmpty() && streams.state() != KafkaStreams.State.ERROR) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no restore of " + topic + " within " + RESTORE_WAIT.toMinutes()
                            + " min; state " + streams.state());
                }
                Thread.sleep(20);
            }
            TributaryApp.Restore restore = app.lastRestore().orElseThrow(() ->
                    new IllegalStateException("the restoring instance stopped: " + streams.state()));
            return new CheckpointCost(sums[0], sums[1], sums[2], sums[3], restore.records(), restore.millis());
        } finally {
            app.close();
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
