package dev.tributary.streams;

import dev.tributary.event.DeadLetter;
import dev.tributary.event.Event;
import dev.tributary.event.EventCodec;
import dev.tributary.event.EventDecodeException;
import dev.tributary.learner.DriftAlert;
import dev.tributary.learner.Learner;
import dev.tributary.learner.Prediction;
import dev.tributary.spec.TopologySpec;
import dev.tributary.state.SnapshotStore;
import dev.tributary.util.ByteArrayDataOutput;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
 * <p>Exactly-once: the learner's state, together with the events already received but not yet
 * processed, is written to the {@link SnapshotStore} when Kafka Streams commits; the store and the
 * committed offsets therefore describe the same moment, and after a crash the application resumes
 * from that state and re-reads exactly the uncommitted records.
 */
final class LearnerProcessor implements Processor<String, byte[], String, Output> {
    /** How often a progress line is logged (INFO, logger {@code dev.tributary.progress}). */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    private static final Logger PROGRESS = LoggerFactory.getLogger("dev.tributary.progress");
    private final TopologySpec spec;
    private final EventCodec codec;
    private final int maxUnknownFeatures;
    private final PredictionCodec predictionCodec = new PredictionCodec();
    /** Reused at every commit, so a snapshot costs one allocation of its size. */
    private final ByteArrayDataOutput snapshotBuffer = new ByteArrayDataOutput(1 << 16);
    private final Map<String, String> predictionTopic = new HashMap<>();
    private ProcessorContext<String, Output> context;
    private SnapshotStore store;
    private Learner learner;
    private final List<Event> pending = new ArrayList<>();
    /** Whether the state changed since the last snapshot: an idle application writes nothing. */
    private boolean dirty;
    private long received;
    private long deadLettered;
    private final Map<String, Long> deadLetteredByTask = new HashMap<>();
    /** {@code consumed / everyEvents} at the last metrics publication by count. */
    private long metricsMark;
    private long affinityPublished;

    LearnerProcessor(TopologySpec spec, EventCodec codec, int maxUnknownFeatures) {
        this.spec = spec;
        this.codec = codec;
        this.maxUnknownFeatures = maxUnknownFeatures;
        spec.tasks().forEach(t -> predictionTopic.put(t.name(), t.predictionTopic()));
    }

    @Override
    public void init(ProcessorContext<String, Output> context) {
        this.context = context;
        this.store = context.getStateStore(TopicNames.LEARNER_STORE);
        byte[] saved = store.read();
        if (saved == null) {
            learner = new Learner(spec);
        } else {
            ProcessorState state = ProcessorState.decode(saved, codec);
            learner = Learner.restore(spec, state.learner());
            pending.addAll(state.pending());
            deadLetteredByTask.putAll(state.deadLettered());
        }
        long everyEvents = spec.monitoring().metricsEveryEvents();
        metricsMark = everyEvents > 0 ? learner.consumed() / everyEvents : 0;
        store.setSnapshotter(this::snapshotIfChanged);
        long wait = Math.max(1, spec.batch().maxWaitMs());
        context.schedule(Duration.ofMillis(wait), PunctuationType.WALL_CLOCK_TIME, now -> closeBatch());
        long metricsMs = Math.round(spec.monitoring().metricsEverySeconds() * 1000);
        if (metricsMs > 0) {
            context.schedule(Duration.ofMillis(metricsMs), PunctuationType.WALL_CLOCK_TIME, this::publishMetrics);
        }
        context.schedule(PROGRESS_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> logProgress());
        PROGRESS.info("learner {} at model version {}, {} pending events", saved == null ? "created" : "restored",
                learner.steps(), pending.size());
    }

    private byte[] snapshotIfChanged() {
        if (!dirty) {
            return null;
        }
        dirty = false;
        return ProcessorState.encode(pending, deadLetteredByTask, learner, codec, snapshotBuffer);
    }

    private void logProgress() {
        PROGRESS.info("learner: {} records received, {} dead-lettered, {} events consumed, model version {}, {} "
                + "snapshots written (last {} bytes)", received, deadLettered, learner.consumed(), learner.steps(),
                store.writes(), store.lastLength());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        received++;
        dirty = true;
        String task = record.key();
        Event event;
        try {
            event = codec.decode(task, record.value(), record.timestamp());
        } catch (EventDecodeException e) {
            deadLetter(record, e.reason().name(), e.getMessage());
            return;
        }
        String why = learner.check(event);
        if (why != null) {
            deadLetter(record, "INVALID_EVENT", why);
            return;
        }
        int unknown = learner.undeclaredFeatures(event);
        if (unknown > maxUnknownFeatures) {
            deadLetter(record, "TOO_MANY_UNKNOWN_FEATURES", unknown + " features the topology does not declare (limit "
                    + maxUnknownFeatures + ", " + TributaryConfig.MAX_UNKNOWN_FEATURES + "): is the producer sending"
                    + " another schema?");
            return;
        }
        pending.add(event);
        if (pending.size() >= spec.batch().size()) {
            closeBatch();
        }
    }

    private void closeBatch() {
        if (pending.isEmpty()) {
            return;
        }
        dirty = true;
        List<Prediction> predictions = learner.process(pending);
        for (int i = 0; i < predictions.size(); i++) {
            Prediction p = predictions.get(i);
            Event e = pending.get(i);
            forward(p.id(), predictionCodec.write(p), predictionTopic.get(p.task()), e.timestamp());
        }
        pending.clear();
        for (DriftAlert a : learner.drainDriftAlerts()) {
            forward(a.task(), DriftCodec.encode(a), TopicNames.DRIFT, a.timestamp());
        }
        long everyEvents = spec.monitoring().metricsEveryEvents();
        if (everyEvents > 0 && learner.consumed() / everyEvents > metricsMark) {
            metricsMark = learner.consumed() / everyEvents;
            publishMetrics(context.currentSystemTimeMs());
        }
    }

    /** One metrics record per task on {@link TopicNames#METRICS}; the affinity if it has new measurements. */
    private void publishMetrics(long now) {
        var stats = learner.stats();
        for (var t : stats.tasks()) {
            forward(t.task(), MetricsCodec.encode(stats, t, now, deadLetteredByTask.getOrDefault(t.task(), 0L)),
                    TopicNames.METRICS, now);
        }
        learner.affinity().filter(a -> a.samples() > affinityPublished).ifPresent(a -> {
            affinityPublished = a.samples();
            forward(spec.name(), AffinityCodec.encode(a, stats.steps(), now), TopicNames.AFFINITY, now);
        });
    }

    private void deadLetter(Record<String, byte[]> record, String reason, String message) {
        deadLettered++;
        deadLetteredByTask.merge(String.valueOf(record.key()), 1L, Long::sum);
        String[] where = origin(record);
        DeadLetter dl = new DeadLetter(record.key(), where[0], Integer.parseInt(where[1]), Long.parseLong(where[2]),
                reason, message, record.value(), record.timestamp());
        forward(record.key(), DeadLetter.toJson(dl), TopicNames.DEAD_LETTER, record.timestamp());
    }

    /** Topic, partition and offset of the original input record: from the tag's header after a repartition. */
    private String[] origin(Record<String, byte[]> record) {
        Header origin = record.headers().lastHeader(TagProcessor.ORIGIN);
        if (origin != null) {
            return new String(origin.value(), StandardCharsets.UTF_8).split("/");
        }
        return context.recordMetadata().map(m -> new String[]{m.topic(), Integer.toString(m.partition()),
                Long.toString(m.offset())}).orElse(new String[]{"?", "-1", "-1"});
    }

    private void forward(String key, byte[] value, String topic, long timestamp) {
        context.forward(new Record<>(key, new Output(topic, value), timestamp, new RecordHeaders()));
    }

    /** The learner, for tests. */
    Learner learner() {
        return learner;
    }
}
