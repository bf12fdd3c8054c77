package dev.tributary.streams;

import dev.tributary.local.EmbeddedKafka;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

import static org.junit.jupiter.api.Assertions.*;

/**
 * Monitoring end to end on a real in-process broker: a synthetic stream whose label relationship flips
 * for one task half-way gives an error-drift record for that task only, with the reaction its spec
 * configures; metrics records arrive every 1000 consumed events with the dead-letter counts; task
 * affinity records arrive on {@code tributary.affinity}.
 */
class MonitoringIT {
    static final int ROWS = 4000;
    static final int FLIP_ROW = 2000;
    static final int EVERY_EVENTS = 1000;
    static final int BAD = 3;
    static final ObjectMapper JSON = new ObjectMapper();
    static EmbeddedKafka kafka;

    static final String SPEC = """
            name: monitoring-it
            seed: 7
            tasks:
              - {name: t1, kind: binary}
              - {name: t2, kind: binary}
              - {name: t3, kind: regression}
            features:
              - {name: x, type: numeric, count: 8}
            model: {family: mmoe, encoder: [16], experts: {count: 3, hidden: [8]}, tower: [8]}
            optimizer: {learningRate: 0.005}
            batch: {size: 16}
            synthetic: {dimension: 8, correlation: 0.8, events: %d}
            monitoring:
              metrics: {everySeconds: 0, everyEvents: %d}
              affinity: {everyBatches: 20}
              reactions:
                tasks:
                  t1: {type: boost-lr, factor: 3, batches: 100}
            """.formatted(ROWS, EVERY_EVENTS);

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    /** Every row's events, t1's labels flipped from FLIP_ROW on, stamped {@code base + row}. */
    static List<Event> events(TopologySpec spec, long base) {
        SyntheticStream stream = new SyntheticStream(spec).withFlip(0, FLIP_ROW);
        List<Event> out = new ArrayList<>();
        stream.forEachRemaining(e -> out.add(new Event(e.task(), e.task() + "-" + e.id(), base + e.timestamp(),
                e.features(), e.label())));
        return out;
    }

    static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic, long deadlineMs,
                                                              java.util.function.Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (!done.test(out) && System.currentTimeMillis() < deadlineMs) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            long settle = System.currentTimeMillis() + 1500;
            while (System.currentTimeMillis() < settle) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    static List<JsonNode> json(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var r : records) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }

    @Test
    void shouldReportDriftOfTheFlippedTaskOnlyAndMetricsEveryThousandEvents(@TempDir Path stateDir) throws Exception {
        TopologySpec spec = SpecLoader.parse(SPEC, "monitoring-it.yaml", Path.of("."));
        long base = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        List<Event> events = events(spec, base);
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("application.id", "monitoring-it");
        props.put("state.dir", stateDir.toString());
        TributaryApp app = new TributaryApp(spec, new TributaryConfig(props));
        try (Admin admin = kafka.admin()) {
            List<String> created = app.createTopics(admin);
            assertTrue(created.contains(TopicNames.AFFINITY), "the app creates the affinity topic: " + created);
        }
        EventCodec codec = new EventCodec();
        Properties pp = new Properties();
        pp.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < BAD; i++) {
                producer.send(new ProducerRecord<>("t2.events", null, base, null,
                        "{\"features\": {\"x0\": \"abc\"}}".getBytes(StandardCharsets.UTF_8)));
            }
            for (Event e : events) {
                String topic = spec.tasks().get(spec.taskIndex(e.task()).orElseThrow()).topic();
                producer.send(new ProducerRecord<>(topic, null, e.timestamp(),
                        e.id().getBytes(StandardCharsets.UTF_8), codec.encode(e)));
            }
        }
        int total = events.size();
        int publications = total / EVERY_EVENTS;
        KafkaStreams streams = app.start();
        long deadline = System.currentTimeMillis() + 180_000;
        try {
            List<JsonNode> metrics = json(readCommitted(TopicNames.METRICS, deadline,
                    r -> r.size() >= publications * spec.tasks().size()));
            List<JsonNode> drift = json(readCommitted(TopicNames.DRIFT, deadline, r -> true));
            List<JsonNode> affinity = json(readCommitted(TopicNames.AFFINITY, deadline, r -> !r.isEmpty()));

            assertEquals(KafkaStreams.State.RUNNING, streams.state());
            Map<String, List<JsonNode>> byTask = new HashMap<>();
            metrics.forEach(m -> byTask.computeIfAbsent(m.get("task").asText(), k -> new ArrayList<>()).add(m));
            long consumed = 0;
            for (var t : spec.tasks()) {
                List<JsonNode> own = byTask.get(t.name());
                assertEquals(publications, own.size(), "one " + t.name() + " record per " + EVERY_EVENTS + " events");
                JsonNode last = own.get(own.size() - 1);
                consumed += last.get("consumed").asLong();
                assertEquals(t.name().equals("t2") ? BAD : 0, last.get("dead_lettered").asLong(), last.toString());
            }
            assertTrue(consumed >= (long) publications * EVERY_EVENTS && consumed <= total, "consumed " + consumed);

            long flipTs = base + FLIP_ROW;
            List<JsonNode> errorAfterFlip = drift.stream().filter(d -> d.get("signal").asText().equals("error")
                    && d.get("ts").asLong() >= flipTs).toList();
            List<JsonNode> t1 = errorAfterFlip.stream().filter(d -> d.get("task").asText().equals("t1")).toList();
            assertFalse(t1.isEmpty(), "t1's flip raised an error drift: " + drift);
            assertTrue(t1.get(0).get("ts").asLong() < flipTs + 600, "within 600 rows: " + t1.get(0));
            assertEquals("boost-lr", t1.get(0).get("reaction").asText(), t1.get(0).toString());
            assertEquals(List.of(), errorAfterFlip.stream().filter(d -> !d.get("task").asText().equals("t1")).toList(),
                    "no error drift for the tasks that did not change");
            assertTrue(drift.stream().filter(d -> !d.get("task").asText().equals("t1"))
                    .allMatch(d -> d.get("reaction").asText().equals("none")), "only t1 has a reaction");

            JsonNode a = affinity.get(affinity.size() - 1);
            assertEquals("task_affinity", a.get("type").asText());
            assertEquals(3, a.get("matrix").size());
            assertTrue(a.get("samples").asLong() >= 1, a.toString());
        } finally {
            app.close();
        }
    }
}
