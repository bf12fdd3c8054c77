package dev.tributary.streams;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One line per state restore, saying what happens and why, in place of the stack traces Kafka Streams
 * logs when it finds a task's local state unusable after an unclean shutdown (the shipped logging
 * configurations drop those): "recovering learner-state from the changelog app-learner-state-changelog-0
 * (offsets 0 to 63) after an unclean shutdown or on a new machine", then how long it took. Logger
 * {@code dev.tributary.recovery}, at WARN so that it shows under the default logging. A restore with
 * nothing to replay (the first start of an application) says nothing.
 */
final class RecoveryLog implements StateRestoreListener {
    private static final Logger LOG = LoggerFactory.getLogger("dev.tributary.recovery");
    private final Map<TopicPartition, Long> started = new ConcurrentHashMap<>();
    private volatile TributaryApp.Restore last;

    /** The last restore that replayed records, or null. */
    TributaryApp.Restore last() {
        return last;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
        if (startOffset >= endOffset) {
            // A first start (or a changelog with nothing to replay): nothing to recover, nothing to say.
            LOG.debug("{}: changelog {} is empty, starting fresh", store, partition);
            return;
        }
        started.put(partition, System.nanoTime());
        LOG.warn("recovering {} from the changelog {} (offsets {} to {}) after an unclean shutdown or on a new machine"
                + " (the local state was missing or not checkpointed)", store, partition, startOffset, endOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Long start = started.remove(partition);
        if (start != null) {
            last = new TributaryApp.Restore(store, totalRestored, (System.nanoTime() - start) / 1_000_000);
            LOG.warn("recovered {} from {} changelog records of {} in {} ms", store, totalRestored, partition,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }
}
