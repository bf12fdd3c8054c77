package dev.tributary.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Page-Hinkley against a brute-force evaluation of its statistic, pinned positions and behaviour. */
class PageHinkleyTest {

    /** Brute force: g_t = max over s of sum_{i=s+1..t} alpha^(t-i) (x_i - mean_i - delta), and 0. */
    private static List<double[]> bruteForce(double[] xs, int minInstances, double delta, double threshold, double alpha) {
        List<double[]> found = new ArrayList<>();
        List<Double> deviations = new ArrayList<>();
        double segmentSum = 0.0;
        for (int t = 0; t < xs.length; t++) {
            segmentSum += xs[t];
            deviations.add(xs[t] - segmentSum / (deviations.size() + 1) - delta);
            double best = 0.0;
            double suffix = 0.0;
            double weight = 1.0;
            for (int i = deviations.size() - 1; i >= 0; i--) {
                suffix += weight * deviations.get(i);
                weight *= alpha;
                best = Math.max(best, suffix);
            }
            if (deviations.size() >= minInstances && best > threshold) {
                found.add(new double[] {t + 1, best});
                deviations.clear();
                segmentSum = 0.0;
            }
        }
        return found;
    }

    private static void assertMatchesBruteForce(double[] xs, int minInstances, double delta, double threshold,
                                                double alpha) {
        List<double[]> expected = bruteForce(xs, minInstances, delta, threshold, alpha);
        PageHinkley ph = new PageHinkley(minInstances, delta, threshold, alpha);
        List<double[]> actual = new ArrayList<>();
        for (double x : xs) {
            ph.update(x);
            if (ph.driftDetected()) {
                actual.add(new double[] {ph.position(), ph.lastDrift().orElseThrow().statistic()});
            }
        }
        assertTrue(expected.size() >= 2, "the stream exercises several detections: " + expected.size());
        assertEquals(expected.size(), actual.size(), "number of detections");
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k)[0], actual.get(k)[0], "position of detection " + k);
            assertEquals(expected.get(k)[1], actual.get(k)[1], 1e-9 * expected.get(k)[1], "statistic of detection " + k);
        }
    }

    @Test
    void shouldMatchBruteForceStatisticWithFading() {
        double[] xs = Streams.bernoulli(41, 6_000, t -> t < 2_000 ? 0.2 : t < 4_000 ? 0.5 : 0.9);
        assertMatchesBruteForce(xs, 30, 0.005, 20.0, 0.999);
    }

    @Test
    void shouldMatchBruteForceStatisticWithoutFading() {
        double[] xs = Streams.gaussian(42, 5_000, t -> t < 2_000 ? 0.0 : t < 3_500 ? 0.5 : 1.5, 1.0);
        assertMatchesBruteForce(xs, 30, 0.05, 30.0, 1.0);
    }

    @Test
    void shouldDetectAtPinnedPositionsOnlyWhenTheMeanRises() {
        // Up at 5000, down at 8000 (ignored: the test is one-sided), up again at 10000.
        double[] xs = Streams.bernoulli(31, 12_000, t -> t < 5_000 ? 0.2 : t < 8_000 ? 0.5 : t < 10_000 ? 0.2 : 0.6);
        assertEquals(List.of(5_182L, 10_219L), Streams.detections(new PageHinkley(), xs));
    }

    @Test
    void shouldNotAlarmOnALongStationaryLossStream() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] losses = Streams.gaussian(seed, 100_000, t -> 1.0, 0.2);
            assertEquals(List.of(), Streams.detections(new PageHinkley(), losses), "seed " + seed);
        }
    }

    @Test
    void shouldNeverAlarmWhenTheMeanFalls() {
        double[] xs = Streams.bernoulli(43, 20_000, t -> t < 5_000 ? 0.9 : 0.05);
        PageHinkley ph = new PageHinkley(30, 0.005, 50.0, 0.9999);
        List<Long> detections = Streams.detections(ph, xs);
        assertTrue(detections.stream().noneMatch(p -> p > 5_000), detections.toString());
    }

    @Test
    void shouldEstimateTheChangePointAndRestartAfterADetection() {
        PageHinkley ph = new PageHinkley();
        double[] xs = Streams.abrupt(44, 7_000, 5_000, 0.2, 0.5);
        int t = 0;
        while (!ph.driftDetected()) {
            ph.update(xs[t++]);
        }
        DriftStats stats = ph.lastDrift().orElseThrow();
        assertEquals(t, stats.position());
        assertEquals(t, stats.countBefore() + stats.countAfter());
        assertEquals(0.2, stats.meanBefore(), 0.02);
        // The last zero of the sum is a rough change point (here 326 events early): the "after" part mixes both.
        assertTrue(stats.meanAfter() > stats.meanBefore() + 0.05, stats.toString());
        assertTrue(Math.abs(stats.countBefore() - 5_000) < 500, "change point estimate " + stats.countBefore());
        ph.update(xs[t]);
        assertEquals(0.0, ph.statistic(), "the first observation after a restart leaves the sum at 0");
    }
}
