package dev.tributary.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.streams.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the application has committed, as a {@code read_committed} consumer sees it: every prediction
 * (counted per event id, with each task's model versions in topic order), the latest metrics record
 * per task, and the dead letters.
 */
final class CommittedOutput implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, String> taskOfPredictionTopic = new HashMap<>();
    /** Predictions per event id ({@code <task>-syn-<row>}). */
    final Map<String, Integer> predictionsPerEvent = new HashMap<>();
    /** Every prediction record, per task, in topic order. */
    final Map<String, List<JsonNode>> predictions = new HashMap<>();
    /** The latest metrics record per task. */
    final Map<String, JsonNode> metrics = new HashMap<>();
    int total;
    int deadLetters;

    CommittedOutput(TopologySpec spec, String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "container-it-reader-" + System.nanoTime());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<String> topics = new ArrayList<>(List.of(TopicNames.METRICS, TopicNames.DEAD_LETTER));
        for (TaskSpec t : spec.tasks()) {
            taskOfPredictionTopic.put(t.predictionTopic(), t.name());
            predictions.put(t.name(), new ArrayList<>());
            topics.add(t.predictionTopic());
        }
        consumer.subscribe(topics);
    }

    /** Polls once (up to 100 ms) and records what arrived. */
    void poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            if (r.topic().equals(TopicNames.DEAD_LETTER)) {
                deadLetters++;
                continue;
            }
            JsonNode v = parse(r.value());
            if (r.topic().equals(TopicNames.METRICS)) {
                metrics.put(v.get("task").asText(), v);
            } else {
                String task = taskOfPredictionTopic.get(r.topic());
                predictions.get(task).add(v);
                predictionsPerEvent.merge(v.get("id").asText(), 1, Integer::sum);
                total++;
            }
        }
    }

    /** Polls until {@code done} holds; fails with {@code context} after {@code timeout}. */
    void pollUntil(BooleanSupplier done, Duration timeout, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + timeout + ": " + total + " predictions committed; " + context.get());
            }
            poll();
        }
    }

    /** Polls for {@code duration} more, so that surplus records (duplicates) would show up too. */
    void settle(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            poll();
        }
    }

    /** The latest metrics record's {@code field} for {@code task}, or -1 before the first. */
    long metric(String task, String field) {
        JsonNode m = metrics.get(task);
        return m == null ? -1 : m.get(field).asLong();
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + new String(value, java.nio.charset.StandardCharsets.UTF_8), e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
