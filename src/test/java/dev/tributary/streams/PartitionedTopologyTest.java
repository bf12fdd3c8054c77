package dev.tributary.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.learner.DeltaMerger;
import dev.tributary.learner.GlobalUpdate;
import dev.tributary.learner.Learner;
import dev.tributary.learner.ModelDelta;
import dev.tributary.learner.Replica;
import dev.tributary.records.ReplicaCodec;
import dev.tributary.records.ReplicaReport;
import dev.tributary.records.RoundsCodec;
import dev.tributary.records.WireSchemas;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import dev.tributary.state.SnapshotStore;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The partitioned topology on the test driver, which runs one task per sub-topology (partition 0):
 * replica 0's deltas reach the aggregator, its updates come back through the global topic, and the
 * aggregator closes rounds without the replicas that never send (wait records, timeout).
 */
class PartitionedTopologyTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String APP = "tributary-test";
    final TopologySpec spec = SpecLoader.load(Path.of("topology/synthetic.yaml"));
    final EventCodec codec = new EventCodec();

    @Test
    void shouldSyncReplicaZeroThroughTheAggregatorAndCarryVersionsOnEveryPrediction(@TempDir Path dir)
            throws Exception {
        SyncSettings sync = new SyncSettings(2, 4, DeltaMerger.Merge.SUM, 60_000);
        int sent = 0;
        List<JsonNode> predictions = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(PartitionedTopology.build(spec, APP, 1, sync),
                TributaryTopologyTest.props(dir))) {
            sent += pipe(driver, 640, 1);
            driver.advanceWallClockTime(Duration.ofSeconds(2));
            predictions.addAll(predictions(driver));
            List<GlobalUpdate> updates = updates(driver);
            assertTrue(updates.size() >= 5, updates.size() + " updates");
            for (int i = 0; i < updates.size(); i++) {
                assertEquals(i + 1, updates.get(i).version(), "versions increase with no gap or repeat");
                assertEquals(1, updates.get(i).deltas(), "one replica: each round closes with its delta");
            }
            List<byte[]> deltas = deltaRecords(driver);
            assertEquals(updates.size(), deltas.stream().filter(b -> ReplicaCodec.kind(b) == ReplicaCodec.Kind.DELTA)
                    .count(), "one update per delta");
            List<byte[]> monitoring = metricsRecords(driver);
            JsonNode rounds = last(monitoring, RoundsCodec.TYPE);
            assertEquals(List.of(), WireSchemas.problems(WireSchemas.MODEL_ROUNDS, rounds), rounds.toString());
            assertEquals(updates.size(), rounds.get("rounds").asLong());
            assertEquals(rounds.get("rounds").asLong(), rounds.get("closed_all").asLong());
            JsonNode metrics = last(monitoring, "task_metrics");
            assertEquals(List.of(), WireSchemas.problems(WireSchemas.TASK_METRICS, metrics), metrics.toString());
            assertEquals(0, metrics.get("replica").get("index").asInt());
            assertEquals(updates.size(), metrics.get("replica").get("updates_merged").asLong());

            // What the stores checkpointed restores the replica as it was.
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            SnapshotStore store = (SnapshotStore) driver.getStateStore(TopicNames.LEARNER_STORE);
            SnapshotStore.Stored saved = store.read();
            ReplicaSync restored = ReplicaSync.of(Learner.restore(spec, saved.parts()), 0, saved.parts(), sync);
            long lastMerged = predictions.get(predictions.size() - 1).get("global_version").asLong();
            assertEquals(updates.size(), restored.replica().mergedVersion());
            assertTrue(restored.replica().mergedVersion() >= lastMerged);
            ReplicaReport report = restored.report(0);
            assertEquals(updates.size(), report.updatesMerged());
            assertEquals(deltas.size(), report.deltasSent() + report.waitsSent());
        }
        assertEquals(sent, predictions.size(), "one prediction per event");
        long previous = 0;
        for (JsonNode p : predictions) {
            assertEquals(List.of(), WireSchemas.problems(WireSchemas.PREDICTION, p), p.toString());
            assertEquals(0, p.get("replica").asInt());
            assertTrue(p.get("global_version").asLong() >= previous, "merged versions never go back: " + p);
            previous = p.get("global_version").asLong();
        }
        assertTrue(previous > 0, "the replica merged global versions");
    }

    @Test
    void shouldCloseARoundOnAWaitRecordOrATimeoutWhenOtherReplicasNeverSend(@TempDir Path dir) throws Exception {
        SyncSettings sync = new SyncSettings(2, 4, DeltaMerger.Merge.SUM, 5_000);
        Replica one = new Replica(new Learner(spec), 1);
        SyntheticStream stream = new SyntheticStream(spec);
        try (TopologyTestDriver driver = new TopologyTestDriver(PartitionedTopology.build(spec, APP, 3, sync),
                TributaryTopologyTest.props(dir))) {
            TestInputTopic<byte[], byte[]> deltas = driver.createInputTopic(TopicNames.deltas(APP),
                    new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < 4; i++) {
                one.learner().process(batch(stream, 32));
            }
            ModelDelta d = one.delta();
            deltas.pipeInput(key(1), ReplicaCodec.encode(d));
            deltas.pipeInput(key(1), ReplicaCodec.encode(d));  // a redelivery: skipped
            assertEquals(List.of(), updates(driver), "a round of 1 of 3 replicas stays open");
            deltas.pipeInput(key(1), ReplicaCodec.encode(new ReplicaCodec.Wait(1, d.sequence(), 2)));
            List<GlobalUpdate> byWait = updates(driver);
            assertEquals(1, byWait.size(), "a wait record of a replica in the open round closes it");
            assertEquals(d.sequence(), byWait.get(0).included()[1]);
            assertEquals(-1, byWait.get(0).included()[0]);
            one.merge(byWait.get(0));

            for (int i = 0; i < 4; i++) {
                one.learner().process(batch(stream, 32));
            }
            deltas.pipeInput(key(1), ReplicaCodec.encode(one.delta()));
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            assertEquals(List.of(), updates(driver), "open for 1 s of the 5 s timeout");
            driver.advanceWallClockTime(Duration.ofSeconds(5));
            List<GlobalUpdate> byTimeout = updates(driver);
            assertEquals(1, byTimeout.size(), "the timeout closes the round");
            assertEquals(2, byTimeout.get(0).version());
            JsonNode rounds = last(metricsRecords(driver), RoundsCodec.TYPE);
            assertEquals(1, rounds.get("closed_wait").asLong());
            assertEquals(1, rounds.get("closed_timeout").asLong());
            assertEquals(1, rounds.get("duplicates").asLong());
        }
    }

    @Test
    void shouldPinTheDescribedPartitionedTopology() throws Exception {
        String described = PartitionedTopology.build(spec, APP, 4, SyncSettings.DEFAULTS).describe().toString();
        Path golden = Path.of("topology/synthetic-partitioned.txt");
        if (Boolean.getBoolean("tributary.updateGolden") || !Files.exists(golden)) {
            Files.writeString(golden, described);
            assertTrue(Boolean.getBoolean("tributary.updateGolden"), "wrote missing golden file " + golden);
        }
        assertEquals(Files.readString(golden), described, "Topology#describe() of the partitioned synthetic"
                + " topology changed; if intended, rerun with -Dtributary.updateGolden=true and commit " + golden);
    }

    private int pipe(TopologyTestDriver driver, int n, long seed) {
        Map<String, TestInputTopic<byte[], byte[]>> in = new HashMap<>();
        for (var t : spec.tasks()) {
            in.put(t.name(), driver.createInputTopic(t.topic(), new ByteArraySerializer(), new ByteArraySerializer()));
        }
        SyntheticStream stream = new SyntheticStream(spec.synthetic(), spec.tasks(), seed);
        for (int i = 0; i < n; i++) {
            Event e = stream.next();
            in.get(e.task()).pipeInput(e.id().getBytes(StandardCharsets.UTF_8), codec.encode(e));
        }
        return n;
    }

    private static List<Event> batch(SyntheticStream stream, int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(stream.next());
        }
        return out;
    }

    private static byte[] key(int replica) {
        return Integer.toString(replica).getBytes(StandardCharsets.UTF_8);
    }

    private List<JsonNode> predictions(TopologyTestDriver driver) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (var t : spec.tasks()) {
            for (TestRecord<String, byte[]> r : driver.createOutputTopic(t.predictionTopic(), new StringDeserializer(),
                    new ByteArrayDeserializer()).readRecordsToList()) {
                out.add(JSON.readTree(r.value()));
            }
        }
        out.sort((a, b) -> Long.compare(a.get("model_version").asLong(), b.get("model_version").asLong()));
        return out;
    }

    private static List<GlobalUpdate> updates(TopologyTestDriver driver) {
        Chunks.Assembler chunks = new Chunks.Assembler();
        List<GlobalUpdate> out = new ArrayList<>();
        for (byte[] b : driver.createOutputTopic(TopicNames.global(APP), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readValuesToList()) {
            byte[] whole = chunks.add(b);
            if (whole != null) {
                out.add(ReplicaCodec.decodeUpdate(whole));
            }
        }
        return out;
    }

    private static List<byte[]> deltaRecords(TopologyTestDriver driver) {
        return driver.createOutputTopic(TopicNames.deltas(APP), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readValuesToList();
    }

    private static JsonNode last(List<byte[]> records, String type) throws Exception {
        JsonNode last = null;
        for (byte[] b : records) {
            JsonNode n = JSON.readTree(b);
            if (n.get("type").asText().equals(type)) {
                last = n;
            }
        }
        assertTrue(last != null, "a " + type + " record on " + TopicNames.METRICS);
        return last;
    }

    private static List<byte[]> metricsRecords(TopologyTestDriver driver) {
        TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic(TopicNames.METRICS, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        return out.readValuesToList();
    }
}
