package dev.tributary.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.learner.GlobalUpdate;
import dev.tributary.local.EmbeddedKafka;
import dev.tributary.records.RoundsCodec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An idle partition does not stall the others: partitioned learners on two partitions, a live stream
 * (about 2,000 events/s) on partition 0 only. The aggregator closes rounds without replica 1 (by
 * wait record or timeout), the global version advances, and the idle replica merges every version as it comes (its staleness stays
 * that of the round trip); when its partition gets events it learns from the current global model.
 */
class PartitionedIdleIT {
    static final String APP = "idle-app";
    static final ObjectMapper JSON = new ObjectMapper();
    final TopologySpec spec = SpecLoader.load(Path.of("topology/synthetic.yaml"));

    @Test
    void shouldAdvanceTheGlobalVersionWhileAPartitionIsIdle(@TempDir Path stateDir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); Admin admin = kafka.admin()) {
            List<NewTopic> inputs = new ArrayList<>();
            TopicNames.inputs(spec).forEach(t -> inputs.add(new NewTopic(t, Optional.of(2), Optional.empty())));
            admin.createTopics(inputs).all().get();
            Properties p = new Properties();
            p.put("bootstrap.servers", kafka.bootstrapServers());
            p.put("application.id", APP);
            p.put("state.dir", stateDir.toString());
            p.put(TributaryConfig.LEARNERS, "partitioned");
            try (TributaryApp app = new TributaryApp(spec, new TributaryConfig(p))) {
                KafkaStreams streams = app.start();
                StreamingIT.awaitRunning(streams);
                SyntheticStream events = new SyntheticStream(spec);
                int first = produce(kafka, events, 6000, 0);
                awaitPredictions(kafka, first);
                Thread.sleep(1500);  // a metrics interval: the idle replica reports

                List<GlobalUpdate> versions = PartitionedCrashIT.updates(kafka, APP, 1);
                assertTrue(versions.size() >= 5, "the global version advanced while partition 1 was idle: "
                        + versions.size() + " versions");
                for (int i = 0; i < versions.size(); i++) {
                    assertEquals(i + 1, versions.get(i).version());
                    assertEquals(-1, versions.get(i).included()[1], "no delta of the idle replica");
                }
                Map<Integer, JsonNode> replicas = latestReplicaBlocks(kafka);
                JsonNode idle = replicas.get(1);
                assertNotNull(idle, "the idle replica publishes its metrics: " + replicas);
                assertEquals(0, idle.get("deltas_sent").asLong());
                assertTrue(idle.get("global_version").asLong() >= versions.size() - 1,
                        "the idle replica merged the versions as they came: " + idle);
                JsonNode rounds = latestRounds(kafka);
                System.out.println("idle replica: " + idle + "\nrounds: " + rounds + "\nactive replica: "
                        + replicas.get(0));
                assertEquals(0, rounds.get("closed_all").asLong(), "no round had both replicas: " + rounds);
                assertTrue(rounds.get("closed_wait").asLong() + rounds.get("closed_timeout").asLong() >= 5,
                        rounds.toString());
                assertTrue(rounds.get("max_round").get("ms").asLong() < 1000,
                        "a round stays open about the timeout at most, not until the idle partition sends: " + rounds);

                int second = produce(kafka, events, 3000, 1);
                awaitPredictions(kafka, first + second);
            }
        }
    }

    /** {@code n} events to one partition of each topic, at about 2,000 events/s (a live stream, not a backlog). */
    int produce(EmbeddedKafka kafka, SyntheticStream events, int n, int partition) throws InterruptedException {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        EventCodec codec = new EventCodec();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                Event row = events.next();
                Event e = new Event(row.task(), row.task() + "-" + row.id(), row.timestamp(), row.features(),
                        row.label());
                String topic = spec.tasks().get(spec.taskIndex(e.task()).orElseThrow()).topic();
                producer.send(new ProducerRecord<>(topic, partition, System.currentTimeMillis(),
                        e.id().getBytes(StandardCharsets.UTF_8), codec.encode(e)));
                if (i % 20 == 19) {
                    Thread.sleep(10);
                }
            }
        }
        return n;
    }

    void awaitPredictions(EmbeddedKafka kafka, int n) throws Exception {
        try (CrashRecoveryIT.PredictionReader reader = new CrashRecoveryIT.PredictionReader(kafka, spec)) {
            reader.awaitAtLeast(n, null, Duration.ofSeconds(120));
            assertEquals(n, reader.seen.size(), "one prediction per event");
        }
    }

    static Map<Integer, JsonNode> latestReplicaBlocks(EmbeddedKafka kafka) {
        Map<Integer, JsonNode> out = new HashMap<>();
        PartitionedCrashIT.readAll(kafka, new TopicPartition(TopicNames.METRICS, 0), (k, v) -> {
            JsonNode r = read(v).get("replica");
            if (r != null) {
                out.put(r.get("index").asInt(), r);
            }
        });
        return out;
    }

    static JsonNode latestRounds(EmbeddedKafka kafka) {
        JsonNode[] last = {null};
        PartitionedCrashIT.readAll(kafka, new TopicPartition(TopicNames.METRICS, 0), (k, v) -> {
            JsonNode n = read(v);
            if (RoundsCodec.TYPE.equals(n.get("type").asText())) {
                last[0] = n;
            }
        });
        assertNotNull(last[0], "a model_rounds record");
        return last[0];
    }

    static JsonNode read(byte[] v) {
        try {
            return JSON.readTree(v);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
