package dev.tributary.drift;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

class PageHinkleyContractTest extends DriftDetectorContract {
    @Override
    DriftDetector create() {
        return new PageHinkley(30, 0.005, 20.0, 0.9999);
    }

    @Override
    double[] stream() {
        return Streams.bernoulli(22, 12_000, t -> t < 4_000 ? 0.1 : t < 8_000 ? 0.4 : t < 9_000 ? 0.1 : 0.5);
    }

    @Override
    List<Map.Entry<String, Executable>> badParameters() {
        return List.of(
                Map.entry("minInstances", () -> new PageHinkley(0, 0.005, 50, 0.9999)),
                Map.entry("delta", () -> new PageHinkley(30, -0.1, 50, 0.9999)),
                Map.entry("threshold", () -> new PageHinkley(30, 0.005, 0, 0.9999)),
                Map.entry("alpha", () -> new PageHinkley(30, 0.005, 50, 1.5)));
    }
}
