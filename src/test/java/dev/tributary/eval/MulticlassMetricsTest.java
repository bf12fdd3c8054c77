package dev.tributary.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.util.Rng;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MulticlassMetricsTest {
    private static final int CLASSES = 4;

    /** Softmax rows (flat, CLASSES per row) from noisy logits favouring the label, and the labels. */
    static float[] distributions(long seed, int n, int[] labels) {
        Rng rng = new Rng(seed);
        float[] rows = new float[n * CLASSES];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(CLASSES);
            double[] logits = new double[CLASSES];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < CLASSES; k++) {
                logits[k] = 2.0 * rng.nextGaussian() + (k == labels[i] ? 1.0 : 0.0);
                max = Math.max(max, logits[k]);
            }
            double z = 0;
            for (int k = 0; k < CLASSES; k++) {
                z += Math.exp(logits[k] - max);
            }
            for (int k = 0; k < CLASSES; k++) {
                rows[i * CLASSES + k] = (float) (Math.exp(logits[k] - max) / z);
            }
        }
        return rows;
    }

    @Test
    void shouldMatchDirectAccuracyLogLossAndBrierOverWindowAndTotal() {
        int n = 2500;
        int window = 300;
        int[] labels = new int[n];
        float[] rows = distributions(17, n, labels);
        rows[10 * CLASSES + labels[10]] = 0f; // a certain miss: log-loss clipped at -ln(1e-7)
        normalise(rows, 10);
        MulticlassMetrics metrics = new MulticlassMetrics(CLASSES, window);
        int fed = 0;
        for (int point : new int[] {11, 299, 300, 301, 1234, 2500}) {
            for (int i = fed; i < point; i++) {
                metrics.add(rows, i * CLASSES, labels[i]);
            }
            fed = point;
            Map<String, Double> snap = metrics.snapshot();
            checkDirect(rows, labels, Math.max(0, point - window), point, snap, "_window");
            checkDirect(rows, labels, 0, point, snap, "");
            assertEquals(point, snap.get("count"), 0.0);
        }
    }

    private static void normalise(float[] rows, int row) {
        float sum = 0;
        for (int k = 0; k < CLASSES; k++) {
            sum += rows[row * CLASSES + k];
        }
        for (int k = 0; k < CLASSES; k++) {
            rows[row * CLASSES + k] /= sum;
        }
    }

    private static void checkDirect(float[] rows, int[] labels, int from, int to, Map<String, Double> snap,
            String suffix) {
        double correct = 0;
        double logLoss = 0;
        double brier = 0;
        for (int i = from; i < to; i++) {
            int argmax = 0;
            for (int k = 0; k < CLASSES; k++) {
                double p = rows[i * CLASSES + k];
                double y = k == labels[i] ? 1 : 0;
                brier += (p - y) * (p - y);
                argmax = p > rows[i * CLASSES + argmax] ? k : argmax;
            }
            correct += argmax == labels[i] ? 1 : 0;
            logLoss -= Math.log(Math.max(1e-7, Math.min(1 - 1e-7, rows[i * CLASSES + labels[i]])));
        }
        int n = to - from;
        String at = " over [" + from + ", " + to + ")";
        assertEquals(correct / n, snap.get("accuracy" + suffix), 1e-12, "accuracy" + at);
        assertEquals(logLoss / n, snap.get("logloss" + suffix), 1e-9, "logloss" + at);
        assertEquals(brier / n, snap.get("brier" + suffix), 1e-9, "brier" + at);
    }

    @Test
    void shouldBreakArgmaxTiesTowardsTheLowestClass() {
        MulticlassMetrics metrics = new MulticlassMetrics(3, 5);
        metrics.add(new float[] {0.4f, 0.4f, 0.2f}, 0, 0);
        metrics.add(new float[] {0.4f, 0.4f, 0.2f}, 0, 1);
        assertEquals(0.5, metrics.snapshot().get("accuracy"), 0.0);
        // Brier of the first row: 0.6² + 0.4² + 0.2² = 0.56, the second the same by symmetry.
        assertEquals(0.56, metrics.snapshot().get("brier"), 1e-7);
    }

    @Test
    void shouldContinueIdenticallyAfterRestoreMidStream() throws IOException {
        int n = 2000;
        int[] labels = new int[n];
        float[] rows = distributions(3, n, labels);
        MulticlassMetrics original = new MulticlassMetrics(CLASSES, 250);
        for (int i = 0; i < 900; i++) {
            original.add(rows, i * CLASSES, labels[i]);
        }
        MulticlassMetrics restored = original.copy();
        assertEquals(0, restored.count());
        restored.readState(new DataInputStream(new ByteArrayInputStream(BinaryMetricsTest.write(original))));
        for (int i = 900; i < n; i++) {
            original.add(rows, i * CLASSES, labels[i]);
            restored.add(rows, i * CLASSES, labels[i]);
        }
        assertEquals(original.snapshot(), restored.snapshot());
        assertThrows(IOException.class, () -> new MulticlassMetrics(3, 250)
                .readState(new DataInputStream(new ByteArrayInputStream(BinaryMetricsTest.write(original)))));
    }

    @Test
    void shouldRefuseBadLabelsAndDistributions() {
        MulticlassMetrics metrics = new MulticlassMetrics(3, 5);
        float[] ok = {0.2f, 0.3f, 0.5f};
        IllegalArgumentException label = assertThrows(IllegalArgumentException.class, () -> metrics.add(ok, 0, 3));
        assertEquals("label must be a class index in [0, 3), found 3", label.getMessage());
        assertThrows(IllegalArgumentException.class, () -> metrics.add(ok, 0, 1.5));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(ok, 0, -1.0));
        IllegalArgumentException sum = assertThrows(IllegalArgumentException.class,
                () -> metrics.add(new float[] {0.2f, 0.3f, 0.6f}, 0, 0));
        assertTrue(sum.getMessage().startsWith("class distribution must sum to 1"), sum.getMessage());
        assertThrows(IllegalArgumentException.class, () -> metrics.add(new float[] {-0.2f, 0.7f, 0.5f}, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(new float[] {Float.NaN, 0.5f, 0.5f}, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> metrics.add(ok, 1, 0));
        assertEquals(0, metrics.count());
        assertThrows(IllegalArgumentException.class, () -> new MulticlassMetrics(1, 5));
    }

    @Test
    void shouldPublishItsMetricsAndNaNBeforeTheFirstEvent() {
        Map<String, Double> snap = new MulticlassMetrics(3, 5).snapshot();
        assertEquals(List.of("count", "count_window", "accuracy", "accuracy_window", "logloss", "logloss_window",
                "brier", "brier_window"), List.copyOf(snap.keySet()));
        assertTrue(Double.isNaN(snap.get("logloss_window")));
    }
}
