package dev.tributary.cli;

import dev.tributary.streams.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A consumer of the monitoring topics for {@code watch} and {@code report}: {@code read_committed},
 * no consumer group (partitions are assigned, nothing is committed, nothing is left behind on the
 * broker). Lifecycle: construct → {@link #start} (positions every existing topic's partitions at their
 * beginning or end and notes the end offsets) → {@link #poll}… ({@link #refreshTopics} now and then
 * picks up topics created later, from their beginning) → {@link #close}. {@link #wakeup} may be called
 * from another thread to interrupt a poll. Not otherwise thread-safe.
 */
final class MonitorFeed implements AutoCloseable {
    /** The task-affinity topic (its constant will live in {@code TopicNames}; kept here until then). */
    static final String AFFINITY = TopicNames.AFFINITY;
    /** The monitoring topics, in the order they are listed. */
    static final List<String> TOPICS = List.of(TopicNames.METRICS, TopicNames.DRIFT, AFFINITY);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    /** {@link #readToEnd} gives up after this long without progress. */
    private static final long STALL_MS = 30_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrap;
    private final List<String> topics;
    private final Set<String> present = new LinkedHashSet<>();
    private final Map<TopicPartition, Long> endAtStart = new HashMap<>();

    /** @param clientConfig consumer settings (bootstrap at least); group and isolation are set here */
    MonitorFeed(Map<String, Object> clientConfig, List<String> topics) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-monitor");
        this.bootstrap = String.valueOf(c.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.topics = List.copyOf(topics);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns the partitions of the topics that exist, at their beginning or their end. */
    void start(boolean fromBeginning) {
        List<TopicPartition> added = assignExisting();
        if (added.isEmpty()) {
            return;  // and never seek an empty list: that would seek every assigned partition
        }
        if (fromBeginning) {
            consumer.seekToBeginning(added);
        } else {
            consumer.seekToEnd(added);
        }
        added.forEach(consumer::position);
        endAtStart.putAll(consumer.endOffsets(added));
    }

    /** Picks up topics created since the last look, reading them from the beginning; true if any. */
    boolean refreshTopics() {
        if (present.size() == topics.size()) {
            return false;
        }
        List<TopicPartition> added = assignExisting();
        if (added.isEmpty()) {
            return false;  // seekToBeginning(empty) would rewind every assigned partition
        }
        consumer.seekToBeginning(added);
        return true;
    }

    private List<TopicPartition> assignExisting() {
        Map<String, List<PartitionInfo>> all;
        try {
            all = consumer.listTopics(METADATA_TIMEOUT);
        } catch (WakeupException e) {
            throw e;  // a requested stop, not a failure
        } catch (KafkaException e) {
            throw new IllegalStateException("could not list the topics on " + bootstrap + ": " + e.getMessage(), e);
        }
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> partitions = all.get(topic);
            if (partitions != null && !partitions.isEmpty() && present.add(topic)) {
                partitions.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
            }
        }
        if (!added.isEmpty()) {
            List<TopicPartition> assignment = new ArrayList<>(consumer.assignment());
            assignment.addAll(added);
            consumer.assign(assignment);
        }
        return added;
    }

    /** The topics asked for that do not exist (yet). */
    List<String> missing() {
        return topics.stream().filter(t -> !present.contains(t)).toList();
    }

    List<ConsumerRecord<byte[], byte[]>> poll(Duration timeout) {
        if (consumer.assignment().isEmpty()) {
            sleep(timeout);
            return List.of();
        }
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        consumer.poll(timeout).forEach(out::add);
        return out;
    }

    /** Whether every partition assigned at {@link #start} has been read up to its end offset then. */
    boolean caughtUp() {
        for (Map.Entry<TopicPartition, Long> e : endAtStart.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads every record of the existing topics from their beginning up to their end offsets at the
     * start, then returns; fails when no record arrives for {@value #STALL_MS} ms before that.
     */
    void readToEnd(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        start(true);
        long lastProgress = System.currentTimeMillis();
        while (!caughtUp()) {
            List<ConsumerRecord<byte[], byte[]>> records = poll(Duration.ofMillis(200));
            records.forEach(sink);
            if (!records.isEmpty()) {
                lastProgress = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastProgress > STALL_MS) {
                throw new IllegalStateException("no progress reading " + present + " on " + bootstrap + " for "
                        + STALL_MS / 1000 + " s; positions " + positions() + ", end offsets " + endAtStart);
            }
        }
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> out = new HashMap<>();
        endAtStart.keySet().forEach(tp -> out.put(tp, consumer.position(tp)));
        return out;
    }

    String bootstrap() {
        return bootstrap;
    }

    /** Makes a blocked or the next {@link #poll} return at once (throws {@code WakeupException}). */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
