package dev.tributary.learner;

import dev.tributary.spec.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Topology specs built in code for learner tests. */
final class TestSpecs {
    private TestSpecs() {
    }

    static List<TaskSpec> tasks() {
        return List.of(new TaskSpec("t1", TaskKind.BINARY, List.of(), "t1.events", false),
                new TaskSpec("t2", TaskKind.BINARY, List.of(), "t2.events", false),
                new TaskSpec("t3", TaskKind.REGRESSION, List.of(), "t3.events", false));
    }

    static TopologySpec synthetic(ModelFamily family, WeightingType weighting, SamplerType sampler, int dim) {
        List<FeatureSpec> features = new ArrayList<>();
        for (int i = 0; i < dim; i++) {
            features.add(FeatureSpec.numeric("x" + i));
        }
        features.add(FeatureSpec.categorical("color", 8, 3));
        boolean experts = family.hasExperts();
        boolean cgc = family == ModelFamily.CGC || family == ModelFamily.PLE;
        ModelSpec model = new ModelSpec(family, List.of(16), new ExpertSpec(experts ? 3 : 0, List.of(8)),
                new ExpertSpec(cgc ? 1 : 0, List.of(8)), family == ModelFamily.PLE ? 2 : 1, List.of(8), 1.0,
                experts ? 0.1 : 0.0, 0.001);
        return new TopologySpec("test", 7L, tasks(), features, model,
                new OptimizerSpec(OptimizerType.ADAM, 0.005, 0.9, 0.999, 1e-8, 5.0, 0.0),
                new WeightingSpec(weighting, Map.of(), 5, 2.0, 1.5, 0.025),
                new SamplerSpec(sampler, Map.of("t1", 2.0), 2.0, 256, 128, 200),
                new BatchSpec(16, 100), null, new SyntheticSpec(dim, 0.8, 1.0, 10, 0.1, 5000));
    }

    static TopologySpec synthetic(ModelFamily family) {
        return synthetic(family, WeightingType.FIXED, SamplerType.UNIFORM, 8);
    }
}
