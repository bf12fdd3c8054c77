package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;
import dev.tributary.util.Stateful;

/**
 * An update rule over one flat parameter buffer. Call order per training step: compute
 * {@code grads} → {@link #step}. The optimizer's moments are flat buffers of the same length as the
 * parameters and are part of its {@link Stateful} state.
 */
public interface Optimizer extends Stateful {

    /**
     * Applies one update {@code params ← params − Δ(grads)} with the learning rate scaled by
     * {@code lrScale} (1 for the configured rate).
     */
    void step(float[] params, float[] grads, double lrScale);

    /**
     * Zeroes the optimizer's per-parameter state (moments, accumulators, velocity) of the parameters
     * {@code [offset, offset + length)}, as for freshly initialised parameters; the step count, and so
     * Adam's bias correction, is shared by all parameters and stays.
     */
    void resetState(int offset, int length);

    /** Updates applied so far. */
    long steps();

    static Optimizer create(OptimizerSpec spec, int size) {
        return switch (spec.type()) {
            case SGD -> new Sgd(spec, size);
            case ADAGRAD -> new AdaGrad(spec, size);
            case ADAM -> new Adam(spec, size);
        };
    }
}
