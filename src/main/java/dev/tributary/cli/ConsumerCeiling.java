package dev.tributary.cli;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ceiling for the pipeline's throughput: how fast Kafka's plain consumer reads the same input
 * topics from the beginning ({@code read_committed}, no group, records counted and nothing decoded),
 * in the same process and on the same broker as the benchmark.
 *
 * @param records records read
 * @param bytes   bytes of record values read
 * @param seconds from the first poll until the topics' end offsets were reached
 */
record ConsumerCeiling(long records, long bytes, double seconds) {

    double recordsPerSecond() {
        return records / Math.max(seconds, 1e-9);
    }

    /** Reads {@code topics} from the beginning to their current end offsets; fails after {@code timeout}. */
    static ConsumerCeiling measure(Map<String, Object> consumerConfig, List<String> topics, Duration timeout) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        config.remove("group.id");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo p : c.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long records = 0;
            long bytes = 0;
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            while (!reached(c, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the plain consumer read only " + records + " records of " + topics
                            + " in " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    records++;
                    bytes += r.serializedValueSize();
                }
            }
            return new ConsumerCeiling(records, bytes, (System.nanoTime() - start) / 1e9);
        }
    }

    private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
