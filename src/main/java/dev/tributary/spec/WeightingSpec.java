package dev.tributary.spec;

import java.util.Map;
import java.util.Objects;

/**
 * Loss weighting.
 *
 * @param type         fixed, uncertainty, dwa, gradnorm or minmax
 * @param weights      task name to fixed weight (FIXED; initial weights otherwise); missing tasks weigh 1
 * @param window       DWA: steps per loss window
 * @param temperature  DWA: softmax temperature
 * @param alpha        GradNorm: restoring-force asymmetry
 * @param learningRate learning rate of the weights themselves (uncertainty, GradNorm, min-max)
 */
public record WeightingSpec(WeightingType type, Map<String, Double> weights, int window, double temperature,
                            double alpha, double learningRate) {
    public WeightingSpec {
        Objects.requireNonNull(type, "type");
        weights = Map.copyOf(weights);
        weights.forEach((task, w) -> Require.positive("weights." + task, w));
        Require.atLeast("window", window, 1, "must be at least 1");
        Require.positive("temperature", temperature);
        Require.nonNegative("alpha", alpha);
        Require.positive("learningRate", learningRate);
    }

    /** Fixed weights of 1; DWA window 20 and temperature 2; GradNorm alpha 1.5; weight learning rate 0.025. */
    public static WeightingSpec defaults() {
        return new WeightingSpec(WeightingType.FIXED, Map.of(), 20, 2.0, 1.5, 0.025);
    }
}
