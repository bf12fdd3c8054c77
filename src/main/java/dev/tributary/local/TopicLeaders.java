package dev.tributary.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartitionInfo;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waits until newly created topics have a leader for every partition, so that a first write succeeds. */
final class TopicLeaders {
    private TopicLeaders() {
    }

    /** Returns once every partition of {@code names} has a leader; fails after {@code timeoutMs}. */
    static void await(Admin admin, List<String> names, long timeoutMs) throws ExecutionException, InterruptedException {
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!allHaveLeaders(describeIfKnown(admin, names))) {
            if (System.nanoTime() > deadline) {
                throw new KafkaException("topics " + names + " still lack partition leaders after "
                        + timeoutMs + " ms");
            }
            Thread.sleep(10);
        }
    }

    /**
     * The topics' descriptions, or an empty list while the broker's metadata does not know them yet
     * (just after creation {@code describeTopics} can answer UNKNOWN_TOPIC_OR_PARTITION).
     */
    private static Collection<TopicDescription> describeIfKnown(Admin admin, List<String> names)
            throws ExecutionException, InterruptedException {
        try {
            return admin.describeTopics(names).allTopicNames().get().values();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
                return List.of();
            }
            throw e;
        }
    }

    private static boolean allHaveLeaders(Collection<TopicDescription> descriptions) {
        if (descriptions.isEmpty()) {
            return false;
        }
        for (TopicDescription d : descriptions) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }
}
