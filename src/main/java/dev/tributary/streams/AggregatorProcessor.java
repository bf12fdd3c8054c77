package dev.tributary.streams;

import dev.tributary.learner.DeltaMerger;
import dev.tributary.learner.GlobalUpdate;
import dev.tributary.learner.ModelDelta;
import dev.tributary.learner.ReplicaLayout;
import dev.tributary.records.ReplicaCodec;
import dev.tributary.records.RoundsCodec;
import dev.tributary.streams.RoundStats.Closed;
import dev.tributary.spec.TopologySpec;
import dev.tributary.state.SnapshotStore;
import dev.tributary.util.ByteArrayDataOutput;
import dev.tributary.util.PartSink;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The aggregator of partitioned learners: the one task of the one-partition deltas topic. It collects
 * the replicas' deltas into a round and closes the round — merging its deltas into the next global
 * version ({@link DeltaMerger}) and sending it to every partition of the global topic — when every
 * replica has sent one, when a replica whose delta is in the round says it has waited {@code syncEvery}
 * more steps (a wait record), or when the round has been open for {@code roundTimeoutMs} of wall-clock
 * time; an idle or slow partition therefore delays the others by at most that. A delta whose sequence
 * a replica sent before (a redelivery under at-least-once) is skipped. The open round, the last
 * sequence of each replica and the chunks of deltas being received are checkpointed in the {@link
 * TopicNames#AGGREGATOR_STORE} store at each commit, in the transaction that also commits the deltas'
 * offsets and the updates sent, so that no delta is merged twice and none is lost.
 */
final class AggregatorProcessor implements Processor<byte[], byte[], byte[], Output> {
    static final String PART = "aggregator";
    private static final int VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(AggregatorProcessor.class);
    private final TopologySpec spec;
    private final int replicas;
    private final SyncSettings settings;
    private final String globalTopic;
    private final Chunks.Assembler chunks = new Chunks.Assembler();
    private ProcessorContext<byte[], Output> context;
    private SnapshotStore store;
    private DeltaMerger merger;
    private long[] lastSequence;
    private final RoundStats rounds = new RoundStats();
    /** When the open round got its first delta (wall clock). */
    private long openedMs;
    private boolean dirty;

    /**
     * @param replicas    the replicas (partitions of the inputs and of the global topic)
     * @param globalTopic the topic the updates go to, every partition
     */
    AggregatorProcessor(TopologySpec spec, int replicas, SyncSettings settings, String globalTopic) {
        this.spec = spec;
        this.replicas = replicas;
        this.settings = settings;
        this.globalTopic = globalTopic;
    }

    @Override
    public void init(ProcessorContext<byte[], Output> context) {
        this.context = context;
        this.store = context.getStateStore(TopicNames.AGGREGATOR_STORE);
        ReplicaLayout layout = ReplicaLayout.of(spec);
        SnapshotStore.Stored saved = store.read();
        byte[] part = saved == null || saved.parts() == null ? null : saved.parts().part(PART);
        if (part == null) {
            merger = new DeltaMerger(layout, replicas, 0, settings.merge());
            lastSequence = new long[replicas];
            Arrays.fill(lastSequence, -1);
        } else {
            read(part, layout);
        }
        store.setCheckpointer(this::checkpointIfChanged);
        long tick = Math.max(1, Math.min(100, settings.roundTimeoutMs() / 4));
        context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, this::closeIfTimedOut);
        long metricsMs = Math.round(spec.monitoring().metricsEverySeconds() * 1000);
        if (metricsMs > 0) {
            context.schedule(Duration.ofMillis(metricsMs), PunctuationType.WALL_CLOCK_TIME, this::publishRounds);
        }
        LOG.info("aggregator of {} replicas at global version {}, {} deltas in the open round", replicas,
                merger.version(), merger.pending());
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        byte[] whole = chunks.add(record.value());
        dirty = true;
        if (whole == null) {
            return;
        }
        long now = context.currentSystemTimeMs();
        if (ReplicaCodec.kind(whole) == ReplicaCodec.Kind.WAIT) {
            rounds.waits++;
            ReplicaCodec.Wait w = ReplicaCodec.decodeWait(whole);
            if (w.replica() >= 0 && w.replica() < replicas && merger.has(w.replica())) {
                close(now, Closed.WAIT);
            }
            return;
        }
        ModelDelta d = ReplicaCodec.decodeDelta(whole);
        if (d.replica() < 0 || d.replica() >= replicas) {
            throw new IllegalStateException("a delta of replica " + d.replica() + " reached the aggregator of "
                    + replicas + " replicas: the input topics and " + globalTopic + " must have " + replicas
                    + " partitions");
        }
        if (d.sequence() <= lastSequence[d.replica()]) {
            rounds.duplicates++;
            return;
        }
        if (merger.has(d.replica())) {
            close(now, Closed.NEXT);  // cannot happen while a replica waits for its delta's update; stay safe
        }
        if (merger.pending() == 0) {
            openedMs = now;
        }
        merger.add(d);
        lastSequence[d.replica()] = d.sequence();
        rounds.deltas++;
        rounds.openBytes += whole.length;
        if (merger.pending() == replicas) {
            close(now, Closed.ALL);
        }
    }

    private void closeIfTimedOut(long now) {
        if (merger.pending() > 0 && now - openedMs >= settings.roundTimeoutMs()) {
            dirty = true;
            close(now, Closed.TIMEOUT);
        }
    }

    private void close(long now, Closed why) {
        int deltas = merger.pending();
        GlobalUpdate u = merger.closeRound();
        if (u == null) {
            return;
        }
        byte[] bytes = ReplicaCodec.encode(u);
        byte[] key = Long.toString(u.version()).getBytes(StandardCharsets.UTF_8);
        for (byte[] chunk : Chunks.split(bytes, -1)) {
            context.forward(new Record<>(key, new Output(globalTopic, chunk), now));
        }
        rounds.closed(why, deltas, bytes.length, now - openedMs);
        if (why == Closed.WAIT) {
            context.commit();  // a replica is close to holding its events: let it see the update soon
        }
    }

    private void publishRounds(long now) {
        byte[] value = RoundsCodec.encode(rounds.snapshot(merger.version(), replicas, merger.pending(),
                merger.pending() == 0 ? 0 : now - openedMs), now);
        context.forward(new Record<>(PART.getBytes(StandardCharsets.UTF_8), new Output(TopicNames.METRICS, value),
                now));
    }

    private boolean checkpointIfChanged(PartSink sink) {
        if (!dirty) {
            return false;
        }
        dirty = false;
        ByteArrayDataOutput out = new ByteArrayDataOutput(1024);
        out.writeInt(VERSION);
        out.writeInt(replicas);
        out.writeLong(merger.version());
        for (long s : lastSequence) {
            out.writeLong(s);
        }
        out.writeLong(openedMs);
        rounds.write(out);
        chunks.write(out);
        var open = merger.openRound();
        out.writeInt(open.size());
        for (ModelDelta d : open) {
            byte[] b = ReplicaCodec.encode(d);
            out.writeInt(b.length);
            out.write(b);
        }
        sink.part(PART, out.toByteArray());
        return true;
    }

    private void read(byte[] part, ReplicaLayout layout) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(part));
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("the aggregator's checkpoint has version " + version
                        + ", this build reads " + VERSION);
            }
            int stored = in.readInt();
            if (stored != replicas) {
                throw new IllegalStateException("the aggregator's checkpoint is of " + stored + " replicas, the"
                        + " inputs now have " + replicas + " partitions: changing them needs a new application.id");
            }
            merger = new DeltaMerger(layout, replicas, in.readLong(), settings.merge());
            lastSequence = new long[replicas];
            for (int i = 0; i < replicas; i++) {
                lastSequence[i] = in.readLong();
            }
            openedMs = in.readLong();
            rounds.read(in);
            chunks.read(in);
            int open = in.readInt();
            for (int i = 0; i < open; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                merger.add(ReplicaCodec.decodeDelta(b));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the aggregator's checkpoint is truncated", e);
        }
    }
}
