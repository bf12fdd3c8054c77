package dev.tributary.cli;

import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.local.EmbeddedKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tributary produce} against a real in-process broker; the records are counted and decoded back. */
class ProduceCommandIT {
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldLoadEveryEnbRowIntoBothRegressionTopics() {
        String out = EvaluateCommandTest.run("produce", "--topology", "topology/enb.yaml", "--bootstrap",
                kafka.bootstrapServers(), "--quiet");
        List<ConsumerRecord<byte[], byte[]>> heating = readAll("heating.events");
        List<ConsumerRecord<byte[], byte[]>> cooling = readAll("cooling.events");
        assertEquals(768, heating.size(), out);
        assertEquals(768, cooling.size(), out);
        assertTrue(out.contains("produced 1,536 events"), out);
        assertTrue(out.contains("bad rows skipped: 0"), out);

        // The first data row (line 2): 0.98,514.5,294,110.25,7,2,0,0,15.55,21.33
        ConsumerRecord<byte[], byte[]> first = heating.get(0);
        assertEquals("ENB2012_data.csv:2", new String(first.key(), StandardCharsets.UTF_8));
        Event e = new EventCodec().decode("heating", first.value(), first.timestamp());
        assertEquals(15.55, (Double) e.label(), 0.0);
        assertEquals(514.5, (Double) e.features().get("SurfaceArea"), 0.0);
        assertEquals(8, e.features().size(), "the eight inputs; neither label column is a feature");
        Event c = new EventCodec().decode("cooling", cooling.get(0).value(), 0L);
        assertEquals(21.33, (Double) c.label(), 0.0);
    }

    @Test
    void shouldStopASyntheticStreamAtTheLimitWithOneEventPerTaskPerRow() {
        long before = System.currentTimeMillis();
        String out = EvaluateCommandTest.run("produce", "--topology", "topology/synthetic.yaml", "--bootstrap",
                kafka.bootstrapServers(), "--limit", "30", "--rate", "2000", "--quiet");
        for (String task : new String[]{"t1", "t2", "t3"}) {
            List<ConsumerRecord<byte[], byte[]>> records = readAll(task + ".events");
            assertEquals(10, records.size(), task + ": " + out);
            assertEquals("syn-0", new String(records.get(0).key(), StandardCharsets.UTF_8));
            Event e = new EventCodec().decode(task, records.get(0).value(), 0L);
            assertEquals(16, e.features().size());
            assertTrue(e.timestamp() >= before, "a live synthetic event is stamped when sent, not with its row number: "
                    + e.timestamp());
        }
        assertTrue(out.contains("produced 30 events"), out);
        try (org.apache.kafka.clients.admin.Admin admin = kafka.admin()) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "t1.predictions");
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertEquals("LogAppendTime", config.get("message.timestamp.type").value(),
                    "outputs are stamped by the broker, so retention counts from when they were written");
        } catch (Exception e) {
            throw new AssertionError("could not read the prediction topic's config", e);
        }
    }

    /** Every record of the topic's single partition, from the beginning to the end offset. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (c.position(tp) < end) {
                assertTrue(System.nanoTime() < deadline, "read " + out.size() + " of " + end + " records of " + topic);
                c.poll(Duration.ofMillis(100)).forEach(out::add);
            }
            return out;
        }
    }
}
