package dev.tributary.drift;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

class KswinContractTest extends DriftDetectorContract {
    @Override
    DriftDetector create() {
        return new Kswin(0.005, 100, 30, 42);
    }

    @Override
    double[] stream() {
        return Streams.gaussian(23, 3_000, t -> t < 1_000 ? 0.0 : t < 2_000 ? 2.0 : -1.0, 1.0);
    }

    @Override
    List<Map.Entry<String, Executable>> badParameters() {
        return List.of(
                Map.entry("alpha", () -> new Kswin(0.0, 100, 30, 1)),
                Map.entry("windowSize", () -> new Kswin(0.005, 59, 30, 1)),
                Map.entry("statSize", () -> new Kswin(0.005, 100, 0, 1)),
                Map.entry("statSize 3 is too small", () -> new Kswin(0.005, 100, 3, 1)));
    }
}
