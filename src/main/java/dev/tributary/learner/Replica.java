package dev.tributary.learner;

import dev.tributary.features.RunningStats;
import dev.tributary.model.TouchedRows;
import dev.tributary.sampling.TaskCounters;
import dev.tributary.util.PartSink;
import dev.tributary.util.PartSource;

import java.util.Arrays;

/**
 * One learner among several that learn the same model from different parts of a stream (periodic
 * model averaging, {@link DeltaMerger}). The replica keeps its copy of the global model, the same
 * in every replica since all merge the same updates in the same order. {@link #delta()} sends what
 * it learned since its last merged delta, {@code θ − global} on the dense layers and on the rows its
 * steps touched, with its examples per task; {@link #merge} adds the aggregator's update {@code U} to
 * the global copy and keeps the progress the replica made since it sent its delta: {@code θ ←
 * global + (θ − θ_sent)} when the update merged the replica's delta, {@code θ ← θ + U} when the delta
 * is still waiting for a later round. A replica has at most one delta waiting. Optimizer moments
 * stay local. Once every replica's last progress is merged, every replica holds the global model
 * bit for bit.
 */
public final class Replica {
    /** The first character of the keys of the rows of a replica's global copy in a checkpoint. */
    static final char ROW_PREFIX = 'g';
    static final String PART = "replica";
    final Learner learner;
    final int index;
    final ReplicaLayout layout;
    final float[] global;
    /** The dense parameters and the delta's rows as they were when the waiting delta was sent. */
    float[] sentDense;
    ParamChange sentRows;
    long pendingSequence = -1;
    long sent;
    long mergedVersion;
    long stepsAtSync;
    final long[] examplesAtSync;
    /** The global running statistics, and the replica's own as they were when its waiting delta was sent. */
    final RunningStats[] globalStats;
    RunningStats[] sentStats;
    /** The global copy's rows changed since the last checkpoint ({@link #checkpoint}). */
    final TouchedRows globalChanged;

    public Replica(Learner learner, int index) {
        if (learner.vocabularies.any()) {
            throw new IllegalArgumentException("replicas cannot share features with a vocabulary: each replica's"
                    + " vocabulary gives rows to other values; hash those features instead");
        }
        this.learner = learner;
        this.index = index;
        this.layout = ReplicaLayout.of(learner.net);
        this.global = Trainer.initialParameters(learner.spec, learner.net);
        this.globalChanged = new TouchedRows(learner.net.layout());
        this.examplesAtSync = examples();
        this.stepsAtSync = learner.steps();
        RunningStats[] own = statistics();
        this.globalStats = new RunningStats[own.length];
        for (int k = 0; k < own.length; k++) {
            globalStats[k] = own[k].copy();
        }
        learner.trainer.trackSync();
        markDiverged();
    }

    /**
     * Notes as trained since the last delta every row where the learner differs from the global copy:
     * a learner that trained before it became a replica sends them with its next delta.
     */
    private void markDiverged() {
        learner.trainer.synced();
        TouchedRows rows = learner.trainer.rowsSinceSync();
        float[] p = learner.trainer.params;
        for (int t = 0; t < rows.tables(); t++) {
            int w = rows.width(t);
            for (int r = 0, n = rows.rows(t); r < n; r++) {
                int from = rows.offset(t) + r * w;
                for (int d = 0; d < w; d++) {
                    if (p[from + d] != global[from + d]) {
                        rows.mark(t, r);
                        break;
                    }
                }
            }
        }
    }

    /**
     * The running statistics the replica standardises by, live: each numeric feature's, then each
     * task's target scaler. They are merged like the parameters: a delta carries what the replica
     * folded in since its last merged delta, and merging keeps what it folded in since it sent.
     */
    RunningStats[] statistics() {
        int numeric = learner.encoder.shape().numeric();
        RunningStats[] out = new RunningStats[numeric + learner.targets.length];
        for (int i = 0; i < numeric; i++) {
            out[i] = learner.encoder.numericStats(i);
        }
        System.arraycopy(learner.targets, 0, out, numeric, learner.targets.length);
        return out;
    }

    public Learner learner() {
        return learner;
    }

    public int index() {
        return index;
    }

    /** Who owns which parameters, for the aggregator. */
    public ReplicaLayout layout() {
        return layout;
    }

    /** Training steps since the last delta. */
    public long stepsSinceSync() {
        return learner.steps() - stepsAtSync;
    }

    /** Whether a delta sent is waiting to be merged. */
    public boolean awaiting() {
        return pendingSequence >= 0;
    }

    /** The sequence number of the delta waiting to be merged, or -1. */
    public long waitingSequence() {
        return pendingSequence;
    }

    /** Deltas sent so far. */
    public long deltasSent() {
        return sent;
    }

    /** The global version merged last (0 before the first). */
    public long mergedVersion() {
        return mergedVersion;
    }

    /** What the replica learned since its last merged delta; it then waits for this one to be merged. */
    public ModelDelta delta() {
        if (awaiting()) {
            throw new IllegalStateException("replica " + index + " still waits for delta " + pendingSequence);
        }
        float[] p = learner.trainer.params;
        int[] ranges = layout.denseRanges();
        float[] dense = new float[layout.denseSize()];
        sentDense = new float[layout.denseSize()];
        int at = 0;
        for (int k = 0; k < ranges.length; k += 2) {
            for (int i = ranges[k], end = i + ranges[k + 1]; i < end; i++, at++) {
                dense[at] = p[i] - global[i];
                sentDense[at] = p[i];
            }
        }
        TouchedRows rows = learner.trainer.rowsSinceSync();
        rows.sort();
        boolean all = learner.trainer.allRowsSinceSync();
        int n = 0;
        for (int t = 0; t < rows.tables(); t++) {
            n += all ? rows.rows(t) : rows.count(t);
        }
        long[] keys = new long[n];
        float[][] values = new float[n][];
        float[][] sentValues = new float[n][];
        n = 0;
        for (int t = 0; t < rows.tables(); t++) {
            int w = rows.width(t);
            for (int i = 0, m = all ? rows.rows(t) : rows.count(t); i < m; i++) {
                int r = all ? i : rows.row(t, i);
                int from = rows.offset(t) + r * w;
                float[] v = new float[w];
                for (int d = 0; d < w; d++) {
                    v[d] = p[from + d] - global[from + d];
                }
                keys[n] = ParamChange.key(t, r);
                values[n] = v;
                sentValues[n++] = Arrays.copyOfRange(p, from, from + w);
            }
        }
        learner.trainer.synced();
        sentRows = new ParamChange(new float[0], keys, sentValues);
        long[] now = examples();
        long[] examples = new long[now.length];
        for (int t = 0; t < now.length; t++) {
            examples[t] = now[t] - examplesAtSync[t];
        }
        System.arraycopy(now, 0, examplesAtSync, 0, now.length);
        long steps = stepsSinceSync();
        stepsAtSync = learner.steps();
        RunningStats[] own = statistics();
        RunningStats[] stats = new RunningStats[own.length];
        sentStats = new RunningStats[own.length];
        for (int k = 0; k < own.length; k++) {
            stats[k] = own[k].copy();
            stats[k].remove(globalStats[k]);
            sentStats[k] = own[k].copy();
        }
        pendingSequence = sent++;
        return new ModelDelta(index, pendingSequence, mergedVersion, steps, examples,
                new ParamChange(dense, keys, values), stats);
    }

    /** Adds a merged update; versions must come in order. */
    public void merge(GlobalUpdate update) {
        if (update.version() != mergedVersion + 1) {
            throw new IllegalArgumentException("replica " + index + " merged version " + mergedVersion
                    + "; update " + update.version() + " is not the next");
        }
        boolean mine = awaiting() && update.included()[index] == pendingSequence;
        ParamChange u = update.change();
        float[] p = learner.trainer.params;
        int[] ranges = layout.denseRanges();
        int at = 0;
        for (int k = 0; k < ranges.length; k += 2) {
            for (int i = ranges[k], end = i + ranges[k + 1]; i < end; i++, at++) {
                global[i] += u.dense()[at];
                if (mine) {
                    p[i] = global[i] + (p[i] - sentDense[at]);
                } else {
                    p[i] += u.dense()[at];
                    if (sentDense != null) {
                        sentDense[at] += u.dense()[at];
                    }
                }
            }
        }
        TouchedRows tables = learner.trainer.changedRows();
        for (int i = 0; i < u.rows(); i++) {
            long key = u.rowKeys()[i];
            int t = ParamChange.table(key);
            int r = ParamChange.row(key);
            int from = tables.offset(t) + r * tables.width(t);
            float[] c = u.rowValues()[i];
            float[] sentRow = sentRows == null ? null : sentRows.valuesOf(key);
            globalChanged.mark(t, r);
            for (int d = 0; d < c.length; d++) {
                float before = global[from + d];
                global[from + d] += c[d];
                if (mine) {
                    p[from + d] = global[from + d] + (p[from + d] - (sentRow != null ? sentRow[d] : before));
                } else {
                    p[from + d] += c[d];
                    if (sentRow != null) {
                        sentRow[d] += c[d];
                    }
                }
            }
            learner.trainer.markChanged(t, r);
        }
        mergeStatistics(update, mine);
        if (mine) {
            pendingSequence = -1;
            sentDense = null;
            sentRows = null;
            sentStats = null;
        }
        mergedVersion = update.version();
    }

    /** The statistics' counterpart of the parameters' merge: global ⊕ (own ⊖ own when sent), or own ⊕ update. */
    private void mergeStatistics(GlobalUpdate update, boolean mine) {
        RunningStats[] own = statistics();
        for (int k = 0; k < own.length; k++) {
            globalStats[k].combine(update.stats()[k]);
            if (mine) {
                RunningStats since = own[k].copy();
                since.remove(sentStats[k]);
                RunningStats merged = globalStats[k].copy();
                merged.combine(since);
                own[k].set(merged);
            } else {
                own[k].combine(update.stats()[k]);
                if (sentStats != null) {
                    sentStats[k].combine(update.stats()[k]);
                }
            }
        }
    }


    /**
     * Writes the replica's state into the same sink as its learner's checkpoint: part {@value #PART}
     * (counters, statistics, the global copy's dense layers, the rows trained since the last delta, and
     * the waiting delta's sent values), and one row {@code g<table>/<row>} per row of the global copy
     * changed since the last checkpoint.
     */
    public void checkpoint(PartSink sink) {
        ReplicaState.write(this, sink);
    }

    /**
     * A replica of a learner just restored from the same checkpoint ({@link Learner#restore(
     * dev.tributary.spec.TopologySpec, PartSource)}): its counters, statistics, global copy and waiting
     * delta as they were, so that it continues as it would have. Throws {@link SnapshotException} when
     * the part is missing or does not fit.
     */
    public static Replica restore(Learner learner, PartSource source) {
        return ReplicaState.read(learner, source);
    }

    /** Per task, the examples trained on so far (fresh and replayed). */
    private long[] examples() {
        long[] out = new long[learner.tasks.size()];
        for (int t = 0; t < out.length; t++) {
            TaskCounters c = learner.sampler.counters(t);
            out[t] = c.trained() + c.replayed();
        }
        return out;
    }

    @Override
    public String toString() {
        return "replica " + index + " (merged v" + mergedVersion + ", " + sent + " deltas sent"
                + (awaiting() ? ", " + pendingSequence + " waiting" : "") + ", " + Arrays.toString(examplesAtSync)
                + " examples at last sync)";
    }
}
