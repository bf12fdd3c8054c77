package dev.tributary.learner;

import dev.tributary.features.RunningStats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The aggregator of periodic model averaging (local SGD: Zinkevich et al., "Parallelized Stochastic
 * Gradient Descent", NeurIPS 2010; McMahan et al., "Communication-Efficient Learning of Deep Networks
 * from Decentralized Data", AISTATS 2017; Lin et al., "Don't Use Large Mini-Batches, Use Local SGD",
 * ICLR 2020): it collects the replicas' deltas of a round and merges them into one update, the
 * weighted mean of the deltas.
 *
 * <p>Weights follow what each replica learned from: a parameter a task owns alone (its tower and
 * gates) is weighted by each replica's examples of that task; a shared parameter by each replica's
 * examples over all tasks. An embedding row is averaged over the replicas that changed it only, so
 * that a row one replica's keys touch moves as far as that replica moved it (a plain mean would divide
 * its step by the number of replicas). Where the weights are all zero (a replica's Adam moments can
 * move parameters no example touched) the plain mean of the deltas is taken.
 *
 * <p>The running statistics of the replicas' normalisers and target scalers are combined exactly
 * (they describe disjoint events). A round takes at most one delta per replica; {@link #closeRound} merges those it has, however
 * many, so an idle replica does not stall the others. Deterministic: the result depends on the deltas,
 * not on the order they arrived in.
 */
public final class DeltaMerger {
    /** How deltas combine. */
    public enum Merge {
        /** The example-weighted mean (FedAvg's rule): N replicas of one step each make one step. */
        MEAN,
        /**
         * The sum: each replica learned from its own events, as one learner would have in sequence, so
         * their changes add (to first order in the steps).
         */
        SUM;

        public static Merge parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("merge must be sum or mean, found '" + text + "'");
            }
        }
    }

    private final ReplicaLayout layout;
    private final Merge merge;
    private final int replicas;
    private final ModelDelta[] round;
    private long version;

    public DeltaMerger(ReplicaLayout layout, int replicas, long version) {
        this(layout, replicas, version, Merge.SUM);
    }

    public DeltaMerger(ReplicaLayout layout, int replicas, long version, Merge merge) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, found " + replicas);
        }
        this.layout = layout;
        this.merge = merge;
        this.replicas = replicas;
        this.round = new ModelDelta[replicas];
        this.version = version;
    }

    /** The version of the last update made (0 before the first). */
    public long version() {
        return version;
    }

    /** Adds a replica's delta to the open round; false if the round already holds one of that replica. */
    public boolean add(ModelDelta delta) {
        if (delta.replica() < 0 || delta.replica() >= replicas) {
            throw new IllegalArgumentException("replica " + delta.replica() + " is outside 0.." + (replicas - 1));
        }
        if (delta.change().dense().length != layout.denseSize()) {
            throw new IllegalArgumentException("delta of replica " + delta.replica() + " has "
                    + delta.change().dense().length + " dense parameters, the model " + layout.denseSize());
        }
        if (round[delta.replica()] != null) {
            return false;
        }
        round[delta.replica()] = delta;
        return true;
    }

    /** Deltas in the open round. */
    public int pending() {
        int n = 0;
        for (ModelDelta d : round) {
            if (d != null) {
                n++;
            }
        }
        return n;
    }

    /** The open round's deltas, in replica order (for a checkpoint: {@link #add} them back to restore). */
    public List<ModelDelta> openRound() {
        List<ModelDelta> out = new ArrayList<>();
        for (ModelDelta d : round) {
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    /** Replicas a round can hold a delta of. */
    public int replicas() {
        return replicas;
    }

    /** Whether the open round holds a delta of {@code replica}. */
    public boolean has(int replica) {
        return round[replica] != null;
    }

    /** Merges the open round's deltas into the next version; null when the round is empty. */
    public GlobalUpdate closeRound() {
        List<ModelDelta> in = openRound();
        if (in.isEmpty()) {
            return null;
        }
        int tasks = layout.tasks();
        // weight[i][o + 1]: delta i's weight for parameters of owner o (-1: shared), normalised per owner.
        double[][] weight = new double[in.size()][tasks + 1];
        for (int o = -1; o < tasks; o++) {
            double sum = 0;
            for (ModelDelta d : in) {
                sum += count(d, o);
            }
            for (int i = 0; i < in.size(); i++) {
                weight[i][o + 1] = merge == Merge.SUM ? 1.0 : sum > 0 ? count(in.get(i), o) / sum : 1.0 / in.size();
            }
        }
        float[] dense = new float[layout.denseSize()];
        int[] owner = layout.denseOwner();
        for (int i = 0; i < in.size(); i++) {
            float[] x = in.get(i).change().dense();
            for (int j = 0; j < dense.length; j++) {
                dense[j] += (float) (weight[i][owner[j] + 1] * x[j]);
            }
        }
        long[] examples = new long[tasks];
        long[] included = new long[replicas];
        Arrays.fill(included, -1);
        for (ModelDelta d : in) {
            included[d.replica()] = d.sequence();
            for (int t = 0; t < tasks; t++) {
                examples[t] += d.examples()[t];
            }
        }
        ParamChange merged = mergeRows(in, dense);
        RunningStats[] stats = new RunningStats[in.get(0).stats().length];
        for (int k = 0; k < stats.length; k++) {
            stats[k] = new RunningStats();
            for (ModelDelta d : in) {
                stats[k].combine(d.stats()[k]);
            }
        }
        Arrays.fill(round, null);
        return new GlobalUpdate(++version, merged, included, examples, stats);
    }

    /** Each row: the weighted mean over the deltas that changed it, weights normalised over those. */
    private ParamChange mergeRows(List<ModelDelta> in, float[] dense) {
        TreeMap<Long, List<Integer>> byRow = new TreeMap<>();
        for (int i = 0; i < in.size(); i++) {
            for (long key : in.get(i).change().rowKeys()) {
                byRow.computeIfAbsent(key, k -> new ArrayList<>(2)).add(i);
            }
        }
        long[] keys = new long[byRow.size()];
        float[][] values = new float[byRow.size()][];
        int n = 0;
        for (var e : byRow.entrySet()) {
            long key = e.getKey();
            int table = ParamChange.table(key);
            int o = layout.tableOwner()[table];
            List<Integer> who = e.getValue();
            double sum = 0;
            for (int i : who) {
                sum += count(in.get(i), o);
            }
            float[] row = new float[layout.tableWidth()[table]];
            for (int i : who) {
                double w = merge == Merge.SUM ? 1.0 : sum > 0 ? count(in.get(i), o) / sum : 1.0 / who.size();
                float[] x = in.get(i).change().valuesOf(key);
                for (int d = 0; d < row.length; d++) {
                    row[d] += (float) (w * x[d]);
                }
            }
            keys[n] = key;
            values[n++] = row;
        }
        return new ParamChange(dense, keys, values);
    }

    /** A delta's examples of task {@code owner}, or over all tasks for -1. */
    private static double count(ModelDelta d, int owner) {
        return owner < 0 ? d.totalExamples() : d.examples()[owner];
    }
}
