package dev.tributary.streams;

import dev.tributary.local.TestClients;
import dev.tributary.local.EmbeddedKafka;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.records.DeadLetter;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Any record the broker accepts on an input topic, up to the topic's {@code max.message.bytes}
 * (the default 1 MB, and 8 MiB raised), becomes exactly one dead letter, and the application keeps
 * running: the good events around it get their predictions, before and after, with and without the
 * repartition hop. Before, an 800 KB malformed record became a 1.07 MB dead letter that the dead-letter
 * topic refused, and every restart died on the same record.
 */
class OversizedRecordIT {
    static final int EIGHT_MIB = 8 * 1024 * 1024;
    EmbeddedKafka kafka;
    final TopologySpec spec = SpecLoader.load(Path.of("topology/synthetic.yaml"));
    final EventCodec codec = new EventCodec();

    @BeforeEach
    void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterEach
    void stopBroker() {
        kafka.close();
    }

    @ParameterizedTest(name = "repartition {0}")
    @ValueSource(strings = {"always", "never"})
    void shouldDeadLetterEveryRecordTheBrokerTakesAndKeepRunning(String repartition, @TempDir Path dir) throws Exception {
        String app = "oversized-" + repartition;
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("application.id", app);
        p.put("state.dir", dir.toString());
        p.put("tributary.repartition", repartition);
        TributaryApp tributary = new TributaryApp(spec, new TributaryConfig(p));
        String t1 = spec.tasks().get(0).topic();
        String t2 = spec.tasks().get(1).topic();
        try (Admin admin = kafka.admin()) {
            // Inputs, outputs and the dead-letter topic as the application creates them; t2's input takes 8 MiB.
            tributary.createTopics(admin);
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, t2), List.of(
                    new AlterConfigOp(new ConfigEntry("max.message.bytes", Integer.toString(EIGHT_MIB)),
                            AlterConfigOp.OpType.SET)))).all().get();
        }
        AtomicReference<KafkaStreams.State> worst = new AtomicReference<>(KafkaStreams.State.CREATED);
        TributaryApp.Plan plan = tributary.prepare(false);
        assertEquals(repartition.equals("always"), plan.repartition());
        KafkaStreams streams = tributary.start(plan, (now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
                worst.set(now);
            }
        });
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            StreamingIT.awaitRunning(streams);
            SyntheticStream stream = new SyntheticStream(spec);
            // 1 MB is the broker's default record limit; 800,000 bytes of an unterminated string fits it.
            byte[] unterminated = malformed(800_000, "bad-800k");
            byte[] justUnder = malformed(1_000_000, "bad-1m");
            byte[] eightMib = malformed(EIGHT_MIB - 4096, "bad-8m");
            List<byte[]> bad = List.of(unterminated, justUnder, eightMib);
            String[] badTopics = {t1, t1, t2};
            List<String> goodIds = new ArrayList<>();
            for (int i = 0; i < bad.size(); i++) {
                goodIds.add(send(producer, stream, i));
                RecordHeaders headers = new RecordHeaders();
                headers.add("trace", ("trace-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>(badTopics[i], null, ("bad-" + i).getBytes(StandardCharsets.UTF_8),
                        bad.get(i), headers)).get();
            }
            goodIds.add(send(producer, stream, 99));

            Map<String, List<ConsumerRecord<byte[], byte[]>>> out = TestClients.readCommittedByTopic(kafka,
                    List.of(spec.tasks().get(0).predictionTopic(), spec.tasks().get(1).predictionTopic(),
                            TopicNames.DEAD_LETTER), goodIds.size() + bad.size(), Duration.ofMillis(1500),
                    Duration.ofSeconds(90));
            List<String> predicted = new ArrayList<>();
            for (String t : List.of(spec.tasks().get(0).predictionTopic(), spec.tasks().get(1).predictionTopic())) {
                for (var r : out.getOrDefault(t, List.of())) {
                    predicted.add(new ObjectMapper().readTree(r.value()).get("id").textValue());
                }
            }
            assertEquals(goodIds.stream().sorted().toList(), predicted.stream().sorted().toList(),
                    "one prediction per good event, before and after each bad one");
            List<ConsumerRecord<byte[], byte[]>> letters = out.getOrDefault(TopicNames.DEAD_LETTER, List.of());
            assertEquals(bad.size(), letters.size(), "one dead letter per bad record");
            for (int i = 0; i < bad.size(); i++) {
                DeadLetter d = DeadLetter.fromJson(letters.get(i).value());
                byte[] original = bad.get(i);
                assertEquals("bad-" + i, new String(letters.get(i).key(), StandardCharsets.UTF_8));
                assertEquals(badTopics[i], d.topic());
                assertEquals(original.length, d.originalBytes());
                assertEquals(DeadLetter.sha256(original), d.originalSha256());
                assertEquals("trace", d.headers().get(0).key());
                byte[] kept = d.original();
                assertArrayEquals(Arrays.copyOf(original, kept.length), kept, "a prefix of the original");
                if (original.length <= 1 << 20) {
                    assertEquals("MALFORMED_JSON", d.reason(), d.message());
                    assertFalse(d.originalTruncated(), "a record the decoder reads comes back whole");
                } else {
                    assertEquals("OVERSIZED", d.reason(), d.message());
                    assertTrue(d.originalTruncated());
                    assertEquals(DeadLetter.OVERSIZED_PREFIX_BYTES, kept.length);
                }
            }
            assertEquals(KafkaStreams.State.RUNNING, streams.state());
            assertEquals(KafkaStreams.State.CREATED, worst.get(), "never in error");
        } finally {
            tributary.close();
        }
    }

    /** An unterminated JSON string of {@code size} bytes that starts with a recognisable id. */
    static byte[] malformed(int size, String id) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        byte[] head = ("{\"id\":\"" + id + "\",\"features\":{\"x0\":\"").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    String send(KafkaProducer<byte[], byte[]> producer, SyntheticStream stream, int i) throws Exception {
        Event e = stream.next();
        String task = spec.tasks().get(i % 2).name();
        Event good = new Event(task, "good-" + i, e.timestamp(), e.features(), 1);
        producer.send(new ProducerRecord<>(spec.tasks().get(i % 2).topic(), codec.encode(good))).get();
        return good.id();
    }

    KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(EIGHT_MIB + 64 * 1024));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
