package dev.tributary.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * GradNorm (Chen, Badrinarayanan, Lee &amp; Rabinovich, "GradNorm: Gradient Normalization for Adaptive
 * Loss Balancing in Deep Multitask Networks", ICML 2018). With {@code G_t = w_t·||∂L_t/∂W||} on the
 * last shared layer {@code W}, {@code Ḡ} their mean, the inverse training rate
 * {@code r_t = (L_t/L_t(0)) / mean(L/L(0))} and the target {@code Ḡ·r_t^α} held constant, the
 * weights descend {@code Σ_t |G_t − Ḡ·r_t^α|} and are renormalised to sum to the task count.
 * {@code L_t(0)} is the first loss seen for the task (re-anchored on request, e.g. after a drift).
 */
final class GradNormWeighting implements LossWeighting {
    private final double alpha;
    private final double lr;
    private final double[] w;
    private final double[] initialLoss;

    GradNormWeighting(double[] initial, double alpha, double lr) {
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("GradNorm alpha must be non-negative, found " + alpha);
        }
        if (!(lr > 0)) {
            throw new IllegalArgumentException("weighting learningRate must be positive, found " + lr);
        }
        this.alpha = alpha;
        this.lr = lr;
        this.w = initial.clone();
        this.initialLoss = new double[initial.length];
        java.util.Arrays.fill(initialLoss, Double.NaN);
        normalise();
    }

    @Override
    public boolean needsGradNorms() {
        return true;
    }

    @Override
    public void reanchor(int task) {
        initialLoss[task] = Double.NaN;
    }

    @Override
    public void weights(double[] out) {
        System.arraycopy(w, 0, out, 0, w.length);
    }

    @Override
    public void update(double[] losses, double[] gradNorms) {
        int present = 0;
        double meanG = 0;
        double meanRatio = 0;
        double[] ratio = new double[w.length];
        for (int t = 0; t < w.length; t++) {
            if (Double.isNaN(losses[t]) || Double.isNaN(gradNorms[t])) {
                continue;
            }
            if (Double.isNaN(initialLoss[t]) || initialLoss[t] <= 0) {
                initialLoss[t] = Math.max(losses[t], 1e-12);
            }
            ratio[t] = losses[t] / initialLoss[t];
            meanRatio += ratio[t];
            meanG += w[t] * gradNorms[t];
            present++;
        }
        if (present < 2) {
            return;
        }
        meanG /= present;
        meanRatio /= present;
        for (int t = 0; t < w.length; t++) {
            if (Double.isNaN(losses[t]) || Double.isNaN(gradNorms[t])) {
                continue;
            }
            double target = meanG * Math.pow(ratio[t] / meanRatio, alpha);
            double g = w[t] * gradNorms[t];
            w[t] = Math.max(1e-3, w[t] - lr * Math.signum(g - target) * gradNorms[t]);
        }
        normalise();
    }

    private void normalise() {
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        for (int t = 0; t < w.length; t++) {
            w[t] *= w.length / sum;
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        FlatState.write(out, w);
        FlatState.write(out, initialLoss);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        FlatState.read(in, w, "GradNorm weights");
        FlatState.read(in, initialLoss, "GradNorm initial losses");
    }
}
