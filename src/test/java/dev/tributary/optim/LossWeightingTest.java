package dev.tributary.optim;

import dev.tributary.spec.TaskKind;
import dev.tributary.spec.TaskSpec;
import dev.tributary.spec.WeightingSpec;
import dev.tributary.spec.WeightingType;
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

class LossWeightingTest {
    static final List<TaskSpec> TASKS = List.of(new TaskSpec("a", TaskKind.BINARY, List.of(), "a", false),
            new TaskSpec("b", TaskKind.BINARY, List.of(), "b", false));

    static LossWeighting create(WeightingType type, Map<String, Double> w, int window, double lr) {
        return LossWeighting.create(new WeightingSpec(type, w, window, 2.0, 1.5, lr), TASKS);
    }

    @Test
    void shouldUseFixedWeightsFromTheSpec() {
        LossWeighting w = create(WeightingType.FIXED, Map.of("a", 2.0), 1, 0.1);
        double[] out = new double[2];
        w.weights(out);
        assertArrayEquals(new double[]{2.0, 1.0}, out);
    }

    @Test
    void shouldDriveUncertaintyWeightsToTheInverseLoss() {
        // The objective e^{-s}L + s is minimised at s = log L, i.e. weight 1/L.
        LossWeighting w = create(WeightingType.UNCERTAINTY, Map.of(), 1, 0.05);
        for (int i = 0; i < 5000; i++) {
            w.update(new double[]{0.5, 2.0}, null);
        }
        double[] out = new double[2];
        w.weights(out);
        assertEquals(2.0, out[0], 1e-3);
        assertEquals(0.5, out[1], 1e-3);
    }

    @Test
    void shouldGiveDwaWeightsBySoftmaxOfLossRatios() {
        LossWeighting w = create(WeightingType.DWA, Map.of(), 2, 0.1);
        double[] out = new double[2];
        // window 1: a=1, b=1; window 2: a=0.5 (falls fast), b=0.9 (falls slowly)
        for (double[] l : new double[][]{{1, 1}, {1, 1}, {0.5, 0.9}, {0.5, 0.9}}) {
            w.update(l, null);
        }
        w.weights(out);
        double ra = 0.5, rb = 0.9;
        double ea = Math.exp(ra / 2.0), eb = Math.exp(rb / 2.0);
        assertEquals(2 * ea / (ea + eb), out[0], 1e-12);
        assertEquals(2 * eb / (ea + eb), out[1], 1e-12);
        assertTrue(out[1] > out[0], "the slowly falling task gets more weight");
    }

    @Test
    void shouldMoveGradNormWeightsTowardsTheTaskWithSmallerGradients() {
        LossWeighting w = create(WeightingType.GRADNORM, Map.of(), 1, 0.001);
        assertTrue(w.needsGradNorms());
        double[] out = new double[2];
        for (int i = 0; i < 3000; i++) {
            w.update(new double[]{1.0, 1.0}, new double[]{1.0, 4.0});
        }
        w.weights(out);
        assertEquals(2.0, out[0] + out[1], 1e-9, "weights sum to the task count");
        // Equal training rates: GradNorm equalises w·G, so w_a/w_b approaches G_b/G_a = 4.
        assertEquals(4.0, out[0] / out[1], 0.3);
    }

    @Test
    void shouldShiftMinMaxWeightTowardsTheLargestLossWithAFloor() {
        LossWeighting w = create(WeightingType.MINMAX, Map.of(), 1, 0.5);
        double[] out = new double[2];
        w.weights(out);
        assertArrayEquals(new double[]{1, 1}, out, 1e-12);
        for (int i = 0; i < 100; i++) {
            w.update(new double[]{0.2, 1.0}, null);
        }
        w.weights(out);
        assertTrue(out[1] > 1.9, "worst task dominates: " + out[1]);
        assertEquals(MinMaxWeighting.FLOOR, out[0], 1e-6, "the floor keeps the other task learning");
        assertEquals(2.0, out[0] + out[1], 1e-9);
    }

    @ParameterizedTest
    @EnumSource(WeightingType.class)
    void shouldContinueIdenticallyAfterStateRoundTrip(WeightingType type) throws IOException {
        LossWeighting a = create(type, Map.of("a", 1.5), 2, 0.05);
        for (int i = 0; i < 7; i++) {
            a.update(new double[]{0.3 + 0.1 * i, i % 2 == 0 ? Double.NaN : 0.8}, new double[]{1, 2});
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        LossWeighting b = create(type, Map.of("a", 1.5), 2, 0.05);
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        a.update(new double[]{0.4, 0.6}, new double[]{1, 3});
        b.update(new double[]{0.4, 0.6}, new double[]{1, 3});
        double[] wa = new double[2];
        double[] wb = new double[2];
        a.weights(wa);
        b.weights(wb);
        assertArrayEquals(wa, wb);
    }

    @Test
    void shouldRefuseBadParameters() {
        assertEquals("weights.a must be positive, found -1", assertThrows(IllegalArgumentException.class,
                () -> create(WeightingType.FIXED, Map.of("a", -1.0), 1, 0.1)).getMessage());
        assertEquals("window must be at least 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> create(WeightingType.DWA, Map.of(), 0, 0.1)).getMessage());
        assertEquals("learningRate must be positive, found 0", assertThrows(IllegalArgumentException.class,
                () -> create(WeightingType.UNCERTAINTY, Map.of(), 1, 0)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DwaWeighting(2, 0, 2.0)).getMessage()
                .contains("DWA window must be at least 1"), "the weighting checks what it is given directly too");
    }
}
