package dev.tributary.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Homoscedastic uncertainty weighting (Kendall, Gal &amp; Cipolla, "Multi-Task Learning Using
 * Uncertainty to Weigh Losses for Scene Geometry and Semantics", CVPR 2018). Each task has a learned
 * log-variance {@code s_t}; the objective is {@code Σ_t e^{−s_t}·L_t + s_t}, so the weight is
 * {@code w_t = e^{−s_t}} and {@code s_t} moves by gradient descent on {@code 1 − e^{−s_t}·L_t}
 * towards {@code log L_t}: noisy tasks are down-weighted. (The paper's ½ factors scale the objective
 * without moving its optimum.)
 */
final class UncertaintyWeighting implements LossWeighting {
    private final double lr;
    private final double[] s;

    UncertaintyWeighting(int tasks, double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("weighting learningRate must be positive, found " + lr);
        }
        this.lr = lr;
        this.s = new double[tasks];
    }

    @Override
    public void weights(double[] out) {
        for (int t = 0; t < s.length; t++) {
            out[t] = Math.exp(-s[t]);
        }
    }

    @Override
    public void update(double[] losses, double[] gradNorms) {
        for (int t = 0; t < s.length; t++) {
            if (!Double.isNaN(losses[t])) {
                s[t] -= lr * (1.0 - Math.exp(-s[t]) * losses[t]);
                s[t] = Math.max(-10, Math.min(10, s[t]));
            }
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        FlatState.write(out, s);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        FlatState.read(in, s, "uncertainty log-variances");
    }
}
