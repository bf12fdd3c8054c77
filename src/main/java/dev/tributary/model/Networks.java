package dev.tributary.model;

import dev.tributary.features.InputShape;
import dev.tributary.spec.ExpertSpec;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.ModelSpec;
import dev.tributary.spec.TaskSpec;

import java.util.List;

/** Builds the network a {@link ModelSpec} describes. */
public final class Networks {
    private Networks() {
    }

    /** A network for these tasks over inputs of this shape, on the fastest available kernels. */
    public static MultiTaskNetwork create(ModelSpec spec, InputShape shape, List<TaskSpec> tasks) {
        return create(spec, shape, tasks, Kernels.best());
    }

    public static MultiTaskNetwork create(ModelSpec spec, InputShape shape, List<TaskSpec> tasks, Kernels kernels) {
        String[] names = tasks.stream().map(TaskSpec::name).toArray(String[]::new);
        int[] outputs = tasks.stream().mapToInt(TaskSpec::outputs).toArray();
        ExpertSpec shared = spec.experts();
        ExpertSpec own = spec.taskExperts();
        return switch (spec.family()) {
            case SINGLE_TASK -> new SeparateNetwork(shape, spec.encoder(), spec.tower(), 0.0, names, outputs, kernels);
            case SOFT_SHARING -> new SeparateNetwork(shape, spec.encoder(), spec.tower(), spec.softSharingL2(), names,
                    outputs, kernels);
            case SHARED_BOTTOM -> new SharedBottomNetwork(shape, spec.encoder(), spec.tower(), names, outputs, kernels);
            case OMOE, MMOE -> new ExpertNetwork(shape, spec.encoder(), 0, List.of(), shared.count(), shared.hidden(),
                    1, spec.family() == ModelFamily.OMOE, spec.tower(), spec.gateTemperature(),
                    spec.expertDropout(), names, outputs, kernels);
            case CGC, PLE -> new ExpertNetwork(shape, spec.encoder(), own.count(), own.hidden(), shared.count(),
                    shared.hidden(), spec.family() == ModelFamily.CGC ? 1 : Math.max(1, spec.levels()), false, spec.tower(), spec.gateTemperature(),
                    spec.expertDropout(), names, outputs, kernels);
        };
    }
}
