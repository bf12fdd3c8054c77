package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** AdaGrad (Duchi, Hazan &amp; Singer, JMLR 2011): per-parameter steps scaled by accumulated squared gradients. */
final class AdaGrad implements Optimizer {
    private final float lr;
    private final float eps;
    private final float decay;
    private final float[] sumSq;
    private long steps;

    AdaGrad(OptimizerSpec spec, int size) {
        this.lr = (float) spec.learningRate();
        this.eps = (float) spec.epsilon();
        this.decay = (float) spec.weightDecay();
        this.sumSq = new float[size];
    }

    @Override
    public void step(float[] p, float[] g, double lrScale) {
        float a = (float) (lr * lrScale);
        float keep = 1f - a * decay;
        for (int i = 0; i < p.length; i++) {
            float gi = g[i];
            sumSq[i] += gi * gi;
            p[i] = keep * p[i] - a * gi / ((float) Math.sqrt(sumSq[i]) + eps);
        }
        steps++;
    }

    @Override
    public void resetState(int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, sumSq.length);
        java.util.Arrays.fill(sumSq, offset, offset + length, 0f);
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(steps);
        FlatState.write(out, sumSq);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        steps = in.readLong();
        FlatState.read(in, sumSq, "AdaGrad accumulator");
    }
}
