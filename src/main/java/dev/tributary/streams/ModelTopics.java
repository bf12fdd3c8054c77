package dev.tributary.streams;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

/**
 * The topics partitioned learners exchange their model through ({@link TopicNames#deltas}, {@link
 * TopicNames#global}), checked and created before Kafka Streams starts; the check that the input
 * topics are co-partitioned; and the creating and describing of topics that {@link TributaryApp} shares.
 *
 * <p>Both are ordinary topics with time retention, not compacted: the updates are additive (each
 * global version is the change since the one before, so a replica needs every version after its
 * committed position, and a compacted topic keyed by anything coarser would lose some). A replica
 * restored from its changelog resumes from its committed offsets, so the topics need to keep records
 * only as long as a replica can be down: {@link #RETENTION} by default. Timestamps are the broker's
 * (LogAppendTime), so that replaying old events does not make the records expire at once.
 */
final class ModelTopics {
    /** How long the model topics keep records. */
    static final Duration RETENTION = Duration.ofDays(7);
    /** {@code max.message.bytes} of the model topics: room for a {@link Chunks#MAX_BYTES} chunk and its framing. */
    static final int MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
    /** How long a topic just created may take to show in the metadata. */
    private static final Duration METADATA_WAIT = Duration.ofSeconds(15);

    private ModelTopics() {
    }

    /** The partitions every input topic has; throws naming each topic's count when they differ. */
    static int coPartitioned(Admin admin, List<String> inputs) {
        Map<String, Integer> counts = new TreeMap<>();
        describe(admin, inputs).forEach((t, d) -> counts.put(t, d.partitions().size()));
        if (counts.values().stream().distinct().count() != 1) {
            throw new IllegalStateException("tributary.learners=partitioned needs co-partitioned input topics (the"
                    + " same number of partitions, so that partition i of each goes to replica i), found " + counts
                    + "; add partitions (kafka-topics --alter --partitions) or use tributary.learners=single");
        }
        return counts.values().iterator().next();
    }

    /**
     * Creates the deltas topic (one partition) and the global topic ({@code replicas} partitions) when
     * missing and {@code create}; checks the partitions and {@code max.message.bytes} of those that
     * exist. Returns the names created.
     */
    static List<String> ensure(Admin admin, String applicationId, int replicas, Optional<Short> replicationFactor,
                               boolean create) {
        Map<String, Integer> wanted = new TreeMap<>(Map.of(TopicNames.deltas(applicationId), 1,
                TopicNames.global(applicationId), replicas));
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, Integer> w : wanted.entrySet()) {
            if (create && createIfMissing(admin, new NewTopic(w.getKey(), Optional.of(w.getValue()), replicationFactor)
                    .configs(Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(RETENTION.toMillis()),
                            "message.timestamp.type", "LogAppendTime",
                            "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES))))) {
                created.add(w.getKey());
            }
        }
        Map<String, TopicDescription> found = describe(admin, List.copyOf(wanted.keySet()));
        for (Map.Entry<String, Integer> w : wanted.entrySet()) {
            int partitions = found.get(w.getKey()).partitions().size();
            if (partitions != w.getValue()) {
                throw new IllegalStateException("topic " + w.getKey() + " has " + partitions + " partitions, the "
                        + replicas + " partitioned learners need " + w.getValue() + (w.getValue() == 1 ? "" : " (one"
                        + " per input partition)") + ": were the inputs' partitions changed? A new layout needs a"
                        + " new application.id");
            }
            int maxBytes = maxMessageBytes(admin, w.getKey());
            if (maxBytes < Chunks.MAX_BYTES + OutputLimits.FRAMING_BYTES) {
                throw new IllegalStateException("topic " + w.getKey() + " takes records of at most " + maxBytes
                        + " bytes (max.message.bytes); the model records need " + (Chunks.MAX_BYTES
                        + OutputLimits.FRAMING_BYTES) + ": raise it to " + MAX_MESSAGE_BYTES);
            }
        }
        return created;
    }

    /** Creates the topic; false when it exists already. Throws naming the topic, its replicas and configs. */
    static boolean createIfMissing(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("could not create topic " + topic.name() + " (replication factor "
                    + (topic.replicationFactor() < 0 ? "of the broker's default" : topic.replicationFactor()) + ", configs "
                    + topic.configs() + "): " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic.name(), e);
        }
    }

    /** Describes the topics, waiting up to {@link #METADATA_WAIT} for ones just created to be known. */
    static Map<String, TopicDescription> describe(Admin admin, List<String> topics) {
        long deadline = System.nanoTime() + METADATA_WAIT.toNanos();
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not describe the topics " + topics + ": "
                            + e.getCause().getMessage(), e);
                }
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int maxMessageBytes(Admin admin, String topic) {
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config c = admin.describeConfigs(List.of(r)).all().get().get(r);
            ConfigEntry e = c == null ? null : c.get("max.message.bytes");
            return e == null || e.value() == null ? OutputLimits.KAFKA_DEFAULT : Integer.parseInt(e.value());
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the configs of " + topic + ": " + e.getCause().getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
