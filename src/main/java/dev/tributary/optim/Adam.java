package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015) with bias correction, and decoupled weight decay when configured
 * (AdamW, Loshchilov &amp; Hutter, ICLR 2019).
 */
final class Adam extends MomentOptimizer {
    private final double lr;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float decay;
    private final float[] m;
    private final float[] v;

    Adam(OptimizerSpec spec, int size) {
        this(spec, new float[size], new float[size]);
    }

    private Adam(OptimizerSpec spec, float[] m, float[] v) {
        super(m.length, new String[] {"Adam first moment", "Adam second moment"}, m, v);
        this.lr = spec.learningRate();
        this.beta1 = (float) spec.beta1();
        this.beta2 = (float) spec.beta2();
        this.eps = (float) spec.epsilon();
        this.decay = (float) spec.weightDecay();
        this.m = m;
        this.v = v;
    }

    @Override
    boolean countsUpdates() {
        return true;
    }

    @Override
    void update(float[] p, float[] g, int from, int to, long count, double lrScale) {
        double bc1 = 1 - Math.pow(beta1, count);
        double bc2 = 1 - Math.pow(beta2, count);
        float a = (float) (lr * lrScale * Math.sqrt(bc2) / bc1);
        float epsHat = (float) (eps * Math.sqrt(bc2));
        float keep = (float) (1 - lr * lrScale * decay);
        float b1 = beta1;
        float b2 = beta2;
        float c1 = 1f - b1;
        float c2 = 1f - b2;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + c1 * gi;
            float vi = b2 * v[i] + c2 * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] = keep * p[i] - a * mi / ((float) Math.sqrt(vi) + epsHat);
        }
    }
}
