package dev.tributary.streams;

import dev.tributary.local.TestClients;
import dev.tributary.records.WireSchemas;
import dev.tributary.local.EmbeddedKafka;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.DeadLetterReason;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.SyntheticSpec;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
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
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On a real in-process broker, every record the application writes (predictions of a binary, a
 * multiclass and a regression task, dead letters of every reason, metrics, drift, affinity) conforms to
 * its JSON Schema in {@code docs/schemas}, and so does every good event sent.
 */
class WireFormatIT {
    static final int ROWS = 4000;
    static final int FLIP_ROW = 2000;
    static final ObjectMapper JSON = new ObjectMapper();
    static EmbeddedKafka kafka;

    static final String SPEC = """
            name: wire-format-it
            seed: 7
            tasks:
              - {name: t1, kind: binary}
              - {name: t2, kind: multiclass, classes: [a, b, c]}
              - {name: t3, kind: regression}
            features:
              - {name: x, type: numeric, count: 8}
            model: {family: mmoe, encoder: [16], experts: {count: 3, hidden: [8]}, tower: [8]}
            optimizer: {learningRate: 0.005}
            batch: {size: 16}
            monitoring:
              metrics: {everySeconds: 0, everyEvents: 1000}
              affinity: {everyBatches: 20}
              reactions:
                tasks:
                  t1: {type: boost-lr, factor: 3, batches: 100}
            """;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    record Raw(String topic, byte[] key, byte[] value) {
    }

    /**
     * The good events: t1 (binary, its labels flipped half-way so that drift fires) and t3 (regression)
     * from the synthetic generator (correlation 0.8; the spec has no synthetic section, which a
     * multiclass task rules out), t2 (multiclass) labelled by a rule on the same features; every tenth t1
     * event unlabelled, every seventh without an id, t3's ids numbers.
     */
    static List<Event> goodEvents(TopologySpec spec, long base) {
        List<TaskSpec> synthetic = List.of(spec.tasks().get(0), spec.tasks().get(2));
        SyntheticSpec d = SyntheticSpec.defaults(8);
        SyntheticSpec rows = new SyntheticSpec(d.dimension(), 0.8, d.scale(), d.sinTerms(), d.noise(), ROWS);
        SyntheticStream stream = new SyntheticStream(rows, synthetic, spec.seed()).withFlip(0, FLIP_ROW);
        List<Event> out = new ArrayList<>();
        int n = 0;
        while (stream.hasNext()) {
            Event e = stream.next();
            long ts = base + e.timestamp();
            if (e.task().equals("t1")) {
                String id = n % 7 == 0 ? null : "t1-" + e.id();
                out.add(new Event("t1", id, ts, e.features(), n % 10 == 0 ? null : e.label()));
                if (n % 2 == 0) {
                    double x0 = (Double) e.features().get("x0");
                    double x1 = (Double) e.features().get("x1");
                    out.add(new Event("t2", "t2-" + e.id(), ts, e.features(), x0 > 0.5 ? "a" : x1 > 0 ? "b" : "c"));
                }
                n++;
            } else {
                out.add(new Event("t3", Long.toString(e.timestamp()), ts, e.features(), e.label()));
            }
        }
        return out;
    }

    /** One bad record per dead-letter reason (OUTPUT_TOO_LARGE: a key too large for t3.predictions). */
    static Map<DeadLetterReason, Raw> badRecords() {
        Map<DeadLetterReason, Raw> bad = new LinkedHashMap<>();
        bad.put(DeadLetterReason.EMPTY_RECORD, raw("t1.events", "   "));
        bad.put(DeadLetterReason.MALFORMED_JSON, raw("t1.events", "{\"features\":"));
        bad.put(DeadLetterReason.NOT_AN_OBJECT, raw("t2.events", "[1]"));
        bad.put(DeadLetterReason.UNKNOWN_FIELD, raw("t1.events", "{\"features\":{},\"extra\":1}"));
        bad.put(DeadLetterReason.DUPLICATE_FIELD, raw("t1.events", "{\"features\":{},\"features\":{}}"));
        bad.put(DeadLetterReason.MISSING_FEATURES, raw("t3.events", "{\"label\":1}"));
        bad.put(DeadLetterReason.FEATURES_NOT_AN_OBJECT, raw("t1.events", "{\"features\":[1]}"));
        bad.put(DeadLetterReason.BAD_FEATURE, raw("t1.events", "{\"features\":{\"\":1}}"));
        StringBuilder many = new StringBuilder("{\"features\":{");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":1");
        }
        bad.put(DeadLetterReason.TOO_MANY_FEATURES, raw("t1.events", many + "}}"));
        bad.put(DeadLetterReason.NON_FINITE, raw("t1.events", "{\"features\":{\"x0\":1e999}}"));
        bad.put(DeadLetterReason.BAD_LABEL, raw("t1.events", "{\"features\":{},\"label\":[1]}"));
        bad.put(DeadLetterReason.BAD_ID, raw("t1.events", "{\"id\":{},\"features\":{}}"));
        bad.put(DeadLetterReason.BAD_TIMESTAMP, raw("t1.events", "{\"ts\":\"yesterday\",\"features\":{}}"));
        byte[] notUtf8 = "{\"features\":{\"c\":\"?\"}}".getBytes(StandardCharsets.UTF_8);
        notUtf8[18] = (byte) 0xff;
        bad.put(DeadLetterReason.INVALID_UTF8, new Raw("t1.events", null, notUtf8));
        bad.put(DeadLetterReason.INVALID_EVENT, raw("t1.events", "{\"features\":{\"x0\":\"abc\"}}"));
        StringBuilder unknown = new StringBuilder("{\"features\":{");
        for (int i = 0; i <= 100; i++) {
            unknown.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":1");
        }
        bad.put(DeadLetterReason.TOO_MANY_UNKNOWN_FEATURES, raw("t2.events", unknown + "}}"));
        byte[] huge = new byte[1_100_000];
        Arrays.fill(huge, (byte) ' ');
        bad.put(DeadLetterReason.OVERSIZED, new Raw("t1.events", null, huge));
        byte[] bigKey = new byte[1500];
        Arrays.fill(bigKey, (byte) 'k');
        bad.put(DeadLetterReason.OUTPUT_TOO_LARGE, new Raw("t3.events", bigKey,
                "{\"features\":{\"x0\":0.5},\"label\":1.5}".getBytes(StandardCharsets.UTF_8)));
        return bad;
    }

    static Raw raw(String topic, String value) {
        return new Raw(topic, null, value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldWriteOnlyRecordsThatConformToThePublishedSchemas(@TempDir Path stateDir) throws Exception {
        TopologySpec spec = SpecLoader.parse(SPEC, "wire-format-it.yaml", Path.of("."));
        long base = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        List<Event> events = goodEvents(spec, base);
        Map<DeadLetterReason, Raw> bad = badRecords();
        assertEquals(EnumSet.allOf(DeadLetterReason.class), bad.keySet(), "one bad record per reason");

        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("application.id", "wire-format-it");
        props.put("state.dir", stateDir.toString());
        props.put(TributaryConfig.INPUT_TOPIC_PREFIX + TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2097152");
        TributaryApp app = new TributaryApp(spec, new TributaryConfig(props));
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("t3.predictions", 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1024")))).all().get();
            app.createTopics(admin);
        }

        EventCodec codec = new EventCodec();
        Properties pp = new Properties();
        pp.put("bootstrap.servers", kafka.bootstrapServers());
        pp.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "4194304");
        int sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Raw r : bad.values()) {
                producer.send(new ProducerRecord<>(r.topic(), null, base, r.key(), r.value())).get();
                sent++;
            }
            for (Event e : events) {
                byte[] value = codec.encode(e);
                assertEquals(List.of(), WireSchemas.problems(WireSchemas.EVENT, value), new String(value, StandardCharsets.UTF_8));
                String topic = spec.tasks().get(spec.taskIndex(e.task()).orElseThrow()).topic();
                producer.send(new ProducerRecord<>(topic, null, e.timestamp(), null, value));
                sent++;
            }
        }

        Map<String, String> schemaOf = new LinkedHashMap<>();
        for (TaskSpec t : spec.tasks()) {
            schemaOf.put(t.predictionTopic(), WireSchemas.PREDICTION);
        }
        schemaOf.put(TopicNames.DEAD_LETTER, WireSchemas.DEAD_LETTER);
        schemaOf.put(TopicNames.METRICS, WireSchemas.TASK_METRICS);
        schemaOf.put(TopicNames.DRIFT, WireSchemas.DRIFT);
        schemaOf.put(TopicNames.AFFINITY, WireSchemas.TASK_AFFINITY);

        KafkaStreams streams = app.start();
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byTopic;
        try {
            byTopic = TestClients.readCommittedByTopic(kafka, List.copyOf(schemaOf.keySet()), sent,
                    Duration.ofMillis(3000), Duration.ofSeconds(180));
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
        } finally {
            app.close();
        }

        List<String> problems = new ArrayList<>();
        for (var topic : schemaOf.entrySet()) {
            List<ConsumerRecord<byte[], byte[]>> records = byTopic.getOrDefault(topic.getKey(), List.of());
            assertFalse(records.isEmpty(), "no record on " + topic.getKey());
            for (var r : records) {
                for (String p : WireSchemas.problems(topic.getValue(), r.value())) {
                    problems.add(topic.getKey() + "@" + r.offset() + ": " + p);
                }
            }
        }
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())));

        long predictions = spec.tasks().stream().mapToLong(t -> byTopic.get(t.predictionTopic()).size()).sum();
        List<JsonNode> deadLetters = json(byTopic.get(TopicNames.DEAD_LETTER));
        assertEquals(sent, predictions + deadLetters.size(), "one prediction or one dead letter per record");
        Set<String> reasons = new TreeSet<>();
        deadLetters.forEach(d -> reasons.add(d.get("reason").asText()));
        assertEquals(new TreeSet<>(bad.keySet().stream().map(Enum::name).toList()), reasons);
        assertEquals(bad.size(), deadLetters.size());
        JsonNode tooLarge = deadLetters.stream().filter(d -> d.get("reason").asText().equals("OUTPUT_TOO_LARGE"))
                .findFirst().orElseThrow();
        assertEquals("t3.events", tooLarge.get("topic").asText(), tooLarge.toString());
        assertEquals(-1, tooLarge.get("partition").asInt(), "the input record is no longer at hand: " + tooLarge);

        List<JsonNode> multiclass = json(byTopic.get("t2.predictions"));
        assertTrue(multiclass.stream().allMatch(p -> p.get("distribution").size() == 3 && p.has("predicted")));
        List<JsonNode> binary = json(byTopic.get("t1.predictions"));
        assertTrue(binary.stream().anyMatch(p -> p.get("id").isNull()), "events without an id");
        assertTrue(binary.stream().anyMatch(p -> !p.has("label")), "unlabelled events");
        assertTrue(json(byTopic.get(TopicNames.DRIFT)).stream().anyMatch(d -> d.get("task").asText().equals("t1")));
    }

    static List<JsonNode> json(List<ConsumerRecord<byte[], byte[]>> records) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var r : records) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }
}
