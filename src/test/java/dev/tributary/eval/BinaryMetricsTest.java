package dev.tributary.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tributary.util.Rng;
import dev.tributary.util.Stateful;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    /** A seeded stream of (probability, label) events. */
    record Stream(double[] scores, boolean[] labels) {
        int length() {
            return scores.length;
        }
    }

    static Stream continuous(long seed, int n) {
        Rng rng = new Rng(seed);
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextDouble() < 0.3 + 0.2 * Math.sin(i / 400.0);
            s[i] = 1.0 / (1.0 + Math.exp(-(1.5 * rng.nextGaussian() + (y[i] ? 0.8 : -0.8))));
        }
        return new Stream(s, y);
    }

    /** Five score levels and label regimes (all 0, all 1, mixed) longer than small windows. */
    static Stream tiedWithOneClassStretches(long seed, int n) {
        Rng rng = new Rng(seed);
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        double rate = 0.5;
        for (int i = 0; i < n; i++) {
            if (rng.nextInt(120) == 0) {
                rate = new double[] {0.0, 1.0, 0.5, 0.2}[rng.nextInt(4)];
            }
            y[i] = rng.nextDouble() < rate;
            s[i] = Math.min(4, rng.nextInt(4) + (y[i] ? rng.nextInt(2) : 0)) / 4.0;
        }
        return new Stream(s, y);
    }

    static void feed(BinaryMetrics m, Stream stream, int from, int to) {
        for (int i = from; i < to; i++) {
            m.add(stream.scores()[i], stream.labels()[i] ? 1 : 0);
        }
    }

    @Test
    void shouldMatchNd4jExactRocOverTheWindowAtSeveralPoints() {
        int window = 1000;
        Stream stream = continuous(11, 5000);
        BinaryMetrics metrics = new BinaryMetrics(window);
        int fed = 0;
        for (int point : new int[] {2, 10, 999, 1000, 1001, 2500, 4321, 5000}) {
            feed(metrics, stream, fed, point);
            fed = point;
            int from = Math.max(0, point - window);
            assertFalse(AucOracles.hasTies(stream.scores(), from, point), "ND4J is an oracle only without ties");
            double expected = AucOracles.nd4j(stream.scores(), stream.labels(), from, point);
            assertEquals(expected, metrics.windowAuc(), 1e-12, "window AUC after " + point + " events");
        }
    }

    @Test
    void shouldMatchBruteForcePairCountingAtEveryStepWithTiesAndOneClassWindows() {
        int window = 64;
        Stream stream = tiedWithOneClassStretches(5, 4000);
        BinaryMetrics metrics = new BinaryMetrics(window);
        int undefined = 0;
        for (int i = 0; i < stream.length(); i++) {
            feed(metrics, stream, i, i + 1);
            double expected = AucOracles.bruteForce(stream.scores(), stream.labels(), Math.max(0, i + 1 - window), i + 1);
            // Both are 2U / (2 n+ n-) with the same integers, so they agree bit for bit, NaN included.
            assertEquals(expected, metrics.windowAuc(), 0.0, "window AUC after " + (i + 1) + " events");
            undefined += Double.isNaN(expected) ? 1 : 0;
        }
        assertTrue(undefined > 100 && undefined < 3000, "stream must mix one-class and two-class windows, found "
                + undefined + " one-class windows");
    }

    @Test
    void shouldAgreeWithNd4jThatAOneClassWindowHasNoAuc() {
        BinaryMetrics metrics = new BinaryMetrics(3);
        double[] s = {0.2, 0.9, 0.4, 0.7, 0.1, 0.6};
        boolean[] y = {false, true, true, true, true, false};
        for (int i = 0; i < s.length; i++) {
            metrics.add(s[i], y[i] ? 1 : 0);
        }
        // Window holds events 3..5: positives 0.7, 0.1 and negative 0.6 -> pairs (0.7>0.6), (0.1<0.6).
        assertEquals(0.5, metrics.windowAuc(), 0.0);
        BinaryMetrics oneClass = new BinaryMetrics(3);
        for (int i = 1; i <= 4; i++) {
            oneClass.add(s[i], 1);
        }
        assertTrue(Double.isNaN(oneClass.windowAuc()));
        assertTrue(Double.isNaN(AucOracles.nd4j(s, new boolean[] {true, true, true, true, true, true}, 1, 4)));
        assertTrue(Double.isNaN(oneClass.snapshot().get("auc_window")));
    }

    @Test
    void shouldMatchTheMidRankFormulaOnALargeWindowWithTies() {
        int window = 10_000;
        Stream raw = continuous(23, 26_000);
        double[] quantised = raw.scores().clone();
        for (int i = 0; i < quantised.length; i++) {
            quantised[i] = Math.round(quantised[i] * 512) / 512.0; // heavy ties: 513 levels
        }
        Stream stream = new Stream(quantised, raw.labels());
        BinaryMetrics metrics = new BinaryMetrics(window);
        int fed = 0;
        for (int point : new int[] {5_000, 10_000, 10_001, 17_777, 26_000}) {
            feed(metrics, stream, fed, point);
            fed = point;
            int from = Math.max(0, point - window);
            double expected = AucOracles.midRank(stream.scores(), stream.labels(), from, point);
            assertEquals(expected, metrics.windowAuc(), 1e-12, "window AUC after " + point + " events");
        }
        int from = fed - window;
        assertEquals(AucOracles.bruteForce(stream.scores(), stream.labels(), from, fed), metrics.windowAuc(), 0.0);
    }

    @Test
    void shouldMatchDirectLogLossBrierAccuracyAndPositiveRate() {
        int window = 700;
        Stream base = continuous(3, 3000);
        double[] s = base.scores().clone();
        s[5] = 0.0; // clipped log-loss on both sides
        s[6] = 1.0;
        s[2000] = 0.0;
        s[2001] = 1.0;
        s[2002] = 0.5;
        Stream stream = new Stream(s, base.labels());
        BinaryMetrics metrics = new BinaryMetrics(window);
        int fed = 0;
        for (int point : new int[] {7, 699, 700, 1500, 2003, 3000}) {
            feed(metrics, stream, fed, point);
            fed = point;
            Map<String, Double> snap = metrics.snapshot();
            checkDirect(stream, Math.max(0, point - window), point, snap, "_window");
            checkDirect(stream, 0, point, snap, "");
            assertEquals(point, snap.get("count"), 0.0);
            assertEquals(Math.min(point, window), snap.get("count_window"), 0.0);
        }
    }

    private static void checkDirect(Stream stream, int from, int to, Map<String, Double> snap, String suffix) {
        double logLoss = 0;
        double brier = 0;
        double correct = 0;
        double positives = 0;
        for (int i = from; i < to; i++) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, stream.scores()[i]));
            double y = stream.labels()[i] ? 1 : 0;
            logLoss += -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
            brier += (stream.scores()[i] - y) * (stream.scores()[i] - y);
            correct += (stream.scores()[i] >= 0.5 ? 1 : 0) == y ? 1 : 0;
            positives += y;
        }
        int n = to - from;
        String at = " over [" + from + ", " + to + ")";
        assertEquals(logLoss / n, snap.get("logloss" + suffix), 1e-9, "logloss" + at);
        assertEquals(brier / n, snap.get("brier" + suffix), 1e-12, "brier" + at);
        assertEquals(correct / n, snap.get("accuracy" + suffix), 1e-12, "accuracy" + at);
        assertEquals(positives / n, snap.get("positive_rate" + suffix), 1e-12, "positive rate" + at);
    }

    @Test
    void shouldKeepHistogramAucWithinItsStatedErrorBound() {
        int n = 20_000;
        double largestError = 0;
        for (int bins : new int[] {4, 64, 4096}) {
            for (long seed = 1; seed <= 2; seed++) {
                for (double spread : new double[] {0.05, 1.0, 4.0}) {
                    Rng rng = new Rng(seed * 31 + bins);
                    double[] s = new double[n];
                    boolean[] y = new boolean[n];
                    BinaryMetrics metrics = new BinaryMetrics(10, bins);
                    for (int i = 0; i < n; i++) {
                        y[i] = rng.nextDouble() < 0.4;
                        double z = spread * rng.nextGaussian() + (y[i] ? 0.3 : -0.3) * spread;
                        s[i] = 1.0 / (1.0 + Math.exp(-z));
                        metrics.add(s[i], y[i] ? 1 : 0);
                    }
                    double exact = AucOracles.midRank(s, y, 0, n);
                    double error = Math.abs(metrics.auc() - exact);
                    String where = bins + " bins, seed " + seed + ", spread " + spread;
                    assertTrue(error <= metrics.aucErrorBound() + 1e-12, where + ": error " + error
                            + " exceeds bound " + metrics.aucErrorBound());
                    assertEquals(metrics.aucErrorBound(), metrics.snapshot().get("auc_error_bound"), 0.0);
                    largestError = Math.max(largestError, error);
                    if (bins == 4096 && spread >= 1.0) {
                        assertTrue(metrics.aucErrorBound() < 1e-3, where + ": bound " + metrics.aucErrorBound());
                    }
                }
            }
        }
        assertTrue(largestError > 1e-3, "coarse bins must actually err, or the bound test proves nothing");
    }

    @Test
    void shouldContinueIdenticallyAfterRestoreMidStream() throws IOException {
        Stream stream = tiedWithOneClassStretches(9, 4000);
        BinaryMetrics original = new BinaryMetrics(500, 64);
        feed(original, stream, 0, 1700); // past several window wraps and re-summations
        byte[] state = write(original);
        BinaryMetrics restored = new BinaryMetrics(500, 64);
        restored.readState(new DataInputStream(new ByteArrayInputStream(state)));
        assertEquals(original.snapshot(), restored.snapshot());
        for (int i = 1700; i < stream.length(); i += 150) {
            int to = Math.min(stream.length(), i + 150);
            feed(original, stream, i, to);
            feed(restored, stream, i, to);
            assertEquals(original.snapshot(), restored.snapshot(), "after " + to + " events");
        }
        assertEquals(Arrays.toString(write(original)), Arrays.toString(write(restored)));
    }

    @Test
    void shouldRefuseStateWrittenForAnotherWindowOrBinCount() throws IOException {
        BinaryMetrics writer = new BinaryMetrics(100, 64);
        feed(writer, continuous(1, 50), 0, 50);
        byte[] state = write(writer);
        IOException wrongWindow = assertThrows(IOException.class,
                () -> new BinaryMetrics(200, 64).readState(new DataInputStream(new ByteArrayInputStream(state))));
        assertTrue(wrongWindow.getMessage().contains("window 100"), wrongWindow.getMessage());
        IOException wrongBins = assertThrows(IOException.class,
                () -> new BinaryMetrics(100, 32).readState(new DataInputStream(new ByteArrayInputStream(state))));
        assertTrue(wrongBins.getMessage().contains("64 bins"), wrongBins.getMessage());
    }

    @Test
    void shouldRefuseBadEventsAndStayUnchanged() {
        BinaryMetrics metrics = new BinaryMetrics(10);
        metrics.add(0.3, 1);
        Map<String, Double> before = metrics.snapshot();
        assertThrows(IllegalArgumentException.class, () -> metrics.add(0.3, 2));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> metrics.add(new float[] {0.4f}, 0, 0.5));
        assertThrows(IndexOutOfBoundsException.class, () -> metrics.add(new float[] {0.4f}, 1, 1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> metrics.add(-0.1, 0));
        assertEquals("score must be a probability in [0, 1], found -0.1", e.getMessage());
        assertEquals(before, metrics.snapshot());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> new BinaryMetrics(-3));
        assertEquals("window must be positive, found -3", w.getMessage());
    }

    @Test
    void shouldPublishEveryMetricAndNaNBeforeTheFirstEvent() {
        Map<String, Double> snap = new BinaryMetrics(10).snapshot();
        assertEquals(List.of("count", "count_window", "auc", "auc_error_bound", "auc_window", "logloss",
                "logloss_window", "accuracy", "accuracy_window", "brier", "brier_window", "positive_rate",
                "positive_rate_window"), List.copyOf(snap.keySet()));
        assertEquals(0.0, snap.get("count"), 0.0);
        assertEquals(0.0, snap.get("count_window"), 0.0);
        snap.entrySet().stream().filter(en -> !en.getKey().startsWith("count"))
                .forEach(en -> assertTrue(Double.isNaN(en.getValue()), en.getKey() + " = " + en.getValue()));
    }

    static byte[] write(Stateful s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        s.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
