package dev.tributary.spec;

import java.util.Map;
import java.util.Objects;

/**
 * The task sampler and its per-task buffers.
 *
 * @param type              uniform, proportional, static, temperature or adaptive
 * @param weights           STATIC: task name to weight (missing tasks weigh 1)
 * @param temperature       TEMPERATURE: τ; ADAPTIVE: softmax temperature over recent losses
 * @param bufferCapacity    per-task buffer of labelled examples not yet trained on; beyond it the
 *                          oldest are subsampled away (counted)
 * @param reservoirCapacity per-task replay reservoir (uniform reservoir sample of past examples),
 *                          0 = no replay
 * @param window            PROPORTIONAL/TEMPERATURE/ADAPTIVE: horizon, in events, of the moving rate
 *                          and loss averages
 */
public record SamplerSpec(SamplerType type, Map<String, Double> weights, double temperature, int bufferCapacity,
                          int reservoirCapacity, int window) {
    public SamplerSpec {
        Objects.requireNonNull(type, "type");
        weights = Map.copyOf(weights);
        weights.forEach((task, w) -> Require.positive("weights." + task, w));
        Require.positive("temperature", temperature);
        Require.atLeast("bufferCapacity", bufferCapacity, 1, "must be at least 1");
        Require.atLeast("reservoirCapacity", reservoirCapacity, 0, "must be at least 0 (0 = no replay)");
        Require.atLeast("window", window, 1, "must be at least 1");
    }

    /** Uniform over tasks; temperature 2; buffers and reservoirs of 1024; a window of 1000 events. */
    public static SamplerSpec defaults() {
        return new SamplerSpec(SamplerType.UNIFORM, Map.of(), 2.0, 1024, 1024, 1000);
    }
}
