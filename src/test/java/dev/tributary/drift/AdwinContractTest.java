package dev.tributary.drift;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

class AdwinContractTest extends DriftDetectorContract {
    @Override
    DriftDetector create() {
        return new Adwin(0.01);
    }

    @Override
    double[] stream() {
        return Streams.bernoulli(21, 12_000, t -> t < 4_000 ? 0.2 : t < 8_000 ? 0.6 : 0.3);
    }

    @Override
    List<Map.Entry<String, Executable>> badParameters() {
        return List.of(
                Map.entry("delta", () -> new Adwin(0.0)),
                Map.entry("delta", () -> new Adwin(1.0)),
                Map.entry("delta", () -> new Adwin(Double.NaN)),
                Map.entry("clock", () -> new Adwin(0.002, 0)));
    }
}
