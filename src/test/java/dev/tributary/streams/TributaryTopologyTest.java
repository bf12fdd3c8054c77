package dev.tributary.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.records.DeadLetter;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import dev.tributary.state.SnapshotStore;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.*;

class TributaryTopologyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final TopologySpec spec = SpecLoader.load(Path.of("topology/synthetic.yaml"));
    final EventCodec codec = new EventCodec();

    static Properties props(Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "tributary-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return p;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldPublishOnePredictionPerEventAndDeadLetterBadInput(boolean repartition, @TempDir Path dir) throws Exception {
        try (TopologyTestDriver driver = new TopologyTestDriver(TributaryTopology.build(spec, repartition), props(dir))) {
            Map<String, TestInputTopic<byte[], byte[]>> in = new HashMap<>();
            for (var t : spec.tasks()) {
                in.put(t.name(), driver.createInputTopic(t.topic(), new ByteArraySerializer(), new ByteArraySerializer()));
            }
            SyntheticStream stream = new SyntheticStream(spec);
            Map<String, Integer> sent = new HashMap<>();
            int unlabelled = 0;
            for (int i = 0; i < 300; i++) {
                Event e = stream.next();
                if (i % 10 == 0) {
                    e = new Event(e.task(), e.id(), e.timestamp(), e.features(), null);
                    unlabelled++;
                }
                in.get(e.task()).pipeInput(null, codec.encode(e));
                sent.merge(e.task(), 1, Integer::sum);
            }
            byte[][] bad = {
                    "{not json".getBytes(StandardCharsets.UTF_8),
                    "{\"features\": {\"x0\": NaN}}".getBytes(StandardCharsets.UTF_8),
                    "{\"features\": {\"x0\": \"abc\"}, \"label\": 1}".getBytes(StandardCharsets.UTF_8),
                    "{\"features\": {}, \"label\": 7}".getBytes(StandardCharsets.UTF_8),
                    "[1,2]".getBytes(StandardCharsets.UTF_8),
                    new byte[]{(byte) 0xC3, 0x28},
                    manyUnknownFeatures(),
            };
            for (byte[] b : bad) {
                in.get("t1").pipeInput("k".getBytes(StandardCharsets.UTF_8), b);
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1));

            for (var t : spec.tasks()) {
                TestOutputTopic<String, byte[]> out = driver.createOutputTopic(t.predictionTopic(),
                        new StringDeserializer(), new ByteArrayDeserializer());
                List<TestRecord<String, byte[]>> records = out.readRecordsToList();
                assertEquals(sent.get(t.name()), records.size(), "one prediction per " + t.name() + " event");
                JsonNode first = JSON.readTree(records.get(0).value());
                assertEquals(t.name(), first.get("task").asText());
                assertTrue(first.has("score") && first.has("model_version") && first.has("id"), first.toString());
                assertEquals(first.get("id").asText(), records.get(0).key());
                assertEquals(0, records.get(0).headers().toArray().length, "no routing header reaches the topic");
            }
            TestOutputTopic<String, byte[]> dlq = driver.createOutputTopic(TopicNames.DEAD_LETTER,
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TestRecord<String, byte[]>> letters = dlq.readRecordsToList();
            assertEquals(bad.length, letters.size());
            assertEquals("TOO_MANY_UNKNOWN_FEATURES", DeadLetter.fromJson(letters.get(bad.length - 1).value()).reason());
            for (int i = 0; i < bad.length; i++) {
                DeadLetter dl = DeadLetter.fromJson(letters.get(i).value());
                assertArrayEquals(bad[i], dl.original(), "original bytes of bad record " + i);
                assertEquals("t1.events", dl.topic());
                assertEquals(0, dl.partition());
                assertEquals(sent.get("t1") + i, dl.offset(), "the offset of bad record " + i + " in t1.events");
                assertFalse(dl.message().isBlank());
            }
            assertTrue(unlabelled > 0);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldCarryKeysAndHeadersAndDeadLetterAnOversizedRecordWithoutStopping(boolean repartition, @TempDir Path dir)
            throws Exception {
        try (TopologyTestDriver driver = new TopologyTestDriver(TributaryTopology.build(spec, repartition), props(dir))) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("t1.events", new ByteArraySerializer(),
                    new ByteArraySerializer());
            SyntheticStream stream = new SyntheticStream(spec);
            Event e = stream.next();
            Event keyed = new Event("t1", "e-1", e.timestamp(), e.features(), 1);
            Event anonymous = new Event("t1", null, e.timestamp(), e.features(), 0);
            in.pipeInput(record("user-7", codec.encode(keyed), new RecordHeaders().add("trace", bytes("abc"))));
            byte[] huge = new byte[3 * 1024 * 1024];
            java.util.Arrays.fill(huge, (byte) 'x');
            byte[] head = bytes("{\"id\":\"big\",\"features\":\"");
            System.arraycopy(head, 0, huge, 0, head.length);
            in.pipeInput(record("bad-key", huge, new RecordHeaders().add("trace", bytes("xyz"))));
            in.pipeInput(record(null, codec.encode(anonymous), new RecordHeaders()));
            in.pipeInput(record("bad-2", bytes("{not json"), new RecordHeaders()));
            driver.advanceWallClockTime(Duration.ofSeconds(1));

            List<TestRecord<String, byte[]>> predictions = driver.createOutputTopic("t1.predictions",
                    new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            assertEquals(2, predictions.size(), "the event after the oversized record is still scored");
            assertEquals("user-7", predictions.get(0).key(), "the input's key, not the id");
            assertEquals("e-1", JSON.readTree(predictions.get(0).value()).get("id").textValue());
            assertNull(predictions.get(1).key(), "no key and no id: no key");
            assertTrue(JSON.readTree(predictions.get(1).value()).get("id").isNull());

            List<TestRecord<String, byte[]>> letters = driver.createOutputTopic(TopicNames.DEAD_LETTER,
                    new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            assertEquals(2, letters.size());
            DeadLetter oversized = DeadLetter.fromJson(letters.get(0).value());
            assertEquals("bad-key", letters.get(0).key());
            assertEquals("OVERSIZED", oversized.reason());
            assertEquals("record is 3,145,735 bytes (key 7, value 3,145,728), limit 1,048,576", oversized.message());
            assertArrayEquals(bytes("bad-key"), oversized.key());
            assertEquals(List.of(new DeadLetter.Header("trace", bytes("xyz"))), oversized.headers(),
                    "the input's headers, none of Tributary's own");
            assertEquals(huge.length, oversized.originalBytes());
            assertEquals(DeadLetter.sha256(huge), oversized.originalSha256());
            assertTrue(oversized.originalTruncated());
            assertArrayEquals(java.util.Arrays.copyOf(huge, DeadLetter.OVERSIZED_PREFIX_BYTES), oversized.original());
            assertEquals(1, oversized.offset());
            DeadLetter malformed = DeadLetter.fromJson(letters.get(1).value());
            assertEquals("MALFORMED_JSON", malformed.reason());
            assertFalse(malformed.originalTruncated());
            assertArrayEquals(bytes("{not json"), malformed.original());
            assertEquals("bad-2", letters.get(1).key());
        }
    }

    static TestRecord<byte[], byte[]> record(String key, byte[] value, org.apache.kafka.common.header.Headers headers) {
        return new TestRecord<>(key == null ? null : bytes(key), value, headers, 0L);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldNotRewriteTheSnapshotWhileIdle(@TempDir Path dir) {
        try (TopologyTestDriver driver = new TopologyTestDriver(TributaryTopology.build(spec, false), props(dir))) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic(spec.tasks().get(0).topic(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            SyntheticStream stream = new SyntheticStream(spec);
            for (int i = 0; i < 50; i++) {
                Event e = stream.next();
                in.pipeInput(null, codec.encode(new Event("t1", e.id(), e.timestamp(), e.features(), 1)));
            }
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            SnapshotStore store = (SnapshotStore) driver.getStateStore(TopicNames.LEARNER_STORE);
            long written = store.writes();
            assertTrue(written > 0, "the state was written at a commit");
            byte[] stored = store.read().parts().part("dense");
            for (int i = 0; i < 20; i++) {
                driver.advanceWallClockTime(Duration.ofSeconds(1)); // punctuations and commits, no input
            }
            assertEquals(written, store.writes(), "nothing new to write while idle");
            assertArrayEquals(stored, store.read().parts().part("dense"));
        }
    }

    /** 101 features no spec declares: over the default limit of 100. */
    static byte[] manyUnknownFeatures() {
        StringBuilder sb = new StringBuilder("{\"features\": {");
        for (int i = 0; i < 101; i++) {
            sb.append(i == 0 ? "" : ",").append("\"u").append(i).append("\": 1");
        }
        return sb.append("}, \"label\": 1}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldPinTheDescribedTopologyOfEveryShippedSpec() throws Exception {
        try (var files = Files.list(Path.of("topology"))) {
            for (Path yaml : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                TopologySpec s = SpecLoader.load(yaml);
                String described = TributaryTopology.build(s, true).describe().toString();
                Path golden = Path.of(yaml.toString().replace(".yaml", ".txt"));
                if (Boolean.getBoolean("tributary.updateGolden") || !Files.exists(golden)) {
                    Files.writeString(golden, described);
                    assertTrue(Boolean.getBoolean("tributary.updateGolden"), "wrote missing golden file " + golden);
                }
                assertEquals(Files.readString(golden), described, "Topology#describe() of " + yaml
                        + " changed; if intended, rerun with -Dtributary.updateGolden=true and commit " + golden);
            }
        }
    }
}
