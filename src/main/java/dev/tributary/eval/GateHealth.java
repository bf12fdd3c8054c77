package dev.tributary.eval;

import dev.tributary.util.Stateful;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Health of the per-task gates of a mixture-of-experts model (MMoE: Ma et al., "Modeling Task
 * Relationships in Multi-task Learning with Multi-gate Mixture-of-Experts", KDD 2018): per task, the
 * mean share each expert receives and the mean entropy of the gate's distribution, with two alarms.
 *
 * <ul>
 *   <li>{@link #collapsed(int)}: one expert's mean share exceeds the collapse threshold (0.95 by
 *       default) — the gate has stopped mixing, the other experts serve that task no longer.
 *       Needs at least 2 experts.</li>
 *   <li>{@link #tasksIndistinguishable()}: every pair of tasks' mean gate distributions lies within
 *       a small total-variation distance (0.02 by default) — the gates do not route tasks
 *       differently, so the model is in effect shared-bottom. Needs at least 2 tasks and 2 experts.</li>
 * </ul>
 *
 * <p><b>Window.</b> Means are exponential moving averages with step {@code max(1/n, 1/window)} after
 * the {@code n}-th row of a task: the exact mean of the first {@code window} rows, then an EMA whose
 * weights decay as {@code (1 − 1/window)^age}, i.e. an effective memory of {@code window} rows. This
 * keeps the state at O(tasks × experts) numbers whatever the window. A task's alarms speak only
 * once it has seen {@code window} rows.
 *
 * <p>Each row must be a gate's softmax output: experts' weights in [0, 1] summing to 1 within
 * {@link #SUM_TOLERANCE}. Entropy is in nats; a uniform gate has entropy {@code ln(experts)}. Not
 * thread-safe.
 */
public final class GateHealth implements Stateful {
    /** Default alarm level for one expert's mean share. */
    public static final double DEFAULT_COLLAPSE_THRESHOLD = 0.95;
    /** Default largest pairwise total-variation distance at which tasks count as indistinguishable. */
    public static final double DEFAULT_INDISTINGUISHABLE_DISTANCE = 0.02;
    /** How far a row's sum may stray from 1 (float softmax rounding) before it is refused. */
    public static final double SUM_TOLERANCE = 1e-3;

    private final int tasks;
    private final int experts;
    private final int window;
    private final double collapseThreshold;
    private final double indistinguishableDistance;
    private final long[] counts;
    private final double[] shares;
    private final double[] entropies;

    /** Gate health with the default thresholds. */
    public GateHealth(int tasks, int experts, int window) {
        this(tasks, experts, window, DEFAULT_COLLAPSE_THRESHOLD, DEFAULT_INDISTINGUISHABLE_DISTANCE);
    }

    public GateHealth(int tasks, int experts, int window, double collapseThreshold) {
        this(tasks, experts, window, collapseThreshold, DEFAULT_INDISTINGUISHABLE_DISTANCE);
    }

    /**
     * @param collapseThreshold         mean share of one expert above which a gate counts as collapsed, in (0, 1]
     * @param indistinguishableDistance total-variation distance, in [0, 1], within which all tasks'
     *                                  mean gates count as the same
     */
    public GateHealth(int tasks, int experts, int window, double collapseThreshold,
            double indistinguishableDistance) {
        this.tasks = SlidingSums.requirePositive(tasks, "tasks");
        this.experts = SlidingSums.requirePositive(experts, "experts");
        this.window = SlidingSums.requirePositive(window, "window");
        if (!(collapseThreshold > 0.0 && collapseThreshold <= 1.0)) {
            throw new IllegalArgumentException("collapseThreshold must be in (0, 1], found " + collapseThreshold);
        }
        if (!(indistinguishableDistance >= 0.0 && indistinguishableDistance <= 1.0)) {
            throw new IllegalArgumentException("indistinguishableDistance must be in [0, 1], found "
                    + indistinguishableDistance);
        }
        this.collapseThreshold = collapseThreshold;
        this.indistinguishableDistance = indistinguishableDistance;
        this.counts = new long[tasks];
        this.shares = new double[tasks * experts];
        this.entropies = new double[tasks];
    }

    public int tasks() {
        return tasks;
    }

    public int experts() {
        return experts;
    }

    public int window() {
        return window;
    }

    /** Adds one row of task {@code task}'s gate: weights {@code gateWeights[offset .. offset + experts)}. */
    public void add(int task, float[] gateWeights, int offset) {
        Objects.checkIndex(task, tasks);
        Objects.requireNonNull(gateWeights, "gateWeights");
        Objects.checkFromIndexSize(offset, experts, gateWeights.length);
        double entropy = checkedEntropy(task, gateWeights, offset);
        long n = ++counts[task];
        double step = Math.max(1.0 / n, 1.0 / window);
        int base = task * experts;
        for (int e = 0; e < experts; e++) {
            shares[base + e] += step * (gateWeights[offset + e] - shares[base + e]);
        }
        entropies[task] += step * (entropy - entropies[task]);
    }

    private double checkedEntropy(int task, float[] w, int offset) {
        double sum = 0;
        double entropy = 0;
        for (int e = 0; e < experts; e++) {
            float p = w[offset + e];
            if (!(p >= 0f && p <= 1f)) {
                throw new IllegalArgumentException("gate weight of expert " + e + " for task " + task
                        + " must be in [0, 1], found " + p);
            }
            sum += p;
            if (p > 0f) {
                entropy -= p * Math.log(p);
            }
        }
        if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("gate weights for task " + task + " must sum to 1, found " + sum);
        }
        return entropy;
    }

    /** Rows added for {@code task} since the start. */
    public long count(int task) {
        Objects.checkIndex(task, tasks);
        return counts[task];
    }

    /** Mean share of each expert in {@code task}'s gate (a fresh array); NaNs before the first row. */
    public double[] meanShares(int task) {
        Objects.checkIndex(task, tasks);
        if (counts[task] == 0) {
            double[] none = new double[experts];
            Arrays.fill(none, Double.NaN);
            return none;
        }
        return Arrays.copyOfRange(shares, task * experts, (task + 1) * experts);
    }

    /** Mean entropy (nats) of {@code task}'s gate rows; NaN before the first row. */
    public double entropy(int task) {
        Objects.checkIndex(task, tasks);
        return counts[task] == 0 ? Double.NaN : entropies[task];
    }

    /**
     * Entropy (nats) of {@code task}'s mean shares: how evenly the task's load spreads over the experts,
     * as opposed to {@link #entropy(int)}, how evenly each row mixes. NaN before the first row.
     */
    public double shareEntropy(int task) {
        Objects.checkIndex(task, tasks);
        if (counts[task] == 0) {
            return Double.NaN;
        }
        double h = 0;
        for (int e = 0; e < experts; e++) {
            double p = shares[task * experts + e];
            if (p > 0) {
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** The expert with the largest mean share in {@code task}'s gate (lowest index on ties); -1 before the first row. */
    public int dominantExpert(int task) {
        Objects.checkIndex(task, tasks);
        if (counts[task] == 0) {
            return -1;
        }
        int base = task * experts;
        int best = 0;
        for (int e = 1; e < experts; e++) {
            if (shares[base + e] > shares[base + best]) {
                best = e;
            }
        }
        return best;
    }

    /**
     * Whether a full window of {@code task}'s rows gives one expert more than the collapse threshold;
     * always false with one expert.
     */
    public boolean collapsed(int task) {
        return experts >= 2 && warmedUp(task) && shares[task * experts + dominantExpert(task)] > collapseThreshold;
    }

    /** Whether any task's gate has {@link #collapsed(int) collapsed}. */
    public boolean collapsed() {
        for (int t = 0; t < tasks; t++) {
            if (collapsed(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The largest total-variation distance {@code ½ Σ_e |a_e − b_e|} between two tasks' mean gates,
     * over the tasks that have seen a full window; NaN when fewer than two have.
     */
    public double maxPairwiseDistance() {
        double max = Double.NaN;
        for (int a = 0; a < tasks; a++) {
            for (int b = a + 1; b < tasks; b++) {
                if (warmedUp(a) && warmedUp(b)) {
                    double d = distance(a, b);
                    max = Double.isNaN(max) ? d : Math.max(max, d);
                }
            }
        }
        return max;
    }

    /**
     * Whether every task has seen a full window and all tasks' mean gates lie within the
     * indistinguishable distance of each other; always false with one task or one expert.
     */
    public boolean tasksIndistinguishable() {
        if (tasks < 2 || experts < 2) {
            return false;
        }
        for (int t = 0; t < tasks; t++) {
            if (!warmedUp(t)) {
                return false;
            }
        }
        return maxPairwiseDistance() <= indistinguishableDistance;
    }

    /** Total-variation distance between the mean gates of two tasks. */
    public double distance(int a, int b) {
        Objects.checkIndex(a, tasks);
        Objects.checkIndex(b, tasks);
        double sum = 0;
        for (int e = 0; e < experts; e++) {
            sum += Math.abs(shares[a * experts + e] - shares[b * experts + e]);
        }
        return 0.5 * sum;
    }

    private boolean warmedUp(int task) {
        return count(task) >= window;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(tasks);
        out.writeInt(experts);
        out.writeInt(window);
        for (int t = 0; t < tasks; t++) {
            out.writeLong(counts[t]);
            out.writeDouble(entropies[t]);
        }
        for (double share : shares) {
            out.writeDouble(share);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int storedTasks = in.readInt();
        int storedExperts = in.readInt();
        int storedWindow = in.readInt();
        if (storedTasks != tasks || storedExperts != experts || storedWindow != window) {
            throw new IOException("gate health state was written for " + storedTasks + " tasks, " + storedExperts
                    + " experts, window " + storedWindow + "; this instance has " + tasks + ", " + experts
                    + ", " + window);
        }
        for (int t = 0; t < tasks; t++) {
            counts[t] = in.readLong();
            if (counts[t] < 0) {
                throw new IOException("corrupt gate health state: count " + counts[t] + " for task " + t);
            }
            entropies[t] = in.readDouble();
        }
        for (int i = 0; i < shares.length; i++) {
            shares[i] = in.readDouble();
        }
    }
}
