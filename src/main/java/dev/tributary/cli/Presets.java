package dev.tributary.cli;

import dev.tributary.spec.BatchSpec;
import dev.tributary.spec.ExpertSpec;
import dev.tributary.spec.FeatureSpec;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.ModelSpec;
import dev.tributary.spec.OptimizerSpec;
import dev.tributary.spec.OptimizerType;
import dev.tributary.spec.SamplerSpec;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.TopologySpec;
import dev.tributary.spec.WeightingSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark models. M1: 64 numeric inputs, encoder 64 ReLU, 4 experts 64→32, 3 tasks (2 binary,
 * 1 regression), towers 32→16→1, Adam. M2: 256 inputs, encoder 128, 8 experts 128→64, 6 tasks
 * (4 binary, 2 regression), towers 64→32→1.
 */
final class Presets {
    private Presets() {
    }

    static TopologySpec byName(String name, ModelFamily family) {
        return switch (name.toLowerCase()) {
            case "m1" -> build("m1", 64, 64, 4, 32, 16, new TaskKind[]{TaskKind.BINARY, TaskKind.BINARY,
                    TaskKind.REGRESSION}, family);
            case "m2" -> build("m2", 256, 128, 8, 64, 32, new TaskKind[]{TaskKind.BINARY, TaskKind.BINARY,
                    TaskKind.BINARY, TaskKind.BINARY, TaskKind.REGRESSION, TaskKind.REGRESSION}, family);
            default -> throw new IllegalArgumentException("unknown preset '" + name + "'; available: m1, m2");
        };
    }

    private static TopologySpec build(String name, int inputs, int encoder, int experts, int expertWidth, int tower,
                                      TaskKind[] kinds, ModelFamily family) {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int t = 0; t < kinds.length; t++) {
            tasks.add(new TaskSpec("t" + (t + 1), kinds[t], List.of(), "t" + (t + 1) + ".events", false));
        }
        List<FeatureSpec> features = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            features.add(FeatureSpec.numeric("x" + i));
        }
        ModelSpec mmoe = new ModelSpec(ModelFamily.MMOE, List.of(encoder), new ExpertSpec(experts, List.of(expertWidth)),
                ExpertSpec.none(), 1, List.of(tower), 1.0, 0.0, 0.0);
        ModelSpec model = family == ModelFamily.MMOE ? mmoe : Overrides.withFamily(mmoe, family);
        return new TopologySpec(name, 42, tasks, features, model, OptimizerSpec.defaults(OptimizerType.ADAM),
                WeightingSpec.defaults(), SamplerSpec.defaults(), BatchSpec.defaults(), null, null);
    }
}
