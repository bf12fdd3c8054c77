package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;

/** AdaGrad (Duchi, Hazan &amp; Singer, JMLR 2011): per-parameter steps scaled by accumulated squared gradients. */
final class AdaGrad extends MomentOptimizer {
    private final float lr;
    private final float eps;
    private final float decay;
    private final float[] sumSq;

    AdaGrad(OptimizerSpec spec, int size) {
        this(spec, new float[size]);
    }

    private AdaGrad(OptimizerSpec spec, float[] sumSq) {
        super(sumSq.length, new String[] {"AdaGrad accumulator"}, sumSq);
        this.lr = (float) spec.learningRate();
        this.eps = (float) spec.epsilon();
        this.decay = (float) spec.weightDecay();
        this.sumSq = sumSq;
    }

    @Override
    void update(float[] p, float[] g, int from, int to, long count, double lrScale) {
        float a = (float) (lr * lrScale);
        float keep = 1f - a * decay;
        for (int i = from; i < to; i++) {
            float gi = g[i];
            sumSq[i] += gi * gi;
            p[i] = keep * p[i] - a * gi / ((float) Math.sqrt(sumSq[i]) + eps);
        }
    }
}
