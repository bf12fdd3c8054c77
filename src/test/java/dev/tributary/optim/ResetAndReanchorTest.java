package dev.tributary.optim;

import dev.tributary.spec.OptimizerSpec;
import dev.tributary.spec.OptimizerType;
import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.WeightingSpec;
import dev.tributary.spec.WeightingType;
import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The two optimizer-side drift reactions: zeroing part of an optimizer's state, and re-anchoring GradNorm. */
class ResetAndReanchorTest {

    static float[] gradient(Rng rng, int n) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            g[i] = (float) rng.nextGaussian();
        }
        return g;
    }

    /**
     * After {@code resetState} on a range, the optimizer updates those parameters exactly as one whose
     * moments are zero at the same step count: an optimizer that has only seen zero gradients there.
     */
    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void shouldUpdateAResetRangeAsIfItsStateWereFresh(OptimizerType type) {
        OptimizerSpec spec = new OptimizerSpec(type, 0.01, 0.9, 0.999, 1e-8, 0, 0); // SGD: momentum 0.9
        int n = 20;
        Optimizer reset = Optimizer.create(spec, n);
        Optimizer masked = Optimizer.create(spec, n);
        Optimizer kept = Optimizer.create(spec, n);
        float[][] p = new float[3][n];
        Rng rng = new Rng(3);
        for (int s = 0; s < 5; s++) {
            float[] g = gradient(rng, n);
            float[] zeroInRange = g.clone();
            java.util.Arrays.fill(zeroInRange, 5, 12, 0f);
            reset.step(p[0], g, 1.0);
            masked.step(p[1], zeroInRange, 1.0);
            kept.step(p[2], g, 1.0);
        }
        reset.resetState(5, 7);
        float[][] before = {p[0].clone(), p[1].clone(), p[2].clone()};
        float[] g = gradient(rng, n);
        reset.step(p[0], g, 1.0);
        masked.step(p[1], g, 1.0);
        kept.step(p[2], g, 1.0);

        for (int i = 0; i < n; i++) {
            float update = p[0][i] - before[0][i];
            boolean inRange = i >= 5 && i < 12;
            assertEquals(p[1][i] - before[1][i], update, 1e-7f, type + ": update of parameter " + i
                    + " as with zero state in the range");
            if (inRange) {
                assertNotEquals(p[2][i] - before[2][i], update, 1e-6f, type + ": the reset mattered at " + i);
            } else {
                assertEquals(p[2][i] - before[2][i], update, type + ": parameter " + i + " kept its state");
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> reset.resetState(15, 6));
    }

    static double[] initialLosses(LossWeighting w) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        w.writeState(new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        FlatState.read(in, new double[2], "weights");
        double[] l0 = new double[2];
        FlatState.read(in, l0, "initial losses");
        return l0;
    }

    @Test
    void shouldTakeTheNextLossAsGradNormsReferenceAfterAReanchor() throws IOException {
        List<TaskSpec> tasks = List.of(new TaskSpec("a", TaskKind.BINARY, List.of(), "a.events", false),
                new TaskSpec("b", TaskKind.BINARY, List.of(), "b.events", false));
        LossWeighting gradNorm = LossWeighting.create(new WeightingSpec(WeightingType.GRADNORM, Map.of(), 20, 2, 1.5,
                0.025), tasks);
        gradNorm.update(new double[]{0.9, 0.7}, new double[]{1, 1});
        gradNorm.update(new double[]{0.6, 0.5}, new double[]{1, 1});
        assertArrayEquals(new double[]{0.9, 0.7}, initialLosses(gradNorm), "L(0) is each task's first loss");

        gradNorm.reanchor(0);
        assertTrue(Double.isNaN(initialLosses(gradNorm)[0]));
        assertEquals(0.7, initialLosses(gradNorm)[1], "the other task keeps its reference");
        gradNorm.update(new double[]{1.4, 0.45}, new double[]{1, 1});
        assertArrayEquals(new double[]{1.4, 0.7}, initialLosses(gradNorm));

        LossWeighting fixed = LossWeighting.create(WeightingSpec.defaults(), tasks);
        fixed.reanchor(0); // nothing to re-anchor: a no-op
        double[] w = new double[2];
        fixed.weights(w);
        assertArrayEquals(new double[]{1, 1}, w);
    }
}
