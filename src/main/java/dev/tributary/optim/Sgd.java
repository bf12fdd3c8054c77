package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;

/** Stochastic gradient descent with optional heavy-ball momentum ({@code beta1}) and decoupled weight decay. */
final class Sgd extends MomentOptimizer {
    private final float lr;
    private final float momentum;
    private final float decay;
    private final float[] velocity;

    Sgd(OptimizerSpec spec, int size) {
        this(spec, size, new float[(float) spec.beta1() > 0 ? size : 0]);
    }

    private Sgd(OptimizerSpec spec, int size, float[] velocity) {
        super(size, new String[] {"SGD velocity"}, velocity);
        this.lr = (float) spec.learningRate();
        this.momentum = (float) spec.beta1();
        this.decay = (float) spec.weightDecay();
        this.velocity = velocity;
    }

    @Override
    void update(float[] p, float[] g, int from, int to, long count, double lrScale) {
        float a = (float) (lr * lrScale);
        float keep = 1f - a * decay;
        if (momentum > 0) {
            for (int i = from; i < to; i++) {
                velocity[i] = momentum * velocity[i] + g[i];
                p[i] = keep * p[i] - a * velocity[i];
            }
        } else {
            for (int i = from; i < to; i++) {
                p[i] = keep * p[i] - a * g[i];
            }
        }
    }
}
