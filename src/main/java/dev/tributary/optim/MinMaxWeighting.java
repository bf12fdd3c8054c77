package dev.tributary.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Worst-case (min-max) weighting: the weights are an exponentiated-gradient ascent on the task
 * simplex, {@code q_t ∝ q_t·e^{η·L_t}}, so weight flows to the task with the largest loss (as in
 * distributionally robust optimisation, Sagawa et al., "Distributionally Robust Neural Networks",
 * ICLR 2020). A floor of {@value #FLOOR}/T per task keeps every task learning; weights sum to T.
 */
final class MinMaxWeighting implements LossWeighting {
    static final double FLOOR = 0.05;
    private final double eta;
    private final double[] logQ;

    MinMaxWeighting(int tasks, double eta) {
        if (!(eta > 0)) {
            throw new IllegalArgumentException("weighting learningRate must be positive, found " + eta);
        }
        this.eta = eta;
        this.logQ = new double[tasks];
    }

    @Override
    public void weights(double[] out) {
        int n = logQ.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logQ) {
            max = Math.max(max, v);
        }
        double z = 0;
        for (double v : logQ) {
            z += Math.exp(v - max);
        }
        for (int t = 0; t < n; t++) {
            double q = Math.exp(logQ[t] - max) / z;
            out[t] = n * ((1 - FLOOR) * q + FLOOR / n);
        }
    }

    @Override
    public void update(double[] losses, double[] gradNorms) {
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < logQ.length; t++) {
            if (!Double.isNaN(losses[t])) {
                logQ[t] += eta * losses[t];
            }
            max = Math.max(max, logQ[t]);
        }
        for (int t = 0; t < logQ.length; t++) {
            logQ[t] -= max; // keep the numbers small; only differences matter
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        FlatState.write(out, logQ);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        FlatState.read(in, logQ, "min-max log-weights");
    }
}
