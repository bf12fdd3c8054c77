package dev.tributary.spec;

/** How the task sampler chooses which task's examples fill the next training batch. */
public enum SamplerType {
    /** Every task equally often, whatever its arrival rate. */
    UNIFORM,
    /** In proportion to arrival rates. */
    PROPORTIONAL,
    /** In proportion to static per-task weights (e.g. main task 2x). */
    STATIC,
    /** {@code p_i ∝ n_i^(1/τ)}: between proportional (τ = 1) and uniform (τ → ∞). */
    TEMPERATURE,
    /** Towards tasks whose recent loss is high. */
    ADAPTIVE
}
