package dev.tributary.learner;

import dev.tributary.features.Batch;
import dev.tributary.features.InputShape;
import dev.tributary.model.Kernels;
import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.model.Networks;
import dev.tributary.model.ParamLayout;
import dev.tributary.model.TouchedRows;
import dev.tributary.optim.GradientClipper;
import dev.tributary.optim.LossWeighting;
import dev.tributary.optim.Optimizer;
import dev.tributary.optim.TaskLoss;
import dev.tributary.spec.EmbeddingUpdate;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.SamplerType;
import dev.tributary.spec.TopologySpec;
import dev.tributary.spec.WeightingType;
import dev.tributary.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Lazy embedding updates against the dense computation, through whole training steps: the gradient's
 * support is exactly the dense layers and the rows marked as touched; with every row touched a lazy
 * step is the dense step bit for bit (clipping, GradNorm, soft sharing's tie included); a row the
 * batches stop touching keeps its value under lazy updates and drifts under dense Adam.
 */
class LazyEmbeddingTest {

    static Trainer trainer(TopologySpec spec, EmbeddingUpdate embeddings) {
        InputShape shape = InputShape.of(spec.features());
        MultiTaskNetwork net = Networks.create(spec.model(), shape, spec.tasks(), Kernels.best());
        float[] params = new float[net.layout().size()];
        net.layout().initialise(params, new Rng(1));
        TaskLoss[] losses = spec.tasks().stream().map(t -> TaskLoss.forKind(t.kind(), 0)).toArray(TaskLoss[]::new);
        return new Trainer(net, losses, Optimizer.create(spec.optimizer(), params.length),
                new GradientClipper(spec.optimizer().clipNorm()), LossWeighting.create(spec.weighting(), spec.tasks()),
                params, embeddings);
    }

    /** 48 rows, task {@code r mod 3}; the categorical value of row r is {@code (r / 3) mod colors}. */
    static Batch batch(TopologySpec spec, int seed, int colors) {
        InputShape shape = InputShape.of(spec.features());
        int rows = 48;
        Batch b = new Batch(shape.numeric(), shape.categorical(), rows);
        b.setRows(rows);
        Rng rng = new Rng(seed);
        for (int i = 0; i < b.numeric.length; i++) {
            b.numeric[i] = (float) rng.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            b.categorical[r] = (r / 3) % colors;
            b.task[r] = r % 3;
            b.target[r] = r % 3 == 2 ? (float) rng.nextGaussian() : rng.nextInt(2);
        }
        return b;
    }

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of(ModelFamily.SHARED_BOTTOM, WeightingType.FIXED),
                Arguments.of(ModelFamily.MMOE, WeightingType.FIXED),
                Arguments.of(ModelFamily.MMOE, WeightingType.GRADNORM),
                Arguments.of(ModelFamily.PLE, WeightingType.UNCERTAINTY),
                Arguments.of(ModelFamily.SOFT_SHARING, WeightingType.DWA),
                Arguments.of(ModelFamily.SINGLE_TASK, WeightingType.FIXED));
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void shouldEqualTheDenseStepBitForBitWhenEveryRowIsTouched(ModelFamily family, WeightingType weighting) {
        TopologySpec spec = TestSpecs.synthetic(family, weighting, SamplerType.UNIFORM, 8);
        Trainer lazy = trainer(spec, EmbeddingUpdate.LAZY);
        Trainer dense = trainer(spec, EmbeddingUpdate.DENSE);
        for (int s = 0; s < 6; s++) {
            Batch b = batch(spec, s, 8);
            assertTrue(lazy.step(b, new Rng(s), 1.0));
            assertTrue(dense.step(b, new Rng(s), 1.0));
            assertEquals(Arrays.toString(dense.params), Arrays.toString(lazy.params), family + " step " + s);
        }
        assertTrue(lazy.support().ranges() > 1, "the lazy support lists the rows");
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void shouldWriteGradientOnlyIntoTheDenseLayersAndTheMarkedRows(ModelFamily family, WeightingType weighting) {
        TopologySpec spec = TestSpecs.synthetic(family, weighting, SamplerType.UNIFORM, 8);
        InputShape shape = InputShape.of(spec.features());
        MultiTaskNetwork net = Networks.create(spec.model(), shape, spec.tasks(), Kernels.best());
        float[] p = new float[net.layout().size()];
        net.layout().initialise(p, new Rng(2));
        Batch b = batch(spec, 5, 3);
        net.forward(p, b, false, null);
        for (int t = 0; t < net.taskCount(); t++) {
            TaskLoss.forKind(spec.tasks().get(t).kind(), 0).lossAndGrad(net.output(t), b, t, 1.0, net.outputGrad(t));
        }
        float[] g = new float[p.length];
        TouchedRows touched = net.touchedRows();
        touched.clear();
        net.backward(p, g, b);
        net.regularize(p, g, true);
        boolean[] inSupport = new boolean[p.length];
        int[] dense = net.layout().denseRanges();
        for (int k = 0; k < dense.length; k += 2) {
            Arrays.fill(inSupport, dense[k], dense[k] + dense[k + 1], true);
        }
        int marked = 0;
        for (int t = 0; t < touched.tables(); t++) {
            for (int i = 0; i < touched.count(t); i++) {
                int from = touched.offset(t) + touched.row(t, i) * touched.width(t);
                Arrays.fill(inSupport, from, from + touched.width(t), true);
                marked++;
            }
        }
        int nonZeroRows = 0;
        for (int i = 0; i < g.length; i++) {
            assertTrue(g[i] == 0 || inSupport[i], family + ": gradient at " + i + " outside the support");
        }
        for (ParamLayout.Block table : net.layout().tables()) {
            for (int r = 0; r < table.fanIn(); r++) {
                int from = table.offset() + r * table.fanOut();
                for (int d = 0; d < table.fanOut(); d++) {
                    if (g[from + d] != 0) {
                        nonZeroRows++;
                        break;
                    }
                }
            }
        }
        int tables = net.layout().tables().size();
        assertEquals(3 * tables, marked, family + ": three colors in each table");
        assertTrue(nonZeroRows > 0 && nonZeroRows <= marked, family + ": " + nonZeroRows + " rows have gradient");
    }

    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"SHARED_BOTTOM", "MMOE", "SINGLE_TASK"})
    void shouldLeaveARowTheBatchesStopTouchingWhereDenseAdamMovesIt(ModelFamily family) {
        TopologySpec spec = TestSpecs.synthetic(family, WeightingType.FIXED, SamplerType.UNIFORM, 8);
        Trainer lazy = trainer(spec, EmbeddingUpdate.LAZY);
        Trainer dense = trainer(spec, EmbeddingUpdate.DENSE);
        lazy.step(batch(spec, 0, 8), new Rng(0), 1.0);
        dense.step(batch(spec, 0, 8), new Rng(0), 1.0);
        ParamLayout.Block table = lazy.layoutTables().get(0);
        int row7 = table.offset() + 7 * table.fanOut();
        float[] lazyRow = Arrays.copyOfRange(lazy.params, row7, row7 + table.fanOut());
        float[] denseRow = Arrays.copyOfRange(dense.params, row7, row7 + table.fanOut());
        assertArrayEquals(denseRow, lazyRow, "after a step touching every row the two agree");
        for (int s = 1; s < 5; s++) {
            lazy.step(batch(spec, s, 4), new Rng(s), 1.0);
            dense.step(batch(spec, s, 4), new Rng(s), 1.0);
        }
        assertArrayEquals(lazyRow, Arrays.copyOfRange(lazy.params, row7, row7 + table.fanOut()),
                "lazy: row 7, untouched since, keeps its value");
        float[] moved = Arrays.copyOfRange(dense.params, row7, row7 + table.fanOut());
        assertTrue(!Arrays.equals(denseRow, moved), "dense Adam keeps moving row 7 by its momentum");
    }
}
