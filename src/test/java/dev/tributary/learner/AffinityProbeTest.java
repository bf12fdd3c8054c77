package dev.tributary.learner;

import dev.tributary.features.Batch;
import dev.tributary.features.InputShape;
import dev.tributary.model.Kernels;
import dev.tributary.model.MultiTaskNetwork;
import dev.tributary.model.Networks;
import dev.tributary.model.ParamLayout;
import dev.tributary.optim.TaskLoss;
import dev.tributary.spec.*;
import dev.tributary.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The lookahead affinity of Fifty et al. (2021) against a naive oracle on a separate copy of the network
 * ({@link #oracle}), and on closed-form cases: identical tasks, and tasks with opposite labels.
 */
class AffinityProbeTest {

    static TopologySpec spec(ModelFamily family, List<TaskSpec> tasks) {
        List<FeatureSpec> features = List.of(FeatureSpec.numeric("x0"), FeatureSpec.numeric("x1"),
                FeatureSpec.numeric("x2"), FeatureSpec.categorical("c", 4, 2));
        boolean cgc = family == ModelFamily.CGC || family == ModelFamily.PLE;
        ModelSpec model = new ModelSpec(family, List.of(6), new ExpertSpec(family.hasExperts() ? 2 : 0, List.of(4)),
                new ExpertSpec(cgc ? 1 : 0, List.of(4)), family == ModelFamily.PLE ? 2 : 1, List.of(3), 1.0, 0.0, 0.0);
        return new TopologySpec("probe", 3, tasks, features, model, OptimizerSpec.defaults(OptimizerType.SGD),
                WeightingSpec.defaults(), SamplerSpec.defaults(), BatchSpec.defaults(), null, null);
    }

    static List<TaskSpec> threeTasks() {
        return List.of(new TaskSpec("a", TaskKind.BINARY, List.of(), "a.events", false),
                new TaskSpec("b", TaskKind.REGRESSION, List.of(), "b.events", false),
                new TaskSpec("c", TaskKind.BINARY, List.of(), "c.events", false));
    }

    static Batch batch(TopologySpec spec, int rows, long seed) {
        InputShape shape = InputShape.of(spec.features());
        Batch b = new Batch(shape.numeric(), shape.categorical(), rows);
        b.setRows(rows);
        Rng rng = new Rng(seed);
        for (int i = 0; i < rows * shape.numeric(); i++) {
            b.numeric[i] = (float) rng.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            b.categorical[r] = rng.nextInt(4);
            b.task[r] = r % spec.tasks().size();
            b.target[r] = spec.tasks().get(b.task[r]).kind() == TaskKind.REGRESSION ? (float) rng.nextGaussian()
                    : rng.nextInt(2);
        }
        return b;
    }

    static TaskLoss[] losses(TopologySpec spec) {
        return spec.tasks().stream().map(t -> TaskLoss.forKind(t.kind(), t.classes().size())).toArray(TaskLoss[]::new);
    }

    /** Every task's mean loss on the batch, from a forward pass of {@code net}. */
    static double[] meanLosses(MultiTaskNetwork net, TaskLoss[] losses, float[] params, Batch batch) {
        net.forward(params, batch, false, null);
        double[] out = new double[losses.length];
        for (int t = 0; t < losses.length; t++) {
            int n = 0;
            for (int r = 0; r < batch.rows(); r++) {
                n += batch.task[r] == t ? 1 : 0;
            }
            out[t] = losses[t].loss(net.output(t), batch, t) / n;
        }
        return out;
    }

    /**
     * The naive lookahead on a separate copy of the network: the shared parameters are those whose
     * change moves the outputs of more than one task (found by perturbing each one); task i's gradient
     * comes from the copy's backward pass (checked against SameDiff in the model tests) fed with the
     * oracle's own derivative of the mean loss (sigmoid(z) − y, or z − y, over the task's rows).
     * The perturbations run on a batch that presents every row once for every task: the network
     * computes a row's outputs for its own task only, so on the batch itself a shared unit that only
     * one task's rows activate would look task-specific.
     */
    static double[][] oracle(TopologySpec spec, float[] params, Batch batch, double eta) {
        MultiTaskNetwork net = Networks.create(spec.model(), InputShape.of(spec.features()), spec.tasks(),
                Kernels.scalar());
        TaskLoss[] losses = losses(spec);
        int tasks = losses.length;
        float[] p = params.clone();
        double[] before = meanLosses(net, losses, p, batch);
        Batch everyTask = everyRowForEveryTask(batch, tasks);
        int allRows = everyTask.rows();
        float[][] baseOut = new float[tasks][];
        net.forward(p, everyTask, false, null);
        for (int t = 0; t < tasks; t++) {
            baseOut[t] = java.util.Arrays.copyOf(net.output(t), allRows);
        }
        boolean[] shared = new boolean[p.length];
        for (int k = 0; k < p.length; k++) {
            float keep = p[k];
            p[k] = keep + 0.5f;
            net.forward(p, everyTask, false, null);
            int moved = 0;
            for (int t = 0; t < tasks; t++) {
                moved += java.util.Arrays.equals(baseOut[t], java.util.Arrays.copyOf(net.output(t), allRows)) ? 0 : 1;
            }
            shared[k] = moved > 1;
            p[k] = keep;
        }
        double[][] z = new double[tasks][tasks];
        for (int i = 0; i < tasks; i++) {
            net.forward(p, batch, false, null);
            int n = 0;
            for (int r = 0; r < batch.rows(); r++) {
                n += batch.task[r] == i ? 1 : 0;
            }
            for (int t = 0; t < tasks; t++) {
                for (int r = 0; r < batch.rows(); r++) {
                    double zr = net.output(t)[r];
                    double y = batch.target[r];
                    double d = spec.tasks().get(t).kind() == TaskKind.BINARY ? 1 / (1 + Math.exp(-zr)) - y : zr - y;
                    net.outputGrad(t)[r] = t == i && batch.task[r] == i ? (float) (d / n) : 0f;
                }
            }
            float[] g = new float[p.length];
            net.backward(p, g, batch);
            float[] q = p.clone();
            for (int k = 0; k < q.length; k++) {
                if (shared[k]) {
                    q[k] = (float) (p[k] - eta * g[k]);
                }
            }
            double[] after = meanLosses(net, losses, q, batch);
            for (int j = 0; j < tasks; j++) {
                z[i][j] = 1 - after[j] / before[j];
            }
        }
        return z;
    }

    /** Row {@code r·tasks + t} is row {@code r} of {@code batch}, of task {@code t}. */
    static Batch everyRowForEveryTask(Batch batch, int tasks) {
        int nn = batch.numericWidth;
        int nc = batch.categoricalWidth;
        Batch b = new Batch(nn, nc, batch.rows() * tasks);
        b.setRows(batch.rows() * tasks);
        for (int r = 0; r < batch.rows(); r++) {
            for (int t = 0; t < tasks; t++) {
                int row = r * tasks + t;
                System.arraycopy(batch.numeric, r * nn, b.numeric, row * nn, nn);
                System.arraycopy(batch.categorical, r * nc, b.categorical, row * nc, nc);
                b.task[row] = t;
            }
        }
        return b;
    }

    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"SHARED_BOTTOM", "OMOE", "MMOE", "CGC", "PLE"})
    void shouldMatchANaiveLookaheadOnACopyOfTheNetwork(ModelFamily family) {
        TopologySpec spec = spec(family, threeTasks());
        MultiTaskNetwork net = Networks.create(spec.model(), InputShape.of(spec.features()), spec.tasks());
        float[] params = new float[net.layout().size()];
        net.layout().initialise(params, new Rng(5));
        Batch batch = batch(spec, 24, 9);
        float[] unchanged = params.clone();

        double[][] z = new AffinityProbe(net, losses(spec)).measure(params, batch, 0.5);
        double[][] expected = oracle(spec, params, batch, 0.5);

        assertArrayEquals(unchanged, params, "the probe leaves the parameters alone");
        double scale = 0;
        for (double[] row : expected) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        assertTrue(scale > 1e-3, "a measurable lookahead: " + scale);
        for (int i = 0; i < 3; i++) {
            assertTrue(z[i][i] > 0, "a step on a task's own loss lowers it: Z[" + i + "][" + i + "] = " + z[i][i]);
            for (int j = 0; j < 3; j++) {
                assertEquals(expected[i][j], z[i][j], 1e-4 * scale, family + " Z[" + i + "][" + j + "]");
            }
        }
    }

    /** Two binary tasks with the same tower, fed the same rows; t2's labels are t1's or their opposite. */
    static double[][] twinTasks(boolean opposite) {
        TopologySpec spec = spec(ModelFamily.SHARED_BOTTOM, List.of(
                new TaskSpec("t1", TaskKind.BINARY, List.of(), "t1.events", false),
                new TaskSpec("t2", TaskKind.BINARY, List.of(), "t2.events", false)));
        MultiTaskNetwork net = Networks.create(spec.model(), InputShape.of(spec.features()), spec.tasks());
        float[] params = new float[net.layout().size()];
        net.layout().initialise(params, new Rng(8));
        List<ParamLayout.Block> t1 = net.towerBlocks(0);
        List<ParamLayout.Block> t2 = net.towerBlocks(1);
        for (int b = 0; b < t1.size(); b++) {
            boolean output = b >= t1.size() - 2;
            for (int k = 0; k < t1.get(b).size(); k++) {
                // A near-zero output layer puts every prediction near 0.5, where opposite labels pull opposite ways.
                float v = params[t1.get(b).offset() + k] * (output ? 0.01f : 1f);
                params[t1.get(b).offset() + k] = v;
                params[t2.get(b).offset() + k] = v;
            }
        }
        Batch half = batch(spec, 16, 21);
        Batch batch = batch(spec, 32, 21);
        int nn = half.numericWidth;
        for (int r = 0; r < 16; r++) {
            for (int copy = 0; copy < 2; copy++) {
                int row = r + 16 * copy;
                System.arraycopy(half.numeric, r * nn, batch.numeric, row * nn, nn);
                batch.categorical[row] = half.categorical[r];
                batch.task[row] = copy;
                batch.target[row] = copy == 1 && opposite ? 1 - half.target[r] : half.target[r];
            }
        }
        return new AffinityProbe(net, losses(spec)).measure(params, batch, 500.0);
    }

    @Test
    void shouldFindTwoIdenticalTasksEquallyAffineToEachOtherAsToThemselves() {
        double[][] z = twinTasks(false);

        assertTrue(z[0][0] > 0, java.util.Arrays.deepToString(z));
        assertEquals(z[0][0], z[0][1], 1e-5 * z[0][0]);
        assertEquals(z[0][0], z[1][0], 1e-5 * z[0][0]);
        assertEquals(z[0][0], z[1][1], 1e-5 * z[0][0]);
    }

    @Test
    void shouldFindTasksWithOppositeLabelsNegativelyAffine() {
        double[][] z = twinTasks(true);

        assertTrue(z[0][0] > 0 && z[1][1] > 0, java.util.Arrays.deepToString(z));
        assertTrue(z[0][1] < 0 && z[1][0] < 0, java.util.Arrays.deepToString(z));
        assertEquals(-z[0][0], z[0][1], 0.1 * z[0][0], "to first order the step on one undoes the other");
    }

    @Test
    void shouldLeaveCellsOfAbsentTasksUndefinedAndFindNothingSharedWithoutSharing() {
        TopologySpec spec = spec(ModelFamily.MMOE, threeTasks());
        MultiTaskNetwork net = Networks.create(spec.model(), InputShape.of(spec.features()), spec.tasks());
        float[] params = new float[net.layout().size()];
        net.layout().initialise(params, new Rng(5));
        Batch batch = batch(spec, 12, 3);
        for (int r = 0; r < 12; r++) {
            batch.task[r] = r % 2 == 0 ? 0 : 2; // no rows of task b
        }

        double[][] z = new AffinityProbe(net, losses(spec)).measure(params, batch, 0.1);

        for (int k = 0; k < 3; k++) {
            assertTrue(Double.isNaN(z[1][k]) && Double.isNaN(z[k][1]), java.util.Arrays.deepToString(z));
        }
        assertTrue(Double.isFinite(z[0][2]) && Double.isFinite(z[2][0]));
        TopologySpec single = spec(ModelFamily.SINGLE_TASK, threeTasks());
        MultiTaskNetwork separate = Networks.create(single.model(), InputShape.of(single.features()), single.tasks());
        assertFalse(new AffinityProbe(separate, losses(single)).hasShared());
    }
}
