package dev.tributary.bench;

import dev.tributary.streams.TopicReader;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The ceiling for the pipeline's throughput: how fast Kafka's plain consumer reads the same input
 * topics from the beginning ({@code read_committed}, no group, records counted and nothing decoded),
 * in the same process and on the same broker as the benchmark.
 *
 * @param records records read
 * @param bytes   bytes of record values read
 * @param seconds from the first record received until the topics' end offsets were reached
 */
record ConsumerCeiling(long records, long bytes, double seconds) {

    double recordsPerSecond() {
        return records / Math.max(seconds, 1e-9);
    }

    /** Reads {@code topics} from the beginning to their end offsets; fails after {@code stall} without progress. */
    static ConsumerCeiling measure(Map<String, Object> consumerConfig, List<String> topics, Duration stall) {
        var read = new Object() {
            long records;
            long bytes;
            long firstNanos;
        };
        try (TopicReader reader = new TopicReader(consumerConfig, topics, "tributary-bench-ceiling")) {
            reader.readToEnd(r -> {
                if (read.records++ == 0) {
                    read.firstNanos = System.nanoTime();
                }
                read.bytes += r.serializedValueSize();
            }, stall);
        }
        long nanos = read.records == 0 ? 0 : System.nanoTime() - read.firstNanos;
        return new ConsumerCeiling(read.records, read.bytes, nanos / 1e9);
    }
}
