package dev.tributary.optim;

import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.WeightingSpec;
import dev.tributary.util.Stateful;

import java.util.List;

/**
 * Combines per-task losses into one objective {@code Σ_t w_t·L_t}. Call order per training step:
 * {@link #weights} (the weights to apply now) → backward and optimizer step → {@link #update} with
 * the step's losses (and, when {@link #needsGradNorms()}, each task's unweighted gradient norm on the
 * last shared layer). A task absent from a batch has loss {@code NaN} and is left alone.
 */
public interface LossWeighting extends Stateful {

    /** Writes the current weight of each task into {@code out}. */
    void weights(double[] out);

    /**
     * Learns from one step.
     *
     * @param losses    mean loss per task in the batch, NaN for absent tasks
     * @param gradNorms per task {@code ||∂L_t/∂W_shared||}, NaN for absent tasks; null unless
     *                  {@link #needsGradNorms()}
     */
    void update(double[] losses, double[] gradNorms);

    /** Whether {@link #update} needs per-task gradient norms (GradNorm). */
    default boolean needsGradNorms() {
        return false;
    }

    /** Forgets task {@code task}'s reference loss (GradNorm's L_t(0)), e.g. after a drift. */
    default void reanchor(int task) {
    }

    static LossWeighting create(WeightingSpec spec, List<TaskSpec> tasks) {
        double[] initial = new double[tasks.size()];
        for (int t = 0; t < initial.length; t++) {
            initial[t] = spec.weights().getOrDefault(tasks.get(t).name(), 1.0);
        }
        return switch (spec.type()) {
            case FIXED -> new FixedWeighting(initial);
            case UNCERTAINTY -> new UncertaintyWeighting(initial.length, spec.learningRate());
            case DWA -> new DwaWeighting(initial.length, spec.window(), spec.temperature());
            case GRADNORM -> new GradNormWeighting(initial, spec.alpha(), spec.learningRate());
            case MINMAX -> new MinMaxWeighting(initial.length, spec.learningRate());
        };
    }
}
