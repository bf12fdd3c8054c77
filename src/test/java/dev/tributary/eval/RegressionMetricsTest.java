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

class RegressionMetricsTest {

    private static void checkDirect(double[] pred, double[] label, int from, int to, Map<String, Double> snap,
            String suffix, double tolerance) {
        double squared = 0;
        double absolute = 0;
        double labels = 0;
        for (int i = from; i < to; i++) {
            squared += (pred[i] - label[i]) * (pred[i] - label[i]);
            absolute += Math.abs(pred[i] - label[i]);
            labels += label[i];
        }
        int n = to - from;
        String at = " over [" + from + ", " + to + ")";
        assertEquals(Math.sqrt(squared / n), snap.get("rmse" + suffix), tolerance, "rmse" + at);
        assertEquals(absolute / n, snap.get("mae" + suffix), tolerance, "mae" + at);
        assertEquals(labels / n, snap.get("mean_label" + suffix), tolerance * Math.abs(labels / n), "mean label" + at);
    }

    @Test
    void shouldMatchDirectRmseMaeAndMeanLabelOverWindowAndTotal() {
        int n = 3000;
        Rng rng = new Rng(41);
        double[] pred = new double[n];
        double[] label = new double[n];
        for (int i = 0; i < n; i++) {
            label[i] = 10 * Math.sin(i / 200.0) + rng.nextGaussian();
            pred[i] = label[i] + (i < 1500 ? 0.5 : 2.0) * rng.nextGaussian();
        }
        RegressionMetrics metrics = new RegressionMetrics(400);
        int fed = 0;
        for (int point : new int[] {1, 399, 400, 401, 1600, 3000}) {
            for (int i = fed; i < point; i++) {
                metrics.add(pred[i], label[i]);
            }
            fed = point;
            Map<String, Double> snap = metrics.snapshot();
            checkDirect(pred, label, Math.max(0, point - 400), point, snap, "_window", 1e-10);
            checkDirect(pred, label, 0, point, snap, "", 1e-10);
        }
    }

    @Test
    void shouldNotDriftOverALongStreamOfLargeValues() {
        int n = 200_000;
        int window = 100;
        Rng rng = new Rng(8);
        double[] pred = new double[n];
        double[] label = new double[n];
        RegressionMetrics metrics = new RegressionMetrics(window);
        for (int i = 0; i < n; i++) {
            label[i] = 1e6 + 1e3 * rng.nextGaussian();
            // Huge errors early, tiny ones at the end: a drifting running sum would swamp the last window.
            pred[i] = label[i] + (i < n - window ? 1e4 : 1e-3) * rng.nextGaussian();
            metrics.add(pred[i], label[i]);
        }
        Map<String, Double> snap = metrics.snapshot();
        double rmse = snap.get("rmse_window");
        checkDirect(pred, label, n - window, n, snap, "_window", 1e-6 * rmse);
        assertTrue(rmse < 1e-2, "window RMSE " + rmse);
    }

    @Test
    void shouldContinueIdenticallyAfterRestoreMidStream() throws IOException {
        Rng rng = new Rng(5);
        RegressionMetrics original = new RegressionMetrics(64);
        for (int i = 0; i < 1000; i++) {
            original.add(rng.nextGaussian(), rng.nextGaussian() * 3);
        }
        RegressionMetrics restored = original.copy();
        restored.readState(new DataInputStream(new ByteArrayInputStream(BinaryMetricsTest.write(original))));
        for (int i = 0; i < 1000; i++) {
            double p = rng.nextGaussian();
            double y = rng.nextGaussian() * 3;
            original.add(p, y);
            restored.add(p, y);
        }
        assertEquals(original.snapshot(), restored.snapshot());
    }

    @Test
    void shouldRefuseNonFiniteValues() {
        RegressionMetrics metrics = new RegressionMetrics(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.add(Double.NaN, 1));
        assertEquals("prediction must be finite, found NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> metrics.add(1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(new float[] {Float.NaN}, 0, 1.0));
        assertEquals(0, metrics.count());
        assertEquals(List.of("count", "count_window", "rmse", "rmse_window", "mae", "mae_window", "mean_label",
                "mean_label_window"), List.copyOf(metrics.snapshot().keySet()));
    }
}
