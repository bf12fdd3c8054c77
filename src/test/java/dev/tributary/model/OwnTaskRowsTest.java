package dev.tributary.model;

import dev.tributary.features.Batch;
import dev.tributary.optim.TaskLoss;
import dev.tributary.spec.ModelFamily;
import dev.tributary.spec.TaskSpec;
import dev.tributary.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each row is computed for its own task only ({@link MultiTaskNetwork#output}'s contract): a row's
 * outputs do not depend on which tasks the other rows of the batch belong to, a task's own parts do not
 * run for other tasks' rows, and {@link MultiTaskNetwork#macsPerRow} counts one task's parts per row.
 */
class OwnTaskRowsTest {
    private static final List<TaskSpec> TASKS = OracleFixture.TASKS;
    /** Interleaved rows of every task and of none. */
    private static final int[] MIXED = {2, 0, 1, 0, 2, -1, 1, 1, 0, 2, -1, 0};

    /** Forward passes are per-row independent, so the bits must match exactly. */
    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void shouldComputeEachRowAsIfItWereAloneInTheBatch(ModelFamily family) {
        OracleFixture f = OracleFixture.create(OracleFixture.spec(family, 1.7), 3, MIXED);
        MultiTaskNetwork net = Networks.create(f.spec, OracleFixture.SHAPE, TASKS, Kernels.best());
        net.forward(f.params, f.batch, false, null);
        float[][] out = copies(net, f.batch.rows(), false);
        float[][] gates = copies(net, f.batch.rows(), true);
        for (int r = 0; r < f.batch.rows(); r++) {
            int t = f.batch.task[r];
            int k = net.outputs(t < 0 ? 0 : t);
            for (int u = 0; u < TASKS.size(); u++) {
                if (u != t) {
                    assertTrue(Float.isNaN(out[u][r * net.outputs(u)]), family + ": row " + r + " of task " + t
                            + " should have no output for task " + u);
                }
            }
            if (t < 0) {
                continue;
            }
            net.forward(f.params, oneRow(f.batch, r), false, null);
            for (int c = 0; c < k; c++) {
                assertEquals(Float.floatToIntBits(net.output(t)[c]), Float.floatToIntBits(out[t][r * k + c]),
                        family + ": output " + c + " of row " + r + " (task " + t + ")");
            }
            int w = net.gateWidth(t);
            for (int c = 0; c < w; c++) {
                assertEquals(Float.floatToIntBits(net.gateWeights(t)[c]), Float.floatToIntBits(gates[t][r * w + c]),
                        family + ": gate weight " + c + " of row " + r + " (task " + t + ")");
            }
        }
    }

    /**
     * Poisons the parts of the genre task that only its rows pass through with NaN and trains on a batch
     * without genre rows: nothing changes by a bit. Had those parts run over the other rows, the NaN
     * would reach the shared gradients through their backward pass (0·NaN = NaN) even though the genre
     * output gradient is zero there.
     */
    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void shouldNotRunATasksOwnPartsForOtherTasksRows(ModelFamily family) {
        OracleFixture f = OracleFixture.create(OracleFixture.spec(family, 1.0), 5, OracleFixture.NO_GENRE_ROWS);
        MultiTaskNetwork net = Networks.create(f.spec, OracleFixture.SHAPE, TASKS, Kernels.best());
        float[] poisoned = f.params.clone();
        int genre = 1;
        List<ParamLayout.Block> own = ownParts(net, genre, f.spec.levels());
        for (ParamLayout.Block b : own) {
            java.util.Arrays.fill(poisoned, b.offset(), b.offset() + b.size(), Float.NaN);
        }
        float[] clean = train(net, f.params, f.batch);
        float[][] cleanOut = copies(net, f.batch.rows(), false);
        float[] dirty = train(net, poisoned, f.batch);
        float[][] dirtyOut = copies(net, f.batch.rows(), false);
        for (int r = 0; r < f.batch.rows(); r++) {
            int t = f.batch.task[r];
            for (int c = 0; t >= 0 && c < net.outputs(t); c++) {
                int i = r * net.outputs(t) + c;
                assertEquals(Float.floatToIntBits(cleanOut[t][i]), Float.floatToIntBits(dirtyOut[t][i]),
                        family + ": output " + c + " of row " + r);
            }
        }
        for (ParamLayout.Block b : net.layout().blocks()) {
            for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                assertEquals(Float.floatToIntBits(clean[i]), Float.floatToIntBits(dirty[i]),
                        family + ": gradient of " + b.name());
                if (own.contains(b)) {
                    assertEquals(0f, dirty[i], family + ": gradient of the genre's own " + b.name());
                }
            }
        }
    }

    /** Without gates every multiply-add is a product the kernels see, so they can be counted. */
    @ParameterizedTest
    @EnumSource(value = ModelFamily.class, names = {"SHARED_BOTTOM", "SINGLE_TASK", "SOFT_SHARING"})
    void shouldCountOneTowerPerRowInMacsPerRow(ModelFamily family) {
        int[] evenTasks = {0, 1, 2, 2, 0, 1, 1, 2, 0, 0, 2, 1};
        OracleFixture f = OracleFixture.create(OracleFixture.spec(family, 1.0), 7, evenTasks);
        long[] macs = new long[1];
        Kernels counting = (m, n, k, a, aOff, aStrideM, aStrideK, b, bOff, ldb, c, cOff, ldc, accumulate) -> {
            macs[0] += (long) m * n * k;
            Kernels.scalar().gemm(m, n, k, a, aOff, aStrideM, aStrideK, b, bOff, ldb, c, cOff, ldc, accumulate);
        };
        MultiTaskNetwork net = Networks.create(f.spec, OracleFixture.SHAPE, TASKS, counting);
        net.forward(f.params, f.batch, false, null);
        // macsPerRow is the mean over tasks, rounded; the batch has equally many rows of each task.
        assertEquals(evenTasks.length * net.macsPerRow(), macs[0], evenTasks.length / 2.0, family.toString());
    }

    /** The blocks only the task's own rows pass through: its {@link TaskHead}, or its whole network. */
    private static List<ParamLayout.Block> ownParts(MultiTaskNetwork net, int task, int levels) {
        String lastLevel = "level" + (levels - 1) + ".";
        return net.taskBlocks(task).stream()
                .filter(b -> b.name().startsWith("tower.") || b.name().startsWith("task.")
                        || b.name().startsWith(lastLevel))
                .toList();
    }

    /** One training step's gradient (dropout on, seeded), with the fixture's loss. */
    private static float[] train(MultiTaskNetwork net, float[] params, Batch batch) {
        net.forward(params, batch, true, new Rng(99));
        for (int t = 0; t < TASKS.size(); t++) {
            TaskSpec task = TASKS.get(t);
            TaskLoss.forKind(task.kind(), task.classes().size())
                    .lossAndGrad(net.output(t), batch, t, OracleFixture.WEIGHTS[t], net.outputGrad(t));
        }
        float[] g = new float[params.length];
        net.backward(params, g, batch);
        return g;
    }

    /** Every task's outputs, or its gate weights (none for families without gates), for all rows. */
    private static float[][] copies(MultiTaskNetwork net, int rows, boolean gates) {
        float[][] c = new float[net.taskCount()][];
        for (int t = 0; t < c.length; t++) {
            if (!gates) {
                c[t] = java.util.Arrays.copyOf(net.output(t), rows * net.outputs(t));
            } else {
                int w = net.gateWidth(t);
                c[t] = w == 0 ? new float[0] : java.util.Arrays.copyOf(net.gateWeights(t), rows * w);
            }
        }
        return c;
    }

    private static Batch oneRow(Batch batch, int r) {
        Batch one = new Batch(batch.numericWidth, batch.categoricalWidth, 1);
        one.setRows(1);
        System.arraycopy(batch.numeric, r * batch.numericWidth, one.numeric, 0, batch.numericWidth);
        System.arraycopy(batch.categorical, r * batch.categoricalWidth, one.categorical, 0, batch.categoricalWidth);
        one.task[0] = batch.task[r];
        one.target[0] = batch.target[r];
        return one;
    }
}
