package dev.tributary.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Dynamic weight averaging (Liu, Johns &amp; Davison, "End-to-End Multi-Task Learning with Attention",
 * CVPR 2019), online: losses are averaged over windows of {@code window} steps, and with
 * {@code r_t = L̄_t(k−1) / L̄_t(k−2)} the weights are {@code w_t = T·softmax(r/τ)_t}: a task whose loss
 * falls slowly gets more weight. Until two windows are complete every weight is 1.
 */
final class DwaWeighting implements LossWeighting {
    private final int window;
    private final double tau;
    private final double[] sum;
    private final long[] count;
    private final double[] last;
    private final double[] beforeLast;
    private final double[] w;
    private long steps;

    DwaWeighting(int tasks, int window, double tau) {
        if (window < 1) {
            throw new IllegalArgumentException("DWA window must be at least 1, found " + window);
        }
        if (!(tau > 0)) {
            throw new IllegalArgumentException("DWA temperature must be positive, found " + tau);
        }
        this.window = window;
        this.tau = tau;
        sum = new double[tasks];
        count = new long[tasks];
        last = new double[tasks];
        beforeLast = new double[tasks];
        w = new double[tasks];
        java.util.Arrays.fill(w, 1.0);
        java.util.Arrays.fill(last, Double.NaN);
        java.util.Arrays.fill(beforeLast, Double.NaN);
    }

    @Override
    public void weights(double[] out) {
        System.arraycopy(w, 0, out, 0, w.length);
    }

    @Override
    public void update(double[] losses, double[] gradNorms) {
        for (int t = 0; t < w.length; t++) {
            if (!Double.isNaN(losses[t])) {
                sum[t] += losses[t];
                count[t]++;
            }
        }
        if (++steps % window != 0) {
            return;
        }
        for (int t = 0; t < w.length; t++) {
            beforeLast[t] = last[t];
            last[t] = count[t] > 0 ? sum[t] / count[t] : last[t];
            sum[t] = 0;
            count[t] = 0;
        }
        double max = Double.NEGATIVE_INFINITY;
        double[] r = new double[w.length];
        for (int t = 0; t < w.length; t++) {
            r[t] = beforeLast[t] > 0 && !Double.isNaN(last[t]) ? last[t] / beforeLast[t] : 1.0;
            max = Math.max(max, r[t] / tau);
        }
        double z = 0;
        for (int t = 0; t < w.length; t++) {
            z += Math.exp(r[t] / tau - max);
        }
        for (int t = 0; t < w.length; t++) {
            w[t] = w.length * Math.exp(r[t] / tau - max) / z;
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(steps);
        FlatState.write(out, sum);
        for (long c : count) {
            out.writeLong(c);
        }
        FlatState.write(out, last);
        FlatState.write(out, beforeLast);
        FlatState.write(out, w);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        steps = in.readLong();
        FlatState.read(in, sum, "DWA window sums");
        for (int t = 0; t < count.length; t++) {
            count[t] = in.readLong();
        }
        FlatState.read(in, last, "DWA last window");
        FlatState.read(in, beforeLast, "DWA window before last");
        FlatState.read(in, w, "DWA weights");
    }
}
