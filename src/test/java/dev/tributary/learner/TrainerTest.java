package dev.tributary.learner;

import dev.tributary.features.Batch;
import dev.tributary.features.InputShape;
import dev.tributary.model.Kernels;
import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.model.Networks;
import dev.tributary.optim.GradientClipper;
import dev.tributary.optim.LossWeighting;
import dev.tributary.optim.Optimizer;
import dev.tributary.optim.TaskLoss;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.SamplerType;
import dev.tributary.spec.TopologySpec;
import dev.tributary.spec.WeightingSpec;
import dev.tributary.spec.WeightingType;
import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TrainerTest {

    static Trainer trainer(TopologySpec spec, WeightingSpec weighting) {
        InputShape shape = InputShape.of(spec.features());
        MultiTaskNetwork net = Networks.create(spec.model(), shape, spec.tasks(), Kernels.best());
        float[] params = new float[net.layout().size()];
        net.layout().initialise(params, new Rng(1));
        TaskLoss[] losses = spec.tasks().stream().map(t -> TaskLoss.forKind(t.kind(), 0)).toArray(TaskLoss[]::new);
        return new Trainer(net, losses, Optimizer.create(spec.optimizer(), params.length), new GradientClipper(0),
                LossWeighting.create(weighting, spec.tasks()), params, spec.optimizer().embeddings());
    }

    static Batch batch(TopologySpec spec, int rows) {
        InputShape shape = InputShape.of(spec.features());
        Batch b = new Batch(shape.numeric(), shape.categorical(), rows);
        b.setRows(rows);
        Rng rng = new Rng(4);
        for (int i = 0; i < b.numeric.length; i++) {
            b.numeric[i] = (float) rng.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            b.categorical[r] = rng.nextInt(8);
            b.task[r] = r % 3;
            b.target[r] = r % 3 == 2 ? (float) rng.nextGaussian() : rng.nextInt(2);
        }
        return b;
    }

    @Test
    void shouldSumPerTaskGradientsToTheOnePassGradientUnderGradNorm() {
        // Before GradNorm has learned anything its weights equal the fixed ones, and the gradient it
        // assembles from one backward pass per task must equal the single weighted backward pass.
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.MMOE);
        Map<String, Double> w = Map.of("t1", 0.5, "t2", 1.0, "t3", 1.5);
        Trainer fixed = trainer(spec, new WeightingSpec(WeightingType.FIXED, w, 1, 2, 1.5, 0.025));
        Trainer gradNorm = trainer(spec, new WeightingSpec(WeightingType.GRADNORM, w, 1, 2, 1.5, 0.025));
        Batch b = batch(spec, 24);
        assertTrue(fixed.step(b, new Rng(3), 1.0));
        assertTrue(gradNorm.step(b, new Rng(3), 1.0));
        assertArrayEquals(fixed.params, gradNorm.params, 1e-6f);
        assertArrayEquals(fixed.lastLoss, gradNorm.lastLoss, 1e-9);
        // ... and it measured a gradient norm per task and moved the weights.
        gradNorm.step(b, new Rng(3), 1.0);
        assertNotEquals(0.5, gradNorm.weights[0], 1e-9);
    }

    @Test
    void shouldSkipAndCountAStepWithANonFiniteLoss() {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.SHARED_BOTTOM);
        Trainer t = trainer(spec, new WeightingSpec(WeightingType.FIXED, Map.of(), 1, 2, 1.5, 0.025));
        Batch b = batch(spec, 12);
        b.target[2] = Float.NaN;
        float[] before = t.params.clone();
        assertFalse(t.step(b, null, 1.0));
        assertEquals(1, t.skippedNonFinite);
        assertArrayEquals(before, t.params, "a skipped step changes nothing");
        assertEquals(0, t.steps());
    }

    @ParameterizedTest
    @EnumSource(WeightingType.class)
    void shouldLearnAndRestoreUnderEveryLossWeighting(WeightingType type) {
        TopologySpec spec = TestSpecs.synthetic(ModelFamily.CGC, type, SamplerType.TEMPERATURE, 8);
        List<dev.tributary.event.Event> ev = LearnerTest.events(spec, 9000);
        Learner a = new Learner(spec);
        a.process(ev.subList(0, 6000));
        Learner b = Learner.restore(spec, a.snapshot());
        a.process(ev.subList(6000, 9000));
        b.process(ev.subList(6000, 9000));
        assertArrayEquals(a.parameters(), b.parameters());
        double auc = a.stats().tasks().get(0).metrics().get("auc_window");
        assertTrue(auc > 0.8, type + ": t1 windowed AUC " + auc);
        for (var t : a.stats().tasks()) {
            assertTrue(t.lossWeight() > 0 && Double.isFinite(t.lossWeight()), type + " weight " + t.lossWeight());
        }
    }
}
