package dev.tributary.optim;

import java.io.DataInput;
import java.io.DataOutput;

/** Constant per-task weights from the spec. */
final class FixedWeighting implements LossWeighting {
    private final double[] w;

    FixedWeighting(double[] weights) {
        for (double v : weights) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("loss weights must be positive and finite, found " + v);
            }
        }
        this.w = weights.clone();
    }

    @Override
    public void weights(double[] out) {
        System.arraycopy(w, 0, out, 0, w.length);
    }

    @Override
    public void update(double[] losses, double[] gradNorms) {
    }

    @Override
    public void writeState(DataOutput out) {
    }

    @Override
    public void readState(DataInput in) {
    }
}
