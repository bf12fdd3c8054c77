package dev.tributary.model;

import dev.tributary.features.Batch;
import dev.tributary.spec.ModelFamily;
import dev.tributary.util.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link MultiTaskNetwork#taskBlocks} and {@link MultiTaskNetwork#towerBlocks} against what the network
 * does: perturbing a block that a task owns moves that task's outputs and no other's; perturbing a block
 * no task owns moves several tasks' outputs.
 */
class TaskBlocksTest {

    @ParameterizedTest
    @EnumSource(ModelFamily.class)
    void shouldOwnExactlyTheBlocksThatMoveOnlyThatTasksOutputs(ModelFamily family) {
        MultiTaskNetwork net = Networks.create(OracleFixture.spec(family, 1.0), OracleFixture.SHAPE,
                OracleFixture.TASKS, Kernels.scalar());
        Rng rng = new Rng(31);
        float[] params = new float[net.layout().size()];
        net.layout().initialise(params, rng);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (0.1 * rng.nextGaussian());
        }
        Batch batch = batch(rng, 40);
        float[][] base = outputs(net, params, batch);

        int tasks = net.taskCount();
        for (ParamLayout.Block b : net.layout().blocks()) {
            float[] p = params.clone();
            for (int i = b.offset(); i < b.offset() + b.size(); i++) {
                p[i] += (float) (0.3 * rng.nextGaussian());
            }
            float[][] moved = outputs(net, p, batch);
            Set<Integer> affected = new HashSet<>();
            for (int t = 0; t < tasks; t++) {
                if (!java.util.Arrays.equals(base[t], moved[t])) {
                    affected.add(t);
                }
            }
            Set<Integer> owners = new HashSet<>();
            for (int t = 0; t < tasks; t++) {
                if (net.taskBlocks(t).contains(b)) {
                    owners.add(t);
                }
            }
            if (owners.isEmpty()) {
                assertTrue(affected.size() >= 2, family + ": " + b.name() + " is shared but moves only " + affected);
            } else {
                assertEquals(owners, affected, family + ": " + b.name());
            }
        }
        for (int t = 0; t < tasks; t++) {
            List<ParamLayout.Block> tower = net.towerBlocks(t);
            assertFalse(tower.isEmpty());
            assertTrue(net.taskBlocks(t).containsAll(tower), "a task owns its tower");
            for (ParamLayout.Block b : tower) {
                assertTrue(b.name().startsWith("tower." + OracleFixture.TASKS.get(t).name() + "."), b.name());
            }
        }
    }

    static Batch batch(Rng rng, int rows) {
        Batch batch = new Batch(OracleFixture.SHAPE.numeric(), OracleFixture.SHAPE.categorical(), rows);
        batch.setRows(rows);
        for (int i = 0; i < rows * OracleFixture.SHAPE.numeric(); i++) {
            batch.numeric[i] = (float) rng.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < OracleFixture.SHAPE.categorical(); f++) {
                batch.categorical[r * OracleFixture.SHAPE.categorical() + f] = r % OracleFixture.SHAPE.buckets()[f];
            }
            batch.task[r] = r % 3;
        }
        return batch;
    }

    /** Each task's outputs at its own rows (the only rows the network computes them for), 0 elsewhere. */
    static float[][] outputs(MultiTaskNetwork net, float[] params, Batch batch) {
        net.forward(params, batch, false, null);
        float[][] out = new float[net.taskCount()][];
        for (int t = 0; t < out.length; t++) {
            int k = net.outputs(t);
            out[t] = new float[batch.rows() * k];
            for (int r = 0; r < batch.rows(); r++) {
                if (batch.task[r] == t) {
                    System.arraycopy(net.output(t), r * k, out[t], r * k, k);
                }
            }
        }
        return out;
    }
}
