package dev.tributary.streams;

import dev.tributary.event.Event;
import dev.tributary.learner.GlobalUpdate;
import dev.tributary.learner.Learner;
import dev.tributary.local.EmbeddedKafka;
import dev.tributary.records.ReplicaCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import dev.tributary.state.SnapshotStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partitioned learners under crashes: two instances (child JVMs running {@code tributary run} with
 * {@code tributary.learners=partitioned}) share four partitions of every task topic; each is killed
 * with SIGKILL mid-stream (one of them twice, the last time long enough for the survivor to take
 * over its tasks), so the instance hosting the aggregator dies at least once. Every
 * event has exactly one committed prediction; the replicas' learned-from counts add up to the
 * labelled events; the global versions on every partition of the global topic run 1, 2, … with no
 * gap or repeat, and each replica's deltas are merged exactly once, in order; at the end every
 * replica has merged the last version.
 */
class PartitionedCrashIT {
    static final int ROWS = 4000;
    static final int PARTITIONS = 4;
    static final String APP = "crash-app";
    final TopologySpec spec = SpecLoader.load(Path.of(CrashRecoveryIT.SYNTHETIC));

    @AfterEach
    void killLeftoverChildren() throws InterruptedException {
        new CrashRecoveryIT().killLeftoverChildren();
    }

    Process instance(EmbeddedKafka kafka, Path dir, String run) throws Exception {
        return CrashRecoveryIT.child(kafka, dir, "partitioned-" + run, Map.of(
                TributaryConfig.LEARNERS, "partitioned",
                "session.timeout.ms", "6000",
                "heartbeat.interval.ms", "1000"), CrashRecoveryIT.SYNTHETIC, true);
    }

    @Test
    void shouldPredictOnceMergeEveryDeltaOnceAndKeepVersionsGapless(@TempDir Path dirA, @TempDir Path dirB)
            throws Exception {
        CrashRecoveryIT rows = new CrashRecoveryIT();
        rows.spec = spec;
        List<Event> events = rows.input().subList(0, ROWS * spec.tasks().size());
        int n = events.size();
        Map<String, Long> labelled = new HashMap<>();
        events.stream().filter(Event::labelled).forEach(e -> labelled.merge(e.task(), 1L, Long::sum));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            CrashRecoveryIT.load(kafka, spec, events, PARTITIONS);
            try (CrashRecoveryIT.PredictionReader reader = new CrashRecoveryIT.PredictionReader(kafka, spec)) {
                Process b = instance(kafka, dirB, "b1");
                Process a = instance(kafka, dirA, "a1");
                reader.awaitAtLeast(n / 5, a, Duration.ofSeconds(240));
                CrashRecoveryIT.kill(a);
                assertTrue(reader.drain() < n, "the first kill came before every event was committed");
                a = instance(kafka, dirA, "a2");
                reader.awaitAtLeast(n * 2 / 5, a, Duration.ofSeconds(240));
                CrashRecoveryIT.kill(b);  // the other instance: whichever hosts the aggregator has died once
                assertTrue(reader.drain() < n, "the second kill came before every event was committed");
                b = instance(kafka, dirB, "b2");
                reader.awaitAtLeast(n * 3 / 5, b, Duration.ofSeconds(240));
                CrashRecoveryIT.kill(a);
                assertTrue(reader.drain() < n, "the third kill came before every event was committed");
                // The dead instance's partitions stall until session.timeout.ms has passed; then the
                // survivor takes over their tasks, restores their replicas and predicts the rest.
                reader.awaitAtLeast(n, b, Duration.ofSeconds(240));
                a = instance(kafka, dirA, "a3");  // rejoins: the tasks are balanced again
                Thread.sleep(4000);  // the last deltas, the last round, its merge and a commit
                CrashRecoveryIT.stopGracefully(a);
                CrashRecoveryIT.stopGracefully(b);
                reader.awaitAtLeast(n, null, Duration.ofSeconds(5));
                assertEquals(n, reader.total, "exactly one committed prediction per event, no more");
                assertEquals(n, reader.seen.size());
            }
            List<GlobalUpdate> versions = null;
            for (int p = 0; p < PARTITIONS; p++) {
                List<GlobalUpdate> here = updates(kafka, p);
                for (int i = 0; i < here.size(); i++) {
                    assertEquals(i + 1, here.get(i).version(), "partition " + p + " of the global topic");
                }
                if (versions == null) {
                    versions = here;
                } else {
                    assertEquals(versions.size(), here.size(), "every partition holds every version");
                }
            }
            assertNotNull(versions);
            List<String> replicaMetrics = new ArrayList<>();
            readAll(kafka, new TopicPartition(TopicNames.METRICS, 0), (k, v) -> {
                String text = new String(v, StandardCharsets.UTF_8);
                if (text.contains("\"replica\"") || text.contains("model_rounds")) {
                    replicaMetrics.add(text);
                }
            });
            replicaMetrics.subList(Math.max(0, replicaMetrics.size() - 6), replicaMetrics.size())
                    .forEach(System.out::println);
            assertTrue(versions.size() >= 4, versions.size() + " global versions");
            long[] next = new long[PARTITIONS];
            for (GlobalUpdate u : versions) {
                for (int r = 0; r < PARTITIONS; r++) {
                    if (u.included()[r] >= 0) {
                        assertEquals(next[r], u.included()[r], "replica " + r + "'s deltas merged once, in order");
                        next[r]++;
                    }
                }
            }
            Map<String, Long> learned = new HashMap<>();
            Map<String, Long> consumed = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                SnapshotStoreRead replica = replicaState(kafka, p);
                assertEquals(versions.size(), replica.sync().replica().mergedVersion(),
                        "replica " + p + " merged the last version");
                assertEquals(next[p], replica.sync().replica().deltasSent(), "every delta of replica " + p
                        + " was merged");
                replica.learner().stats().tasks().forEach(t -> {
                    learned.merge(t.task(), t.labelled(), Long::sum);
                    consumed.merge(t.task(), t.consumed(), Long::sum);
                });
            }
            assertEquals(labelled, learned, "labelled events learned from, over the replicas");
            for (var t : spec.tasks()) {
                assertEquals(ROWS, consumed.get(t.name()), "events of " + t.name() + " consumed over the replicas");
            }
        }
    }

    static KafkaConsumer<byte[], byte[]> reader(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every committed update on one partition of the global topic, in order. */
    static List<GlobalUpdate> updates(EmbeddedKafka kafka, int partition) {
        return updates(kafka, APP, partition);
    }

    /** Every committed update on one partition of application {@code app}'s global topic, in order. */
    static List<GlobalUpdate> updates(EmbeddedKafka kafka, String app, int partition) {
        Chunks.Assembler chunks = new Chunks.Assembler();
        List<GlobalUpdate> out = new ArrayList<>();
        readAll(kafka, new TopicPartition(TopicNames.global(app), partition), (key, value) -> {
            byte[] whole = chunks.add(value);
            if (whole != null) {
                out.add(ReplicaCodec.decodeUpdate(whole));
            }
        });
        return out;
    }

    record SnapshotStoreRead(Learner learner, ReplicaSync sync) {
    }

    /** Replica {@code partition}'s learner and sync as its last commit left them on the changelog. */
    SnapshotStoreRead replicaState(EmbeddedKafka kafka, int partition) {
        Map<Bytes, byte[]> latest = new HashMap<>();
        readAll(kafka, new TopicPartition(APP + "-" + TopicNames.LEARNER_STORE + "-changelog", partition),
                (key, value) -> latest.put(Bytes.wrap(key), value));
        SnapshotStore.Stored stored = SnapshotStore.fromChangelog("changelog", latest);
        assertNotNull(stored, "a checkpoint of replica " + partition);
        Learner learner = Learner.restore(spec, stored.parts());
        ReplicaSync sync = ReplicaSync.of(learner, partition, stored.parts(), SyncSettings.DEFAULTS);
        return new SnapshotStoreRead(learner, sync);
    }

    static void readAll(EmbeddedKafka kafka, TopicPartition tp, BiConsumer<byte[], byte[]> sink) {
        try (KafkaConsumer<byte[], byte[]> c = reader(kafka)) {
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.currentTimeMillis() + 30_000;
            while (c.position(tp) < end) {
                assertTrue(System.currentTimeMillis() < deadline, "reading " + tp + " up to " + end);
                c.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.value() != null) {
                        sink.accept(r.key(), r.value());
                    }
                });
            }
        }
    }
}
