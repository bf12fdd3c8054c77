package dev.tributary.streams;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * Reads named topics without a consumer group, for the commands, the benchmarks and the monitoring
 * tools: {@code read_committed}, partitions assigned (nothing is committed, nothing is left behind on
 * the broker). Lifecycle: construct → {@link #start} (positions every existing topic's partitions at
 * their beginning or end and notes the end offsets) → {@link #poll}… ({@link #refreshTopics} now and
 * then picks up topics created later, from their beginning) → {@link #close}; or {@link #readToEnd}
 * for everything up to the end offsets. {@link #wakeup} may be called from another thread to
 * interrupt a poll. Not otherwise thread-safe.
 */
public final class TopicReader implements AutoCloseable {
    /** The monitoring topics, in the order they are listed. */
    public static final List<String> MONITORING = List.of(TopicNames.METRICS, TopicNames.DRIFT, TopicNames.AFFINITY);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    /** {@link #readToEnd} gives up after this long without progress, by default. */
    private static final Duration STALL = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String bootstrap;
    private final List<String> topics;
    private final Set<String> present = new LinkedHashSet<>();
    private final Map<TopicPartition, Long> endAtStart = new HashMap<>();

    /**
     * @param clientConfig consumer settings (bootstrap at least); group, isolation and auto-commit are set
     *                     here, a {@code client.id} is kept
     * @param topics       the topics to read
     * @param clientId     the consumer's {@code client.id} unless the settings name one
     */
    public TopicReader(Map<String, Object> clientConfig, List<String> topics, String clientId) {
        Map<String, Object> c = new HashMap<>(clientConfig);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        this.bootstrap = String.valueOf(c.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.topics = List.copyOf(topics);
        this.consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns the partitions of the topics that exist, at their beginning or their end. */
    public void start(boolean fromBeginning) {
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
    public boolean refreshTopics() {
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
    public List<String> missing() {
        return topics.stream().filter(t -> !present.contains(t)).toList();
    }

    /** The next records (none, after waiting {@code timeout}, while no topic exists yet). */
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        if (consumer.assignment().isEmpty()) {
            sleep(timeout);
            return ConsumerRecords.empty();
        }
        return consumer.poll(timeout);
    }

    /** Whether every partition assigned at {@link #start} has been read up to its end offset then. */
    public boolean caughtUp() {
        for (Map.Entry<TopicPartition, Long> e : endAtStart.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** {@link #readToEnd(Consumer, Duration)} that gives up after 30 s without progress. */
    public void readToEnd(Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        readToEnd(sink, STALL);
    }

    /**
     * Reads every record of the existing topics from their beginning up to their end offsets at the
     * start, then returns; fails when no record arrives for {@code stall} before that.
     */
    public void readToEnd(Consumer<ConsumerRecord<byte[], byte[]>> sink, Duration stall) {
        start(true);
        long lastProgress = System.currentTimeMillis();
        while (!caughtUp()) {
            ConsumerRecords<byte[], byte[]> records = poll(Duration.ofMillis(200));
            records.forEach(sink);
            if (!records.isEmpty()) {
                lastProgress = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastProgress > stall.toMillis()) {
                throw new IllegalStateException("no progress reading " + present + " on " + bootstrap + " for "
                        + stall.toSeconds() + " s; positions " + positions() + ", end offsets " + endAtStart);
            }
        }
    }

    private Map<TopicPartition, Long> positions() {
        Map<TopicPartition, Long> out = new HashMap<>();
        endAtStart.keySet().forEach(tp -> out.put(tp, consumer.position(tp)));
        return out;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** Makes a blocked or the next {@link #poll} return at once (throws {@code WakeupException}). */
    public void wakeup() {
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
