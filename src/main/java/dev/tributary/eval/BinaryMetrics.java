package dev.tributary.eval;

import dev.tributary.spec.TaskKind;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Prequential metrics of a binary task whose score is the probability of class 1: AUC, log-loss,
 * accuracy at 0.5 (a probability of at least 0.5 predicts 1), Brier score and positive rate, each over
 * the last {@code window} events and since the start, plus the counts.
 *
 * <p>The windowed AUC is exact — the Mann–Whitney statistic with ties counted ½, i.e. the rank-sum
 * formula with mid-ranks — and costs O(log W) expected time per event and O(W) memory (an order
 * statistic tree over the window's scores, see {@link AucTree}). The cumulative AUC cannot be exact in
 * bounded memory: it comes from a {@code bins}-bin score histogram per class and is published with
 * its guaranteed error bound ({@link #AUC_ERROR_BOUND}): at most half the fraction of
 * positive/negative pairs whose scores share a bin. The other metrics cost O(1) amortised per event.
 *
 * <p>AUC: Hanley &amp; McNeil, "The meaning and use of the area under a receiver operating
 * characteristic (ROC) curve", Radiology 143 (1982). Brier: Brier, Monthly Weather Review 78 (1950).
 */
public final class BinaryMetrics extends WindowedMetrics {
    /** Histogram bins of the cumulative AUC by default: error at most ½ × same-bin pair fraction. */
    public static final int DEFAULT_BINS = 4096;
    /** Probabilities are clipped to [EPSILON, 1 − EPSILON] before the logarithm of the log-loss. */
    public static final double EPSILON = 1e-7;

    private static final int COL_LOGLOSS = 0;
    private static final int COL_BRIER = 1;
    private static final int COL_CORRECT = 2;
    private static final int COL_LABEL = 3;

    private final double[] ringScores;
    private final boolean[] ringLabels;
    private final AucTree windowAuc;
    private final ScoreHistogram histogram;

    /** Metrics over a window of {@code window} events, cumulative AUC over {@link #DEFAULT_BINS} bins. */
    public BinaryMetrics(int window) {
        this(window, DEFAULT_BINS);
    }

    public BinaryMetrics(int window, int bins) {
        super(window, 4);
        this.ringScores = new double[window];
        this.ringLabels = new boolean[window];
        this.windowAuc = new AucTree(window);
        this.histogram = new ScoreHistogram(bins);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.BINARY;
    }

    /** Bins of the cumulative AUC's histograms. */
    public int bins() {
        return histogram.bins();
    }

    /** Exact AUC over the window; NaN unless both classes are in it. */
    public double windowAuc() {
        return windowAuc.auc();
    }

    /** Histogram AUC since the start; NaN unless both classes were seen. */
    public double auc() {
        return histogram.auc();
    }

    /** The largest possible distance between {@link #auc()} and the exact cumulative AUC. */
    public double aucErrorBound() {
        return histogram.errorBound();
    }

    @Override
    public void add(float[] scores, int offset, double label) {
        Objects.requireNonNull(scores, "scores");
        Objects.checkIndex(offset, scores.length);
        if (label != 0.0 && label != 1.0) {
            throw new IllegalArgumentException("label must be 0 or 1 for a binary task, found " + label);
        }
        add(scores[offset], (int) label);
    }

    /** Adds one event: {@code probability} of class 1 in [0, 1], {@code label} 0 or 1. */
    public void add(double probability, int label) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("score must be a probability in [0, 1], found " + probability);
        }
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1 for a binary task, found " + label);
        }
        boolean positive = label == 1;
        double p = probability + 0.0; // -0.0 becomes 0.0, so equal scores compare equal as keys
        if (sums.isFull()) {
            int oldest = sums.oldestSlot();
            windowAuc.remove(ringScores[oldest], ringLabels[oldest]);
        }
        int slot = sums.claim();
        ringScores[slot] = p;
        ringLabels[slot] = positive;
        sums.commit(slot);
        windowAuc.add(p, positive);
        histogram.add(p, positive);
    }

    @Override
    void contributions(int slot, double[] out) {
        double p = ringScores[slot];
        boolean positive = ringLabels[slot];
        out[COL_LOGLOSS] = logLoss(p, positive);
        double y = positive ? 1.0 : 0.0;
        out[COL_BRIER] = (p - y) * (p - y);
        out[COL_CORRECT] = (p >= 0.5) == positive ? 1.0 : 0.0;
        out[COL_LABEL] = y;
    }

    static double logLoss(double probability, boolean positive) {
        double p = Math.min(1.0 - EPSILON, Math.max(EPSILON, probability));
        return positive ? -Math.log(p) : -Math.log1p(-p);
    }

    @Override
    public Map<String, Double> snapshot() {
        Map<String, Double> m = countsSnapshot();
        m.put(AUC, histogram.auc());
        m.put(AUC_ERROR_BOUND, histogram.errorBound());
        m.put(TaskMetrics.windowed(AUC), windowAuc.auc());
        putMeans(m, LOGLOSS, COL_LOGLOSS);
        putMeans(m, ACCURACY, COL_CORRECT);
        putMeans(m, BRIER, COL_BRIER);
        putMeans(m, POSITIVE_RATE, COL_LABEL);
        return m;
    }

    @Override
    public BinaryMetrics copy() {
        return new BinaryMetrics(window(), bins());
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        sums.writeState(out);
        for (int slot = 0; slot < sums.size(); slot++) {
            out.writeDouble(ringScores[slot]);
            out.writeBoolean(ringLabels[slot]);
        }
        histogram.writeState(out);
    }

    /** Reads what {@link #writeState} wrote; the window's AUC tree is rebuilt from the stored events. */
    @Override
    public void readState(DataInput in) throws IOException {
        sums.readState(in);
        windowAuc.clear();
        for (int slot = 0; slot < sums.size(); slot++) {
            double p = in.readDouble();
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IOException("corrupt binary metrics state: score " + p + " in slot " + slot);
            }
            ringScores[slot] = p;
            ringLabels[slot] = in.readBoolean();
            windowAuc.add(p, ringLabels[slot]);
        }
        histogram.readState(in);
    }
}
