package dev.tributary.local;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Plain string clients for tests against {@link EmbeddedKafka}. */
public final class TestClients {
    private TestClients() {
    }

    /** An idempotent producer ({@code acks=all}); with a {@code transactionalId} it is transactional. */
    public static KafkaProducer<String, String> producer(EmbeddedKafka kafka, String transactionalId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** A consumer of {@code group} that starts from the earliest offset with the given isolation level. */
    public static KafkaConsumer<String, String> consumer(EmbeddedKafka kafka, String group, String isolationLevel) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * Polls until {@code expected} records have arrived, then keeps polling {@code settle} longer so
     * that surplus records (duplicates, aborted data) would show up too; fails after {@code timeout}.
     */
    public static List<ConsumerRecord<String, String>> pollAtLeast(KafkaConsumer<String, String> consumer, int expected,
                                                            Duration settle, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("received " + records.size() + " of " + expected + " records in " + timeout);
            }
            consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        }
        long settleEnd = System.nanoTime() + settle.toNanos();
        while (System.nanoTime() < settleEnd) {
            consumer.poll(Duration.ofMillis(50)).forEach(records::add);
        }
        return records;
    }

    /**
     * Every record of {@code topics} by topic, read with {@code read_committed} from the beginning until
     * {@code expected} records arrived, then {@code settle} longer (so that surplus records show up too),
     * or until {@code timeout} passed.
     */
    public static Map<String, List<ConsumerRecord<byte[], byte[]>>> readCommittedByTopic(EmbeddedKafka kafka,
            List<String> topics, int expected, Duration settle, Duration timeout) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
        Map<String, List<ConsumerRecord<byte[], byte[]>>> out = new HashMap<>();
        int n = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            c.subscribe(topics);
            long deadline = System.currentTimeMillis() + timeout.toMillis();
            long settleEnd = Long.MAX_VALUE;
            while (System.currentTimeMillis() < Math.min(deadline, settleEnd)) {
                for (var r : c.poll(Duration.ofMillis(200))) {
                    out.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add(r);
                    n++;
                }
                if (n >= expected && settleEnd == Long.MAX_VALUE) {
                    settleEnd = System.currentTimeMillis() + settle.toMillis();
                }
            }
        }
        return out;
    }
}
