package dev.tributary.streams;

import dev.tributary.records.AffinityCodec;
import dev.tributary.records.DriftCodec;
import dev.tributary.records.MetricsCodec;
import dev.tributary.records.PredictionCodec;
import dev.tributary.event.DeadLetterReason;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.event.EventDecodeException;
import dev.tributary.learner.DriftAlert;
import dev.tributary.learner.Learner;
import dev.tributary.learner.Prediction;
import dev.tributary.spec.TopologySpec;
import dev.tributary.state.SnapshotStore;
import dev.tributary.util.PartSink;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one learner of the application. Decodes and validates each event (bad ones become dead
 * letters with the reason and the original bytes), collects a micro-batch, and when it closes — at
 * {@code batch.size} events or after {@code batch.maxWaitMs} of wall-clock time — lets the
 * {@link Learner} score every event (predict, then learn) and publishes one prediction per event.
 * Per-task metrics records (and the task affinity, when it has new measurements) are published every
 * {@code monitoring.metrics.everySeconds} of wall-clock time and/or every
 * {@code monitoring.metrics.everyEvents} events the learner consumed; drift alerts after each batch.
 *
 * <p>Keys: a prediction's key is the input record's key (after a repartition, from the tag's header),
 * or the event's id when the record had no key; a dead letter's key is the input record's key, with the input's headers in its value. Every output is checked against its
 * topic's limit ({@link OutputLimits}) before it is forwarded: a dead letter is cut to fit, a prediction
 * that cannot fit (a huge key) becomes a dead letter, a monitoring record that cannot is skipped and
 * logged, so that no write can fail the transaction.
 *
 * <p>Exactly-once: the learner's state, together with the events already received but not yet
 * processed, is written to the {@link SnapshotStore} when Kafka Streams commits; the store and the
 * committed offsets therefore describe the same moment, and after a crash the application resumes
 * from that state and re-reads exactly the uncommitted records.
 */
final class LearnerProcessor implements Processor<byte[], byte[], byte[], Output> {
    /** How often a progress line is logged (INFO, logger {@code dev.tributary.progress}). */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    private static final Logger PROGRESS = LoggerFactory.getLogger("dev.tributary.progress");
    private static final Logger LOG = LoggerFactory.getLogger(LearnerProcessor.class);
    private final TopologySpec spec;
    private final EventCodec codec;
    private final int maxUnknownFeatures;
    private final boolean repartitioned;
    private final OutputLimits limits;
    /** Partitioned mode: how the replica syncs and the topics it uses; null for the single learner. */
    private final ReplicaTopics replicaTopics;
    private ReplicaSync sync;
    private byte[] replicaKey;
    private final PredictionCodec predictionCodec = new PredictionCodec();
    private final Map<String, String> predictionTopic = new HashMap<>();
    private final Map<String, String> inputTopic = new HashMap<>();
    private final Map<String, String> taskOfTopic = new HashMap<>();
    private final Map<String, byte[]> taskKeys = new HashMap<>();
    private ProcessorContext<byte[], Output> context;
    private DeadLetters deadLetters;
    private SnapshotStore store;
    private Learner learner;
    private final List<Event> pending = new ArrayList<>();
    /** The input record key of each pending event (null when it had none). */
    private final List<byte[]> pendingKeys = new ArrayList<>();
    /** Whether the state changed since the last snapshot: an idle application writes nothing. */
    private boolean dirty;
    private long received;
    private long deadLettered;
    private long skippedOutputs;
    private final Map<String, Long> deadLetteredByTask = new HashMap<>();
    /** {@code consumed / everyEvents} at the last metrics publication by count. */
    private long metricsMark;
    private long affinityPublished;

    /**
     * @param repartitioned whether records arrive through the repartition topic, keyed by task and
     *                      tagged by {@link TagProcessor}; else straight from the input topics
     */
    LearnerProcessor(TopologySpec spec, EventCodec codec, int maxUnknownFeatures, boolean repartitioned,
                     OutputLimits limits) {
        this(spec, codec, maxUnknownFeatures, repartitioned, limits, null);
    }

    /**
     * @param replicaTopics partitioned mode: the replica's sync settings and topics (its task's partition
     *                      is its replica index); null for the single learner
     */
    LearnerProcessor(TopologySpec spec, EventCodec codec, int maxUnknownFeatures, boolean repartitioned,
                     OutputLimits limits, ReplicaTopics replicaTopics) {
        this.replicaTopics = replicaTopics;
        this.spec = spec;
        this.codec = codec;
        this.maxUnknownFeatures = maxUnknownFeatures;
        this.repartitioned = repartitioned;
        this.limits = limits;
        spec.tasks().forEach(t -> {
            predictionTopic.put(t.name(), t.predictionTopic());
            inputTopic.put(t.name(), t.topic());
            taskOfTopic.put(t.topic(), t.name());
            taskKeys.put(t.name(), t.name().getBytes(StandardCharsets.UTF_8));
        });
    }

    @Override
    public void init(ProcessorContext<byte[], Output> context) {
        this.context = context;
        this.deadLetters = new DeadLetters(limits, context);
        this.store = context.getStateStore(TopicNames.LEARNER_STORE);
        SnapshotStore.Stored saved = store.read();
        if (saved == null) {
            learner = new Learner(spec);
        } else {
            ProcessorState state = saved.legacy() != null ? ProcessorState.decode(saved.legacy(), codec)
                    : ProcessorState.decodeHead(saved.parts().part(ProcessorState.PART), codec);
            learner = saved.legacy() != null ? Learner.restore(spec, state.learner())
                    : Learner.restore(spec, saved.parts());
            pending.addAll(state.pending());
            pendingKeys.addAll(state.keys());
            deadLetteredByTask.putAll(state.deadLettered());
        }
        if (replicaTopics != null) {
            int index = context.taskId().partition();
            sync = ReplicaSync.of(learner, index, saved == null ? null : saved.parts(), replicaTopics.settings());
            replicaKey = Integer.toString(index).getBytes(StandardCharsets.UTF_8);
            PROGRESS.info("{}", sync.replica());
        }
        long everyEvents = spec.monitoring().metricsEveryEvents();
        metricsMark = everyEvents > 0 ? learner.consumed() / everyEvents : 0;
        store.setCheckpointer(this::checkpointIfChanged);
        long wait = Math.max(1, spec.batch().maxWaitMs());
        context.schedule(Duration.ofMillis(wait), PunctuationType.WALL_CLOCK_TIME, now -> closeBatch());
        long metricsMs = Math.round(spec.monitoring().metricsEverySeconds() * 1000);
        if (metricsMs > 0) {
            context.schedule(Duration.ofMillis(metricsMs), PunctuationType.WALL_CLOCK_TIME, this::publishMetrics);
        }
        context.schedule(PROGRESS_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> logProgress());
        PROGRESS.info("learner memory: {}", dev.tributary.learner.LearnerMemory.of(spec).describe());
        PROGRESS.info("learner {} at model version {}, {} pending events", saved == null ? "created" : "restored",
                learner.steps(), pending.size());
    }

    /** The processor's part (pending events, dead-letter counts) and the learner's changes, if any. */
    private boolean checkpointIfChanged(PartSink sink) {
        if (!dirty) {
            return false;
        }
        dirty = false;
        sink.part(ProcessorState.PART, ProcessorState.encodeHead(pending, pendingKeys, deadLetteredByTask, codec));
        learner.checkpoint(sink);
        if (sync != null) {
            sync.checkpoint(sink);
        }
        return true;
    }

    private void logProgress() {
        PROGRESS.info("learner: {} records received, {} dead-lettered, {} events consumed, model version {}, {} "
                + "checkpoints written (last {} bytes, {} rows){}", received, deadLettered, learner.consumed(),
                learner.steps(), store.writes(), store.lastBytes(), store.lastRows(), skippedOutputs == 0 ? "" : ", " + skippedOutputs
                        + " monitoring records too large for their topic skipped");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        dirty = true;
        if (sync != null && replicaTopics.global().equals(context.recordMetadata().orElseThrow().topic())) {
            sync.onGlobal(record.value(), context.currentSystemTimeMs());
            sendIfDue();  // progress made while the delta waited
            if (pending.size() >= spec.batch().size()) {
                closeBatch();  // what the replica held while it waited for this update
            }
            return;
        }
        received++;
        String task;
        byte[] key;
        if (repartitioned) {
            task = new String(record.key(), StandardCharsets.UTF_8);
            Header k = record.headers().lastHeader(TagProcessor.KEY);
            key = k == null ? null : k.value();
        } else {
            task = taskOfTopic.get(context.recordMetadata().orElseThrow().topic());
            key = record.key();
        }
        String oversized = oversized(record, key);
        if (oversized != null) {
            deadLetter(record, task, key, DeadLetterReason.OVERSIZED, oversized);
            return;
        }
        Event event;
        try {
            event = codec.decode(task, record.value(), record.timestamp());
        } catch (EventDecodeException e) {
            deadLetter(record, task, key, e.reason(), e.getMessage());
            return;
        }
        String why = learner.check(event);
        if (why != null) {
            deadLetter(record, task, key, DeadLetterReason.INVALID_EVENT, why);
            return;
        }
        int unknown = learner.undeclaredFeatures(event);
        if (unknown > maxUnknownFeatures) {
            deadLetter(record, task, key, DeadLetterReason.TOO_MANY_UNKNOWN_FEATURES, unknown + " features the topology"
                    + " does not declare (limit " + maxUnknownFeatures + ", " + TributaryConfig.MAX_UNKNOWN_FEATURES
                    + "): is the producer sending another schema?");
            return;
        }
        pending.add(event);
        pendingKeys.add(key);
        if (pending.size() >= spec.batch().size()) {
            closeBatch();
        }
    }

    /**
     * Why the record is too large to be read (key and value against the decoder's limit, or headers over
     * {@link TagProcessor#MAX_HEADER_BYTES}), or null. After a repartition the tag hop has checked it and
     * says so in a header; otherwise the record itself is checked.
     */
    private String oversized(Record<byte[], byte[]> record, byte[] key) {
        if (repartitioned) {
            Header cut = record.headers().lastHeader(TagProcessor.OVERSIZED);
            if (cut == null) {
                return null;
            }
            String[] sizeKeyShaHeaders = new String(cut.value(), StandardCharsets.UTF_8).split("/");
            return tooLarge(Long.parseLong(sizeKeyShaHeaders[0]), Long.parseLong(sizeKeyShaHeaders[1]),
                    Boolean.parseBoolean(sizeKeyShaHeaders[3]));
        }
        boolean hugeHeaders = TagProcessor.headerBytes(record.headers()) > TagProcessor.MAX_HEADER_BYTES;
        if (!hugeHeaders && !TagProcessor.oversized(key, record.value(), codec.limits().maxRecordBytes())) {
            return null;
        }
        return tooLarge(record.value() == null ? 0 : record.value().length, key == null ? 0 : key.length, hugeHeaders);
    }

    private String tooLarge(long valueBytes, long keyBytes, boolean hugeHeaders) {
        if (hugeHeaders) {
            return String.format(java.util.Locale.ROOT, "the record's headers exceed %,d bytes (left out)",
                    TagProcessor.MAX_HEADER_BYTES);
        }
        return String.format(java.util.Locale.ROOT, "record is %,d bytes%s, limit %,d", valueBytes + keyBytes,
                keyBytes == 0 ? "" : String.format(java.util.Locale.ROOT, " (key %,d, value %,d)", keyBytes,
                        valueBytes), codec.limits().maxRecordBytes());
    }

    /**
     * Scores and learns from the pending events: all at once for the single learner; batch by batch for
     * a replica, which sends its delta or wait record when one is due and stops while it must hold its
     * events ({@link ReplicaSync#holding}); a hold that begins asks Kafka Streams to commit at once, so
     * that the aggregator sees the waiting delta without waiting for the commit interval.
     */
    private void closeBatch() {
        if (pending.isEmpty()) {
            return;
        }
        dirty = true;
        if (sync == null) {
            learn(pending.size());
        } else {
            int batch = spec.batch().size();
            while (!pending.isEmpty()) {
                if (sync.holding(context.currentSystemTimeMs(), pending.size(), batch)) {
                    if (sync.holdBegan()) {
                        context.commit();
                    }
                    break;
                }
                learn(Math.min(batch, pending.size()));
                sendIfDue();
            }
        }
        for (DriftAlert a : learner.drainDriftAlerts()) {
            monitoring(taskKeys.get(a.task()), DriftCodec.encode(a), TopicNames.DRIFT, a.timestamp());
        }
        long everyEvents = spec.monitoring().metricsEveryEvents();
        if (everyEvents > 0 && learner.consumed() / everyEvents > metricsMark) {
            metricsMark = learner.consumed() / everyEvents;
            publishMetrics(context.currentSystemTimeMs());
        }
    }

    /**
     * A replica's delta or wait record when one is due (it goes out with the next commit), stamped with
     * the wall clock: the model topics' retention must not count from old event times.
     */
    private void sendIfDue() {
        long now = context.currentSystemTimeMs();
        for (byte[] chunk : sync.afterBatch(now)) {
            forward(replicaKey, chunk, replicaTopics.deltas(), now);
            dirty = true;
        }
    }

    /** Scores and learns from the first {@code n} pending events and publishes their predictions. */
    private void learn(int n) {
        List<Event> events = pending.subList(0, n);
        List<Prediction> predictions = learner.process(events);
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            Event e = events.get(i);
            byte[] key = pendingKeys.get(i);
            if (key == null && p.id() != null) {
                key = p.id().getBytes(StandardCharsets.UTF_8);
            }
            String topic = predictionTopic.get(p.task());
            byte[] value = sync == null ? predictionCodec.write(p)
                    : predictionCodec.write(p, sync.replica().index(), sync.replica().mergedVersion());
            if (limits.fits(topic, key, value)) {
                forward(key, value, topic, e.timestamp());
            } else {
                predictionTooLarge(p, e, key, value.length, topic);
            }
        }
        events.clear();
        pendingKeys.subList(0, n).clear();
    }

    /**
     * A prediction that its topic cannot take (a huge key): its dead letter takes its place. The event's
     * input record is no longer at hand (a batch may close in a punctuation, or after a restart): the
     * dead letter names the task's input topic, partition and offset -1 (unknown), and holds the event
     * re-encoded.
     */
    private void predictionTooLarge(Prediction p, Event e, byte[] key, int valueBytes, String topic) {
        String message = String.format(java.util.Locale.ROOT, "the prediction (key %,d bytes, value %,d) does not fit"
                + " %s (at most %,d bytes); the event was learned from", key == null ? 0 : key.length, valueBytes,
                topic, limits.maxBytes(topic));
        Record<byte[], byte[]> original = new Record<>(key, codec.encode(e), e.timestamp());
        original.headers().add(TagProcessor.ORIGIN, (inputTopic.get(p.task()) + "/-1/-1").getBytes(StandardCharsets.UTF_8));
        deadLetter(original, p.task(), key, DeadLetterReason.OUTPUT_TOO_LARGE, message);
    }

    /** One metrics record per task on {@link TopicNames#METRICS}; the affinity if it has new measurements. */
    private void publishMetrics(long now) {
        var stats = learner.stats();
        var replica = sync == null ? null : sync.report(now);
        for (var t : stats.tasks()) {
            monitoring(taskKeys.get(t.task()), MetricsCodec.encode(stats, t, now,
                    deadLetteredByTask.getOrDefault(t.task(), 0L), replica), TopicNames.METRICS, now);
        }
        learner.affinity().filter(a -> a.samples() > affinityPublished).ifPresent(a -> {
            affinityPublished = a.samples();
            monitoring(spec.name().getBytes(StandardCharsets.UTF_8), AffinityCodec.encode(a, stats.steps(), now),
                    TopicNames.AFFINITY, now);
        });
    }

    /** A monitoring record, or a logged skip when its topic cannot take it. */
    private void monitoring(byte[] key, byte[] value, String topic, long timestamp) {
        if (limits.fits(topic, key, value)) {
            forward(key, value, topic, timestamp);
        } else {
            if (skippedOutputs++ == 0) {
                LOG.warn("a {}-byte record for {} does not fit the topic (at most {} bytes) and is skipped; raise the"
                        + " topic's max.message.bytes (further skips are counted in the progress line)", value.length,
                        topic, limits.maxBytes(topic));
            }
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String task, byte[] key, DeadLetterReason reason,
                            String message) {
        deadLettered++;
        deadLetteredByTask.merge(task, 1L, Long::sum);
        KeyValue<byte[], byte[]> letter = deadLetters.encode(record, task, key, reason, message);
        forward(letter.key, letter.value, TopicNames.DEAD_LETTER, record.timestamp());
    }

    private void forward(byte[] key, byte[] value, String topic, long timestamp) {
        context.forward(new Record<>(key, new Output(topic, value), timestamp));
    }

    /** The learner, for tests. */
    Learner learner() {
        return learner;
    }
}
