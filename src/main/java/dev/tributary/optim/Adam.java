package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015) with bias correction, and decoupled weight decay when configured
 * (AdamW, Loshchilov &amp; Hutter, ICLR 2019).
 */
final class Adam implements Optimizer {
    private final double lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float decay;
    private final float[] m;
    private final float[] v;
    private long steps;

    Adam(OptimizerSpec spec, int size) {
        this.lr = spec.learningRate();
        this.beta1 = (float) spec.beta1();
        this.beta2 = (float) spec.beta2();
        this.eps = (float) spec.epsilon();
        this.decay = (float) spec.weightDecay();
        this.m = new float[size];
        this.v = new float[size];
    }

    @Override
    public void step(float[] p, float[] g, double lrScale) {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2 = 1 - Math.pow(beta2, steps);
        float a = (float) (lr * lrScale * Math.sqrt(bc2) / bc1);
        float epsHat = (float) (eps * Math.sqrt(bc2));
        float keep = (float) (1 - lr * lrScale * decay);
        float b1 = beta1;
        float b2 = beta2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        for (int i = 0; i < p.length; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] = keep * p[i] - a * mi / ((float) Math.sqrt(vi) + epsHat);
        }
    }

    @Override
    public void resetState(int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, m.length);
        java.util.Arrays.fill(m, offset, offset + length, 0f);
        java.util.Arrays.fill(v, offset, offset + length, 0f);
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(steps);
        FlatState.write(out, m);
        FlatState.write(out, v);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        steps = in.readLong();
        FlatState.read(in, m, "Adam first moment");
        FlatState.read(in, v, "Adam second moment");
    }
}
