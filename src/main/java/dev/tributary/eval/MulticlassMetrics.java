package dev.tributary.eval;

import dev.tributary.spec.TaskKind;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Prequential metrics of a multiclass task whose score is a class distribution: accuracy (the most
 * probable class, lowest index on ties, against the label), log-loss (cross-entropy of the label,
 * probability clipped to [{@link BinaryMetrics#EPSILON}, 1 − ε]) and the multi-class Brier score
 * {@code Σ_k (p_k − [k = label])²}, over the last {@code window} events and since the start.
 *
 * <p>Each event is reduced to its three contributions on arrival, so the window costs O(W) memory
 * whatever the number of classes; an update costs O(classes) plus O(1) amortised.
 *
 * <p>Brier: Brier, "Verification of forecasts expressed in terms of probability", Monthly Weather
 * Review 78 (1950).
 */
public final class MulticlassMetrics extends WindowedMetrics {
    /** How far a distribution's sum may stray from 1 (float softmax rounding) before it is refused. */
    public static final double SUM_TOLERANCE = 1e-3;

    private static final int COL_LOGLOSS = 0;
    private static final int COL_BRIER = 1;
    private static final int COL_CORRECT = 2;

    private final int classes;
    private final double[] ringLogLoss;
    private final double[] ringBrier;
    private final boolean[] ringCorrect;

    public MulticlassMetrics(int classes, int window) {
        super(window, 3);
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, found " + classes);
        }
        this.classes = classes;
        this.ringLogLoss = new double[window];
        this.ringBrier = new double[window];
        this.ringCorrect = new boolean[window];
    }

    @Override
    public TaskKind kind() {
        return TaskKind.MULTICLASS;
    }

    public int classes() {
        return classes;
    }

    @Override
    public void add(float[] scores, int offset, double label) {
        if (label != Math.rint(label) || label < 0 || label >= classes) {
            throw new IllegalArgumentException("label must be a class index in [0, " + classes + "), found " + label);
        }
        add(scores, offset, (int) label);
    }

    /** Adds one event: the distribution is {@code distribution[offset .. offset + classes)}. */
    public void add(float[] distribution, int offset, int label) {
        Objects.requireNonNull(distribution, "distribution");
        Objects.checkFromIndexSize(offset, classes, distribution.length);
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label must be a class index in [0, " + classes + "), found " + label);
        }
        checkDistribution(distribution, offset);
        int best = 0;
        double brier = 0;
        for (int k = 0; k < classes; k++) {
            double p = distribution[offset + k];
            double d = p - (k == label ? 1.0 : 0.0);
            brier += d * d;
            if (p > distribution[offset + best]) {
                best = k;
            }
        }
        int slot = sums.claim();
        ringLogLoss[slot] = BinaryMetrics.logLoss(distribution[offset + label], true);
        ringBrier[slot] = brier;
        ringCorrect[slot] = best == label;
        sums.commit(slot);
    }

    private void checkDistribution(float[] distribution, int offset) {
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            float p = distribution[offset + k];
            if (!(p >= 0f && p <= 1f)) {
                throw new IllegalArgumentException("score of class " + k + " must be a probability in [0, 1], found " + p);
            }
            sum += p;
        }
        if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("class distribution must sum to 1, found " + sum);
        }
    }

    @Override
    void contributions(int slot, double[] out) {
        out[COL_LOGLOSS] = ringLogLoss[slot];
        out[COL_BRIER] = ringBrier[slot];
        out[COL_CORRECT] = ringCorrect[slot] ? 1.0 : 0.0;
    }

    @Override
    public Map<String, Double> snapshot() {
        Map<String, Double> m = countsSnapshot();
        putMeans(m, ACCURACY, COL_CORRECT);
        putMeans(m, LOGLOSS, COL_LOGLOSS);
        putMeans(m, BRIER, COL_BRIER);
        return m;
    }

    @Override
    public MulticlassMetrics copy() {
        return new MulticlassMetrics(classes, window());
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(classes);
        sums.writeState(out);
        for (int slot = 0; slot < sums.size(); slot++) {
            out.writeDouble(ringLogLoss[slot]);
            out.writeDouble(ringBrier[slot]);
            out.writeBoolean(ringCorrect[slot]);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int storedClasses = in.readInt();
        if (storedClasses != classes) {
            throw new IOException("multiclass metrics state was written for " + storedClasses
                    + " classes, this instance has " + classes);
        }
        sums.readState(in);
        for (int slot = 0; slot < sums.size(); slot++) {
            ringLogLoss[slot] = in.readDouble();
            ringBrier[slot] = in.readDouble();
            ringCorrect[slot] = in.readBoolean();
        }
    }
}
