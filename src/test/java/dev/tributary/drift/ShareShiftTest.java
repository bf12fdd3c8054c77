package dev.tributary.drift;

import dev.tributary.util.Rng;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ShareShiftTest {

    /**
     * Softmax gates over three experts: logits {@code base + N(0, 0.5²)} per component, so the shares
     * vary from event to event around a mean the base fixes.
     */
    static float[][] gates(long seed, int n, int shiftAt, double[] before, double[] after) {
        Rng rng = new Rng(seed);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            double[] base = i < shiftAt ? before : after;
            double[] e = new double[base.length];
            double sum = 0;
            for (int k = 0; k < base.length; k++) {
                e[k] = Math.exp(base[k] + 0.5 * rng.nextGaussian());
                sum += e[k];
            }
            out[i] = new float[base.length];
            for (int k = 0; k < base.length; k++) {
                out[i][k] = (float) (e[k] / sum);
            }
        }
        return out;
    }

    static final double[] ROUTE_A = {1.0, 0.3, -0.5};
    static final double[] ROUTE_B = {-0.5, 0.3, 1.0};

    static List<Long> detections(ShareShift d, float[][] xs) {
        List<Long> found = new ArrayList<>();
        for (float[] x : xs) {
            d.update(x, 0);
            if (d.driftDetected()) {
                found.add(d.position());
            }
        }
        return found;
    }

    /** Mean with weights max(1/n, 1/h) written as an explicit weighted sum over the whole history. */
    static double bruteForceMean(float[][] xs, int n, int k, int h) {
        if (n <= h) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += xs[i][k];
            }
            return s / n;
        }
        double decay = 1 - 1.0 / h;
        double m = bruteForceMean(xs, h, k, h) * Math.pow(decay, n - h);
        for (int i = h + 1; i <= n; i++) {
            m += (double) xs[i - 1][k] / h * Math.pow(decay, n - i);
        }
        return m;
    }

    @Test
    void shouldKeepMovingMeansAndDistanceEqualToABruteForceWeightedSum() {
        float[][] xs = gates(3, 1500, 700, ROUTE_A, ROUTE_B);
        ShareShift d = new ShareShift(3, 50, 400, 0.1);
        for (int n = 1; n <= xs.length; n++) {
            d.update(xs[n - 1], 0);
            if (n % 97 == 0 || n == xs.length) {
                double tv = 0;
                for (int k = 0; k < 3; k++) {
                    double fast = bruteForceMean(xs, n, k, 50);
                    double slow = bruteForceMean(xs, n, k, 400);
                    assertEquals(fast, d.fastMean()[k], 1e-9, "fast mean " + k + " after " + n);
                    assertEquals(slow, d.slowMean()[k], 1e-9, "slow mean " + k + " after " + n);
                    tv += Math.abs(fast - slow) / 2;
                }
                assertEquals(tv, d.distance(), 1e-9, "distance after " + n);
            }
        }
    }

    @Test
    void shouldDetectAnAbruptReroutingOnceAndSoon() {
        float[][] xs = gates(11, 8000, 5000, ROUTE_A, ROUTE_B);
        ShareShift d = new ShareShift(3, ShareShift.DEFAULT_FAST, ShareShift.DEFAULT_SLOW, ShareShift.DEFAULT_THRESHOLD);

        List<Long> found = detections(d, xs);

        assertEquals(List.of(5029L), found, "one detection, 29 events after the shift");
        DriftStats s = d.lastDrift().orElseThrow();
        assertEquals("share-shift", s.detector());
        assertTrue(s.statistic() > 0.1, s.toString());
        // The component that moved most is expert 2 (ROUTE_B favours it) or expert 0 (it loses most).
        assertNotEquals(s.meanBefore(), s.meanAfter(), 0.05);
    }

    @Test
    void shouldRaiseNoAlarmOnAStationaryStream() {
        for (long seed = 20; seed < 25; seed++) {
            float[][] xs = gates(seed, 100_000, Integer.MAX_VALUE, ROUTE_A, ROUTE_A);
            ShareShift d = new ShareShift(3, ShareShift.DEFAULT_FAST, ShareShift.DEFAULT_SLOW,
                    ShareShift.DEFAULT_THRESHOLD);
            assertEquals(List.of(), detections(d, xs), "seed " + seed);
            assertTrue(d.distance() < 0.05, "distance stays small: " + d.distance());
        }
    }

    @Test
    void shouldStaySilentUntilTheSlowMeanHasItsHorizon() {
        float[][] xs = gates(5, 3000, 300, ROUTE_A, ROUTE_B);
        ShareShift d = new ShareShift(3, 100, 1000, 0.1);

        List<Long> found = detections(d, xs);

        assertEquals(1, found.size(), found.toString());
        assertEquals(1000L, found.get(0), "raised at the first update allowed: the fast and slow means still differ");
    }

    @Test
    void shouldRaiseAgainOnlyAfterTheDistanceHasFallenBelowHalfTheThreshold() {
        // A → B at 3000, back to A at 9000: two separate shifts, two detections.
        float[][] there = gates(8, 9000, 3000, ROUTE_A, ROUTE_B);
        float[][] back = gates(9, 6000, 0, ROUTE_A, ROUTE_A);
        float[][] xs = new float[15000][];
        System.arraycopy(there, 0, xs, 0, 9000);
        System.arraycopy(back, 0, xs, 9000, 6000);
        ShareShift d = new ShareShift(3, 100, 1000, 0.1);

        List<Long> found = detections(d, xs);

        assertEquals(2, found.size(), found.toString());
        assertTrue(found.get(0) > 3000 && found.get(0) < 3100, found.toString());
        assertTrue(found.get(1) > 9000 && found.get(1) < 9100, found.toString());
    }

    @Test
    void shouldContinueBitIdenticallyAfterWritingAndReadingItsState() throws IOException {
        float[][] xs = gates(13, 9000, 6000, ROUTE_A, ROUTE_B);
        ShareShift a = new ShareShift(3, 100, 1000, 0.1);
        for (int i = 0; i < 4000; i++) {
            a.update(xs[i], 0);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.writeState(new DataOutputStream(bytes));
        ShareShift b = new ShareShift(3, 100, 1000, 0.1);
        b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        float[][] rest = java.util.Arrays.copyOfRange(xs, 4000, xs.length);

        List<Long> fromA = detections(a, rest);

        assertFalse(fromA.isEmpty());
        assertEquals(fromA, detections(b, rest));
        assertEquals(a.lastDrift(), b.lastDrift());
        assertArrayEquals(a.fastMean(), b.fastMean());
        assertArrayEquals(a.slowMean(), b.slowMean());
        ShareShift wrongSize = new ShareShift(4, 100, 1000, 0.1);
        IOException e = assertThrows(IOException.class, () -> wrongSize.readState(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
        assertEquals("share-shift state has vectors of 3, expected 4", e.getMessage());
    }

    @Test
    void shouldRefuseBadSettingsAndBadVectorsByName() {
        assertEquals("size must be at least 2, found 1",
                assertThrows(IllegalArgumentException.class, () -> new ShareShift(1, 10, 100, 0.1)).getMessage());
        assertEquals("fast must be positive, found 0",
                assertThrows(IllegalArgumentException.class, () -> new ShareShift(3, 0, 100, 0.1)).getMessage());
        assertEquals("slow must be greater than fast = 100, found 100",
                assertThrows(IllegalArgumentException.class, () -> new ShareShift(3, 100, 100, 0.1)).getMessage());
        assertEquals("threshold must be in (0.0, 1.0), found 1.0",
                assertThrows(IllegalArgumentException.class, () -> new ShareShift(3, 10, 100, 1.0)).getMessage());
        ShareShift d = new ShareShift(3, 10, 100, 0.1);
        assertEquals("component 1 must be in [0, 1], found NaN", assertThrows(IllegalArgumentException.class,
                () -> d.update(new float[]{0.5f, Float.NaN, 0.5f}, 0)).getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> d.update(new float[]{0.5f, 0.5f}, 0));
        assertEquals(0, d.position(), "refused vectors are not counted");
    }
}
