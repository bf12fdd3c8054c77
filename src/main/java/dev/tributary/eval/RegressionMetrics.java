package dev.tributary.eval;

import dev.tributary.spec.TaskKind;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Prequential metrics of a regression task whose score is the predicted value: RMSE, MAE and the mean
 * label, over the last {@code window} events and since the start, in the label's own units. Costs
 * O(1) amortised per event and O(W) memory.
 */
public final class RegressionMetrics extends WindowedMetrics {
    private static final int COL_SQUARED = 0;
    private static final int COL_ABSOLUTE = 1;
    private static final int COL_LABEL = 2;

    private final double[] ringPredictions;
    private final double[] ringLabels;

    public RegressionMetrics(int window) {
        super(window, 3);
        this.ringPredictions = new double[window];
        this.ringLabels = new double[window];
    }

    @Override
    public TaskKind kind() {
        return TaskKind.REGRESSION;
    }

    @Override
    public void add(float[] scores, int offset, double label) {
        Objects.requireNonNull(scores, "scores");
        Objects.checkIndex(offset, scores.length);
        add(scores[offset], label);
    }

    /** Adds one event; both numbers must be finite. */
    public void add(double prediction, double label) {
        if (!Double.isFinite(prediction)) {
            throw new IllegalArgumentException("prediction must be finite, found " + prediction);
        }
        if (!Double.isFinite(label)) {
            throw new IllegalArgumentException("label must be finite, found " + label);
        }
        int slot = sums.claim();
        ringPredictions[slot] = prediction;
        ringLabels[slot] = label;
        sums.commit(slot);
    }

    @Override
    void contributions(int slot, double[] out) {
        double error = ringPredictions[slot] - ringLabels[slot];
        out[COL_SQUARED] = error * error;
        out[COL_ABSOLUTE] = Math.abs(error);
        out[COL_LABEL] = ringLabels[slot];
    }

    @Override
    public Map<String, Double> snapshot() {
        Map<String, Double> m = countsSnapshot();
        m.put(RMSE, rootOf(sums.totalMean(COL_SQUARED)));
        m.put(TaskMetrics.windowed(RMSE), rootOf(sums.windowMean(COL_SQUARED)));
        putMeans(m, MAE, COL_ABSOLUTE);
        putMeans(m, MEAN_LABEL, COL_LABEL);
        return m;
    }

    /** Square root that absorbs the tiny negative residue a sliding sum of squares can carry. */
    private static double rootOf(double meanSquare) {
        return Double.isNaN(meanSquare) ? Double.NaN : Math.sqrt(Math.max(0.0, meanSquare));
    }

    @Override
    public RegressionMetrics copy() {
        return new RegressionMetrics(window());
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        sums.writeState(out);
        for (int slot = 0; slot < sums.size(); slot++) {
            out.writeDouble(ringPredictions[slot]);
            out.writeDouble(ringLabels[slot]);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        sums.readState(in);
        for (int slot = 0; slot < sums.size(); slot++) {
            ringPredictions[slot] = in.readDouble();
            ringLabels[slot] = in.readDouble();
        }
    }
}
