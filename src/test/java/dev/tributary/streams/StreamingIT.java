package dev.tributary.streams;

import dev.tributary.local.EmbeddedKafka;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.records.DeadLetter;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The streaming application end to end on a real in-process KRaft broker. */
class StreamingIT {
    static EmbeddedKafka kafka;
    static final ObjectMapper JSON = new ObjectMapper();
    final TopologySpec spec = SpecLoader.load(Path.of("topology/synthetic.yaml"));
    final EventCodec codec = new EventCodec();

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    TributaryApp app(Path stateDir) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("application.id", "streaming-it");
        p.put("state.dir", stateDir.toString());
        p.put(TributaryConfig.INPUT_PARTITIONS, "2");
        return new TributaryApp(spec, new TributaryConfig(p));
    }

    static void awaitRunning(KafkaStreams streams) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (streams.state() != KafkaStreams.State.RUNNING) {
            assertTrue(System.currentTimeMillis() < deadline, "streams did not reach RUNNING: " + streams.state());
            Thread.sleep(50);
        }
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Reads every topic with read_committed until {@code expected} records arrived (or 90 s passed). */
    List<ConsumerRecord<byte[], byte[]>> readCommitted(List<String> topics, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(topics);
            long deadline = System.currentTimeMillis() + 90_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // Anything beyond the expected count would be a duplicate: give it a moment to show up.
            long settle = System.currentTimeMillis() + 1500;
            while (System.currentTimeMillis() < settle) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    List<String> predictionTopics() {
        return spec.tasks().stream().map(t -> t.predictionTopic()).toList();
    }

    int produce(KafkaProducer<byte[], byte[]> producer, Iterator<Event> events, int n, Set<String> unlabelledIds) {
        for (int i = 0; i < n; i++) {
            Event e = events.next();
            if (i % 7 == 0) {
                e = new Event(e.task(), e.id(), e.timestamp(), e.features(), null);
                unlabelledIds.add(e.task() + "/" + e.id());
            }
            String topic = spec.tasks().get(spec.taskIndex(e.task()).orElseThrow()).topic();
            producer.send(new ProducerRecord<>(topic, e.id().getBytes(StandardCharsets.UTF_8), codec.encode(e)));
        }
        producer.flush();
        return n;
    }

    @Test
    void shouldPredictEveryEventOnceDeadLetterPoisonAndResumeFromTheStore(@TempDir Path stateDir) throws Exception {
        Set<String> unlabelled = new HashSet<>();
        SyntheticStream events = new SyntheticStream(spec);
        String[] poison = {
                "{not json", "[1, 2, 3]", "", "{\"features\": {\"x0\": NaN}, \"label\": 1}",
                "{\"features\": {\"x0\": Infinity}}", "{\"feature\": {\"x0\": 1}}", "{\"label\": 1}",
                "{\"features\": {\"x0\": [1]}}", "{\"features\": {\"x0\": 1}, \"label\": 5}",
                "{\"features\": {\"x0\": \"abc\"}, \"label\": 1}", "{\"features\": {}, \"features\": {}}",
                "{\"features\": {\"x0\": 1}, \"ts\": \"yesterday\"}",
        };
        KafkaStreams streams;
        try (Admin admin = kafka.admin()) {
            TributaryApp first = app(stateDir);
            TributaryApp.Plan plan = first.prepare(true);
            assertTrue(plan.repartition(), "2-partition inputs need the single-partition hop");
            streams = first.start(plan, null);
            awaitRunning(streams);
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                produce(producer, events, 600, unlabelled);
                for (String bad : poison) {
                    producer.send(new ProducerRecord<>("t1.events", bad.getBytes(StandardCharsets.UTF_8)));
                }
                producer.send(new ProducerRecord<>("t2.events", new byte[]{(byte) 0xC3, 0x28}));
                producer.flush();
            }
            List<ConsumerRecord<byte[], byte[]>> predictions = readCommitted(predictionTopics(), 600);
            List<ConsumerRecord<byte[], byte[]>> letters = readCommitted(List.of(TopicNames.DEAD_LETTER),
                    poison.length + 1);
            first.close();

            Map<String, Integer> perId = new HashMap<>();
            long lastVersion = 0;
            for (var r : predictions) {
                JsonNode p = JSON.readTree(r.value());
                String key = p.get("task").asText() + "/" + p.get("id").asText();
                perId.merge(key, 1, Integer::sum);
                assertEquals(unlabelled.contains(key), !p.has("label"), p.toString());
                assertTrue(r.topic().equals(p.get("task").asText() + ".predictions"));
                lastVersion = Math.max(lastVersion, p.get("model_version").asLong());
            }
            assertEquals(600, perId.size(), "every event predicted");
            assertTrue(perId.values().stream().allMatch(c -> c == 1), "exactly once");
            assertTrue(lastVersion > 5, "the model trained: version " + lastVersion);
            Set<String> reasons = new HashSet<>();
            for (var r : letters) {
                DeadLetter dl = DeadLetter.fromJson(r.value());
                reasons.add(dl.reason());
                assertTrue(dl.topic().endsWith(".events"), dl.topic());
            }
            assertEquals(poison.length + 1, letters.size(), "every bad record dead-lettered once");
            assertTrue(reasons.size() >= 10, "distinct reasons: " + reasons);

            // Restart on the same local state: the model continues where it stopped.
            long resumed = restartAndFirstVersion(admin, stateDir, events, unlabelled, 900);
            assertTrue(resumed >= lastVersion, "restarted at version " + resumed + " after " + lastVersion);

            // Restart with the local state directory gone: restored from the changelog.
            try (var files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            long restored = restartAndFirstVersion(admin, stateDir, events, unlabelled, 1200);
            assertTrue(restored >= resumed, "restored from the changelog at " + restored + " after " + resumed);
        }
    }

    /** Restarts the app, produces 300 more events, checks the running total, returns the new events' lowest version. */
    long restartAndFirstVersion(Admin admin, Path stateDir, Iterator<Event> events, Set<String> unlabelled, int total)
            throws Exception {
        TributaryApp app = app(stateDir);
        KafkaStreams streams = app.start();
        awaitRunning(streams);
        Set<String> before = new HashSet<>();
        Iterator<Event> counting = new Iterator<>() {
            public boolean hasNext() {
                return events.hasNext();
            }

            public Event next() {
                Event e = events.next();
                before.add(e.task() + "/" + e.id());
                return e;
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            produce(producer, counting, 300, unlabelled);
        }
        List<ConsumerRecord<byte[], byte[]>> all = readCommitted(predictionTopics(), total);
        app.close();
        assertEquals(total, all.size(), "one committed prediction per event so far");
        Set<String> distinct = new HashSet<>();
        for (var r : all) {
            JsonNode p = JSON.readTree(r.value());
            distinct.add(p.get("task").asText() + "/" + p.get("id").asText());
        }
        assertEquals(total, distinct.size(), "no event predicted twice");
        long first = Long.MAX_VALUE;
        for (var r : all) {
            JsonNode p = JSON.readTree(r.value());
            if (before.contains(p.get("task").asText() + "/" + p.get("id").asText())) {
                first = Math.min(first, p.get("model_version").asLong());
            }
        }
        return first;
    }
}
