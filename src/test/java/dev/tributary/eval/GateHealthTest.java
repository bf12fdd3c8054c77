package dev.tributary.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.util.Rng;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GateHealthTest {
    private static final int EXPERTS = 4;

    /** A softmax row with logits {@code bias[e] + noise · N(0,1)}. */
    static float[] softmaxRow(Rng rng, double[] bias, double noise) {
        double[] z = new double[bias.length];
        double sum = 0;
        for (int e = 0; e < bias.length; e++) {
            z[e] = Math.exp(bias[e] + noise * rng.nextGaussian());
            sum += z[e];
        }
        float[] row = new float[bias.length];
        for (int e = 0; e < bias.length; e++) {
            row[e] = (float) (z[e] / sum);
        }
        return row;
    }

    @Test
    void shouldReportLnExpertsEntropyForUniformGates() {
        GateHealth health = new GateHealth(2, EXPERTS, 10);
        float[] uniform = {0.25f, 0.25f, 0.25f, 0.25f};
        for (int i = 0; i < 25; i++) {
            health.add(0, uniform, 0);
        }
        assertEquals(Math.log(EXPERTS), health.entropy(0), 1e-12);
        assertEquals(Math.log(EXPERTS), health.shareEntropy(0), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, health.meanShares(0), 1e-15);
        assertTrue(Double.isNaN(health.entropy(1)));
        assertTrue(Double.isNaN(health.meanShares(1)[0]));
        assertEquals(-1, health.dominantExpert(1));
    }

    @Test
    void shouldRaiseCollapseAlarmWhenOneExpertTakesTheGate() {
        Rng rng = new Rng(1);
        GateHealth health = new GateHealth(2, EXPERTS, 200);
        for (int i = 0; i < 1000; i++) {
            health.add(0, softmaxRow(rng, new double[] {0, 0, 6, 0}, 0.3), 0);
            health.add(1, softmaxRow(rng, new double[] {0, 0.5, 1, 0}, 1.0), 0);
        }
        assertTrue(health.collapsed(0), "share " + health.meanShares(0)[2]);
        assertEquals(2, health.dominantExpert(0));
        assertFalse(health.collapsed(1));
        assertTrue(health.collapsed());
        assertTrue(health.entropy(0) < 0.2 * Math.log(EXPERTS), "entropy " + health.entropy(0));
    }

    @Test
    void shouldStayQuietBeforeAFullWindow() {
        GateHealth health = new GateHealth(2, 2, 100);
        for (int i = 0; i < 99; i++) {
            health.add(0, new float[] {1f, 0f}, 0);
            health.add(1, new float[] {1f, 0f}, 0);
        }
        assertFalse(health.collapsed());
        assertFalse(health.tasksIndistinguishable());
        assertTrue(Double.isNaN(health.maxPairwiseDistance()));
        health.add(0, new float[] {1f, 0f}, 0);
        health.add(1, new float[] {1f, 0f}, 0);
        assertTrue(health.collapsed());
        assertTrue(health.tasksIndistinguishable());
    }

    @Test
    void shouldFlagIndistinguishableTasksWhenGatesAreIdentical() {
        GateHealth health = new GateHealth(3, EXPERTS, 100);
        Rng rng = new Rng(4);
        float[] batch = new float[EXPERTS * 3]; // one row per task at offsets 0, 4, 8
        for (int i = 0; i < 500; i++) {
            float[] row = softmaxRow(rng, new double[] {0.2, 0, -0.1, 0.3}, 0.8);
            for (int t = 0; t < 3; t++) {
                System.arraycopy(row, 0, batch, t * EXPERTS, EXPERTS);
                health.add(t, batch, t * EXPERTS);
            }
        }
        assertEquals(0.0, health.maxPairwiseDistance(), 0.0);
        assertTrue(health.tasksIndistinguishable());
        assertFalse(health.collapsed());
    }

    @Test
    void shouldRaiseNoAlarmOnHealthyDiverseGates() {
        GateHealth health = new GateHealth(3, EXPERTS, 300);
        Rng rng = new Rng(9);
        double[][] bias = {{1.5, 0, 0, 0.5}, {0, 1.5, 0.5, 0}, {0.5, 0, 0, 1.5}};
        for (int i = 0; i < 2000; i++) {
            for (int t = 0; t < 3; t++) {
                health.add(t, softmaxRow(rng, bias[t], 1.0), 0);
            }
        }
        assertFalse(health.collapsed());
        assertFalse(health.tasksIndistinguishable());
        assertTrue(health.maxPairwiseDistance() > 0.1, "distance " + health.maxPairwiseDistance());
    }

    @Test
    void shouldNeverCallOneTaskOrOneExpertIndistinguishable() {
        GateHealth oneTask = new GateHealth(1, 3, 5);
        GateHealth oneExpert = new GateHealth(2, 1, 5);
        for (int i = 0; i < 10; i++) {
            oneTask.add(0, new float[] {0.2f, 0.3f, 0.5f}, 0);
            oneExpert.add(0, new float[] {1f}, 0);
            oneExpert.add(1, new float[] {1f}, 0);
        }
        assertFalse(oneTask.tasksIndistinguishable());
        assertFalse(oneExpert.tasksIndistinguishable());
        assertFalse(oneExpert.collapsed());
    }

    @Test
    void shouldAverageTheFirstWindowExactlyThenDecayWithStepOneOverWindow() {
        int window = 50;
        int n = 180;
        Rng rng = new Rng(12);
        GateHealth health = new GateHealth(1, 3, window);
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = softmaxRow(rng, new double[] {0, 0.3, -0.2}, 1.0);
            health.add(0, rows[i], 0);
            if (i + 1 == window) {
                double[] mean = new double[3];
                for (int k = 0; k < window; k++) {
                    for (int e = 0; e < 3; e++) {
                        mean[e] += rows[k][e] / (double) window;
                    }
                }
                assertArrayEquals(mean, health.meanShares(0), 1e-12);
            }
        }
        // Closed form after n > window rows: the first-window mean decayed (n - window) times, plus
        // each later row k weighted (1/W)(1 - 1/W)^(n - k).
        double decay = 1.0 - 1.0 / window;
        for (int e = 0; e < 3; e++) {
            double firstMean = 0;
            for (int k = 0; k < window; k++) {
                firstMean += rows[k][e];
            }
            double expected = firstMean / window * Math.pow(decay, n - window);
            for (int k = window + 1; k <= n; k++) {
                expected += rows[k - 1][e] / (double) window * Math.pow(decay, n - k);
            }
            assertEquals(expected, health.meanShares(0)[e], 1e-12, "expert " + e);
        }
    }

    @Test
    void shouldContinueIdenticallyAfterRestoreMidStream() throws IOException {
        Rng rng = new Rng(3);
        GateHealth original = new GateHealth(2, EXPERTS, 40);
        for (int i = 0; i < 100; i++) {
            original.add(i % 2, softmaxRow(rng, new double[] {0, 1, 0, -1}, 1.0), 0);
        }
        GateHealth restored = new GateHealth(2, EXPERTS, 40);
        restored.readState(new DataInputStream(new ByteArrayInputStream(BinaryMetricsTest.write(original))));
        for (int i = 0; i < 100; i++) {
            float[] row = softmaxRow(rng, new double[] {0, 1, 0, -1}, 1.0);
            original.add(i % 2, row, 0);
            restored.add(i % 2, row, 0);
        }
        for (int t = 0; t < 2; t++) {
            assertArrayEquals(original.meanShares(t), restored.meanShares(t), 0.0);
            assertEquals(original.entropy(t), restored.entropy(t), 0.0);
            assertEquals(original.count(t), restored.count(t));
        }
        assertThrows(IOException.class, () -> new GateHealth(2, EXPERTS, 41)
                .readState(new DataInputStream(new ByteArrayInputStream(BinaryMetricsTest.write(original)))));
    }

    @Test
    void shouldRefuseRowsThatAreNotGateDistributions() {
        GateHealth health = new GateHealth(2, 2, 10);
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> health.add(1, new float[] {0.5f, 0.6f}, 0));
        assertEquals("gate weights for task 1 must sum to 1, found 1.100000023841858", sum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> health.add(0, new float[] {1.5f, -0.5f}, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> health.add(2, new float[] {0.5f, 0.5f}, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> health.add(0, new float[] {0.5f, 0.5f}, 1));
        assertEquals(0, health.count(0) + health.count(1));
        IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class,
                () -> new GateHealth(2, 2, 10, 1.5));
        assertEquals("collapseThreshold must be in (0, 1], found 1.5", threshold.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GateHealth(0, 2, 10));
    }
}
