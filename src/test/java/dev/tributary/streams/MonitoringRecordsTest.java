package dev.tributary.streams;

import dev.tributary.records.AffinityCodec;
import dev.tributary.records.DriftCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.data.SyntheticStream;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.learner.Affinity;
import dev.tributary.learner.DriftAlert;
import dev.tributary.spec.MonitoringSpec;
import dev.tributary.spec.SpecLoader;
import dev.tributary.spec.TopologySpec;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Metrics, affinity and drift records as the learner processor publishes them. */
class MonitoringRecordsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final EventCodec codec = new EventCodec();

    static TopologySpec spec(double everySeconds, long everyEvents, int affinityEvery) {
        TopologySpec s = SpecLoader.load(Path.of("topology/synthetic.yaml"));
        MonitoringSpec m = s.monitoring();
        return s.withMonitoring(new MonitoringSpec(true, everySeconds, everyEvents, m.drift(), affinityEvery,
                m.reactions()));
    }

    /** Pipes {@code bad} undecodable records into t2, then {@code n} synthetic events; returns the events per task. */
    Map<String, Integer> pipe(TopologyTestDriver driver, TopologySpec spec, int n, int bad) {
        Map<String, TestInputTopic<byte[], byte[]>> in = new HashMap<>();
        for (var t : spec.tasks()) {
            in.put(t.name(), driver.createInputTopic(t.topic(), new ByteArraySerializer(), new ByteArraySerializer()));
        }
        for (int i = 0; i < bad; i++) {
            in.get("t2").pipeInput(null, "{not json".getBytes(StandardCharsets.UTF_8));
        }
        SyntheticStream stream = new SyntheticStream(spec);
        Map<String, Integer> sent = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Event e = stream.next();
            in.get(e.task()).pipeInput(null, codec.encode(e));
            sent.merge(e.task(), 1, Integer::sum);
        }
        return sent;
    }

    static List<JsonNode> read(TopologyTestDriver driver, String topic) throws Exception {
        TestOutputTopic<String, byte[]> out = driver.createOutputTopic(topic, new StringDeserializer(),
                new ByteArrayDeserializer());
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (TestRecord<String, byte[]> r : out.readRecordsToList()) {
            nodes.add(JSON.readTree(r.value()));
        }
        return nodes;
    }

    @Test
    void shouldPublishMetricsEveryNEventsWithDeadLetterCountsAndTheAffinity(@TempDir Path dir) throws Exception {
        TopologySpec spec = spec(0, 60, 2);
        try (TopologyTestDriver driver = new TopologyTestDriver(TributaryTopology.build(spec, false),
                TributaryTopologyTest.props(dir))) {
            pipe(driver, spec, 310, 4);
            driver.advanceWallClockTime(Duration.ofSeconds(30)); // no time-based metrics: everySeconds is 0
            List<JsonNode> metrics = read(driver, TopicNames.METRICS);
            List<JsonNode> affinity = read(driver, TopicNames.AFFINITY);

            assertEquals(5 * 3, metrics.size(), "one record per task at 60, 120, ..., 300 consumed events");
            JsonNode last = metrics.get(metrics.size() - 1);
            assertEquals("task_metrics", last.get("type").asText());
            for (String field : List.of("dead_lettered", "skipped_non_finite", "sampler_share", "loss_weight",
                    "lr_multiplier", "buffered", "consumed", "labelled")) {
                assertTrue(last.has(field), field + " in " + last);
            }
            JsonNode t2 = metrics.stream().filter(m -> m.get("task").asText().equals("t2")).reduce((a, b) -> b)
                    .orElseThrow();
            assertEquals(4, t2.get("dead_lettered").asLong(), t2.toString());
            assertEquals(0, metrics.get(metrics.size() - 3).get("dead_lettered").asLong(), "t1 had none");
            assertEquals(1.0, t2.get("lr_multiplier").asDouble());

            assertTrue(affinity.size() >= 3, "the affinity goes out with the metrics when it has new samples: "
                    + affinity);
            long previous = 0;
            for (JsonNode a : affinity) {
                assertEquals("task_affinity", a.get("type").asText());
                assertEquals(a.get("model_version").asLong() / 2, a.get("samples").asLong(), "a lookahead every 2 "
                        + "steps: " + a);
                assertTrue(a.get("samples").asLong() > previous, "only new samples are published");
                previous = a.get("samples").asLong();
            }
            JsonNode a = affinity.get(affinity.size() - 1);
            assertEquals("[\"t1\",\"t2\",\"t3\"]", a.get("tasks").toString());
            assertEquals(3, a.get("matrix").size());
            assertEquals(3, a.get("matrix").get(0).size());
            assertTrue(a.get("matrix").get(0).get(0).asDouble() > 0, a.toString());
        }
    }

    @Test
    void shouldPublishMetricsOnTheWallClockInterval(@TempDir Path dir) throws Exception {
        TopologySpec spec = spec(2.0, 0, 0);
        try (TopologyTestDriver driver = new TopologyTestDriver(TributaryTopology.build(spec, false),
                TributaryTopologyTest.props(dir))) {
            pipe(driver, spec, 90, 0);
            for (int i = 0; i < 6; i++) {
                driver.advanceWallClockTime(Duration.ofSeconds(1));
            }
            assertEquals(3 * 3, read(driver, TopicNames.METRICS).size(), "every 2 s for 6 s, one per task");
            assertEquals(List.of(), read(driver, TopicNames.AFFINITY), "affinity is off");
        }
    }

    @Test
    void shouldEncodeAffinityDriftAndTheirUndefinedNumbersAsTheContractSays() throws Exception {
        Affinity a = new Affinity(List.of("t1", "t2"), new double[][]{{0.25, Double.NaN}, {-0.5, 0.125}}, 7);
        assertEquals("{\"type\":\"task_affinity\",\"ts\":1000,\"model_version\":42,\"tasks\":[\"t1\",\"t2\"],"
                + "\"matrix\":[[0.25,null],[-0.5,0.125]],\"samples\":7}",
                new String(AffinityCodec.encode(a, 42, 1000), StandardCharsets.UTF_8));

        DriftAlert alert = new DriftAlert("t1", "error", "adwin", 1834, 5, 0.3, 0.18, Double.NaN, 99, "reset-tower");
        JsonNode d = JSON.readTree(DriftCodec.encode(alert));
        assertEquals("reset-tower", d.get("reaction").asText());
        assertTrue(d.get("mean_after").isNull());
        assertEquals("drift", d.get("type").asText());
    }

    @Test
    void shouldReadProcessorStateWrittenBeforeItHeldDeadLetterCounts() throws Exception {
        byte[] learner = {1, 2, 3};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1);
        out.writeInt(0);
        out.write(learner);
        ProcessorState v1 = ProcessorState.decode(bytes.toByteArray(), codec);
        assertEquals(Map.of(), v1.deadLettered());
        assertArrayEquals(learner, v1.learner());

        byte[] v2 = ProcessorState.encode(List.of(), List.of(), Map.of("t1", 3L, "t3", 1L), learner, codec);
        ProcessorState back = ProcessorState.decode(v2, codec);
        assertEquals(Map.of("t1", 3L, "t3", 1L), back.deadLettered());
        assertArrayEquals(learner, back.learner());
    }
}
