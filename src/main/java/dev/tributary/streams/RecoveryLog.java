package dev.tributary.streams;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per state restore, saying what happens and why, in place of the stack traces Kafka Streams
 * logs when it finds a task's local state unusable after an unclean shutdown (the shipped logging
 * configurations drop those): "recovering learner-state from the changelog app-learner-state-changelog-0
 * (offsets 0 to 63) after an unclean shutdown or on a new machine", then how long it took. Logger
 * {@code dev.tributary.recovery}, at WARN so that it shows under the default logging.
 */
final class RecoveryLog implements StateRestoreListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.recovery");
    private long startNanos;

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        startNanos = System.nanoTime();
        LOG.warn("recovering {} from the changelog {} (offsets {} to {}) after an unclean shutdown or on a new machine"
                + " (the local state was missing or not checkpointed)", store, partition, startOffset, endOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        LOG.warn("recovered {} from {} changelog records of {} in {} ms", store, totalRestored, partition,
                (System.nanoTime() - startNanos) / 1_000_000);
    }
}
