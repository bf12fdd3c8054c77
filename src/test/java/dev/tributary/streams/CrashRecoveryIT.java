package dev.tributary.streams;

import dev.tributary.local.EmbeddedKafka;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.learner.Learner;
import dev.tributary.learner.LearnerStats;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import dev.tributary.state.SnapshotStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Exactly-once learning under crashes (DESIGN.md §4.3): the application runs in a child JVM
 * ({@code tributary run}) and is killed with SIGKILL twice, at different points, then restarted.
 * Compared with an uninterrupted run over the same pre-produced input (on a second broker): every
 * event has exactly one committed prediction, each task's learned-from counts equal its labelled
 * events, and the final parameters are bit-identical. The third start finds no local state at all
 * (its directory is deleted): the learner comes back from the changelog alone. Run on the synthetic
 * topology and on bench-ids, whose 1,048,576-row table is checkpointed row by row.
 */
class CrashRecoveryIT {
    static final int ROWS = 8000;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SYNTHETIC = "topology/synthetic.yaml";
    TopologySpec spec = SpecLoader.load(Path.of(SYNTHETIC));
    String topology = SYNTHETIC;

    /**
     * ROWS rows × 3 tasks, strictly increasing timestamps across all topics, every 7th unlabelled. The
     * timestamps are recent: the input topics keep the broker's 7-day time retention, and records
     * stamped in 1970 are deleted by the first retention check (30 s after the broker starts), which
     * once made this test lose half its input on a slow run.
     */
    List<Event> input() {
        SyntheticStream s = new SyntheticStream(spec);
        List<Event> out = new ArrayList<>();
        long base = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        for (int i = 0; i < ROWS * spec.tasks().size(); i++) {
            Event e = s.next();
            out.add(new Event(e.task(), e.task() + "-" + e.id(), base + i, e.features(),
                    i % 7 == 0 ? null : e.label()));
        }
        return out;
    }

    static void load(EmbeddedKafka kafka, TopologySpec spec, List<Event> events) {
        load(kafka, spec, events, 1);
    }

    /** Creates the topics (input topics of {@code partitions} partitions) and produces the events, keyed by id. */
    static void load(EmbeddedKafka kafka, TopologySpec spec, List<Event> events, int partitions) {
        try (Admin admin = kafka.admin()) {
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("application.id", "crash");
            p.put(TributaryConfig.INPUT_PARTITIONS, Integer.toString(partitions));
            new TributaryApp(spec, new TributaryConfig(p)).createTopics(admin);
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        EventCodec codec = new EventCodec();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Event e : events) {
                String topic = spec.tasks().get(spec.taskIndex(e.task()).orElseThrow()).topic();
                producer.send(new ProducerRecord<>(topic, null, e.timestamp(), e.id().getBytes(StandardCharsets.UTF_8),
                        codec.encode(e)));
            }
        }
    }

    static final Map<Process, Path> LOGS = new HashMap<>();

    /** A failed assertion must not leave a child JVM running after the test. */
    @AfterEach
    void killLeftoverChildren() throws InterruptedException {
        for (Process p : LOGS.keySet()) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
        LOGS.clear();
    }
    /** The children's logs are kept for a look after the build. */
    static final Path LOG_DIR = Path.of("target", "it-logs", "CrashRecoveryIT");

    static String tail(Process p) {
        try {
            List<String> lines = Files.readAllLines(LOGS.get(p));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** A child JVM running {@code tributary run} on this test's topology against {@code kafka}. */
    Process child(EmbeddedKafka kafka, Path dir, String run) throws IOException {
        return child(kafka, dir, spec.name() + "-" + run, Map.of("session.timeout.ms", "6000",
                "heartbeat.interval.ms", "1000"), topology);
    }

    /** The same on the synthetic topology, with {@code settings} added to (or replacing) its configuration. */
    static Process child(EmbeddedKafka kafka, Path dir, String run, Map<String, String> settings) throws IOException {
        return child(kafka, dir, run, settings, SYNTHETIC);
    }

    static Process child(EmbeddedKafka kafka, Path dir, String run, Map<String, String> settings, String topology)
            throws IOException {
        return child(kafka, dir, run, settings, topology, false);
    }

    /** A child JVM running {@code tributary run}; {@code createTopics}: let it create the topics it needs. */
    static Process child(EmbeddedKafka kafka, Path dir, String run, Map<String, String> settings, String topology,
                         boolean createTopics) throws IOException {
        Path config = dir.resolve("app.properties");
        Map<String, String> all = new java.util.TreeMap<>(Map.of(
                "application.id", "crash-app",
                "state.dir", dir.resolve("state").toString(),
                "processing.guarantee", "exactly_once_v2",
                "commit.interval.ms", "100",
                "max.task.idle.ms", "0",
                "tributary.repartition", "auto"));
        all.putAll(settings);
        StringBuilder text = new StringBuilder();
        all.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, text);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "dev.tributary.cli.Tributary", "run", "--topology", topology, "--config",
                config.toString(), "--bootstrap", kafka.bootstrapServers()));
        if (!createTopics) {
            cmd.add("--no-create-topics");
        }
        Path log = LOG_DIR.resolve(run + ".log");
        Files.createDirectories(LOG_DIR);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LOGS.put(p, log);
        return p;
    }

    /** Polls the prediction topics (read_committed) until {@code atLeast} predictions or the deadline. */
    static final class PredictionReader implements AutoCloseable {
        final KafkaConsumer<byte[], byte[]> consumer;
        final Map<String, Integer> seen = new HashMap<>();
        int total;

        PredictionReader(EmbeddedKafka kafka, TopologySpec spec) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-reader-" + System.nanoTime());
            consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(spec.tasks().stream().map(t -> t.predictionTopic()).toList());
        }

        void awaitAtLeast(int n, Process app, Duration timeout) throws IOException {
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            while (total < n) {
                if (System.currentTimeMillis() >= deadline) {
                    fail("only " + total + " of " + n + " predictions" + (app == null ? "" : "; application "
                            + (app.isAlive() ? "alive" : "exited") + ", its log:\n" + tail(app)));
                }
                if (app != null && !app.isAlive()) {
                    fail("the application exited early:\n" + tail(app));
                }
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    JsonNode p = JSON.readTree(r.value());
                    seen.merge(p.get("id").asText(), 1, Integer::sum);
                    total++;
                }
            }
        }

        /** Reads whatever else is committed within a second; returns the running total. */
        int drain() throws IOException {
            long end = System.currentTimeMillis() + 1000;
            while (System.currentTimeMillis() < end) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    JsonNode p = JSON.readTree(r.value());
                    seen.merge(p.get("id").asText(), 1, Integer::sum);
                    total++;
                }
            }
            return total;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    /** The learner as stored at the last commit, read back from the store's changelog topic. */
    Learner finalLearner(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "changelog-reader-" + System.nanoTime());
        Map<Bytes, byte[]> latest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of("crash-app-" + TopicNames.LEARNER_STORE + "-changelog"));
            long quiet = System.currentTimeMillis() + 4000;
            while (System.currentTimeMillis() < quiet) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    latest.put(Bytes.wrap(r.key()), r.value());
                    quiet = System.currentTimeMillis() + 2000;
                }
            }
        }
        SnapshotStore.Stored stored = SnapshotStore.fromChangelog("changelog", latest);
        assertNotNull(stored, "a checkpoint on the changelog");
        ProcessorState state = ProcessorState.decodeHead(stored.parts().part(ProcessorState.PART), new EventCodec());
        assertEquals(List.of(), state.pending(), "every event was processed before the last commit");
        return Learner.restore(spec, stored.parts());
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void stopGracefully(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: the shutdown hook commits, checkpoints and leaves the group
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the application stopped on SIGTERM");
    }

    static void kill(Process p) throws InterruptedException {
        p.destroyForcibly(); // SIGKILL: no shutdown hook, no commit
        p.waitFor();
    }

    @ParameterizedTest
    @ValueSource(strings = {SYNTHETIC, "topology/bench-ids.yaml", "topology/bench-ids-vocabulary.yaml"})
    void shouldPredictOnceAndEndBitIdenticalAfterTwoKills(String topology, @TempDir Path dirA, @TempDir Path dirB)
            throws Exception {
        this.topology = topology;
        this.spec = SpecLoader.load(Path.of(topology));
        List<Event> events = input();
        int n = events.size();
        Map<String, Long> labelled = new HashMap<>();
        events.stream().filter(Event::labelled).forEach(e -> labelled.merge(e.task(), 1L, Long::sum));
        float[] reference;
        List<LearnerStats.VocabularyStats> referenceVocabularies;
        try (EmbeddedKafka a = EmbeddedKafka.start()) {
            load(a, spec, events);
            Process app = child(a, dirA, "uninterrupted");
            try (PredictionReader reader = new PredictionReader(a, spec)) {
                reader.awaitAtLeast(n, app, Duration.ofSeconds(240));
            }
            Thread.sleep(1500); // let a commit write the final state
            stopGracefully(app);
            Learner uninterrupted = finalLearner(a);
            reference = uninterrupted.parameters();
            referenceVocabularies = uninterrupted.stats().vocabularies();
        }
        try (EmbeddedKafka b = EmbeddedKafka.start()) {
            load(b, spec, events);
            try (PredictionReader reader = new PredictionReader(b, spec)) {
                Process app = child(b, dirB, "run1");
                reader.awaitAtLeast(n / 5, app, Duration.ofSeconds(240));
                kill(app);
                assertTrue(reader.drain() < n, "the first kill came before every event was committed");
                app = child(b, dirB, "run2");
                reader.awaitAtLeast(n * 3 / 5, app, Duration.ofSeconds(240));
                kill(app);
                assertTrue(reader.drain() < n, "the second kill came before every event was committed");
                deleteRecursively(dirB.resolve("state"));
                app = child(b, dirB, "run3");
                reader.awaitAtLeast(n, app, Duration.ofSeconds(240));
                Thread.sleep(1500);
                stopGracefully(app);
                reader.awaitAtLeast(n, null, Duration.ofSeconds(5));
                assertEquals(n, reader.total, "exactly one committed prediction per event, no more");
                assertEquals(n, reader.seen.size());
                assertTrue(reader.seen.values().stream().allMatch(c -> c == 1));
            }
            Learner crashed = finalLearner(b);
            LearnerStats stats = crashed.stats();
            for (var t : stats.tasks()) {
                assertEquals(labelled.get(t.task()), t.labelled(), "labelled events learned from, task " + t.task());
                assertEquals(ROWS, t.consumed(), "events consumed, task " + t.task());
            }
            assertEquals(referenceVocabularies, stats.vocabularies(), "the same vocabularies");
            assertArrayEquals(reference, crashed.parameters(),
                    "final parameters after two SIGKILLs equal the uninterrupted run's, bit for bit");
        }
    }
}
